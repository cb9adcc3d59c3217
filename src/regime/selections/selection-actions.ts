/** The selection's buttons: 推荐, 确认候选人, 投票, 确认结果, 提出异议, 答复, 发布表彰. */
import { z } from 'zod';
import { objectionAnswerCard, objectionCard } from '../../../cards/selection-manage.js';
import { defineAction, type ActionContext } from '../../bot/module.js';
import {
  listBranchPeople,
  recordAudit,
  refusalReply,
  requireRole,
  sourceOf,
  type Permission,
} from '../../org/index.js';
import { SELECTION_PERMISSIONS } from './permissions.js';
import type { Selection } from './selection.entity.js';
import { castVote, findSelection, putNomination, selections } from './selection.repository.js';
import { commend, confirmCandidates, confirmResult, parseHonours, startSelection } from './selection-flow.js';
import { statusCard } from './selection-views.js';

const ref = z.object({ selection: z.string().min(1).max(80) });
const warn = (content: string) => ({ toast: { type: 'warning' as const, content } });
const done = (content: string) => ({ toast: { type: 'success' as const, content } });
const STAGE_PAST = '评选已进入下一阶段，这张卡片已过期';

async function allowed(ctx: ActionContext<unknown, unknown>, id: string, p: Permission) {
  const s = await findSelection(ctx.conn, id);
  if (!s) return { refusal: warn('找不到这次评选') };
  const ok = await requireRole(ctx.conn, ctx.operatorOpenId, p, s.branchId);
  if (!ok.ok) return { refusal: refusalReply(ok) };
  return { s: s as Selection, person: ok.person };
}

const who = (ctx: ActionContext<unknown, unknown>) => ({
  actor: ctx.operatorOpenId,
  source: sourceOf(ctx),
  now: ctx.clock.now(),
});

export const selectionActions = {
  'selection.start': defineAction({
    value: z.object({ branch: z.string().min(1), year: z.number().int() }),
    form: z.object({ honours: z.string().optional(), days: z.string().optional() }),
    run: async (ctx) => {
      const ok = await requireRole(
        ctx.conn,
        ctx.operatorOpenId,
        SELECTION_PERMISSIONS.manage,
        ctx.value.branch,
      );
      if (!ok.ok) return refusalReply(ok);
      const honours = parseHonours(ctx.formValue.honours);
      if (!honours) return warn('荣誉请写成「优秀共产党员:2，优秀党务工作者」，最多5项');
      const days = ctx.formValue.days?.trim() ? Number(ctx.formValue.days) : undefined;
      if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= 30))
        return warn('公示天数请填写1到30的整数');
      const started = await startSelection(ctx, {
        ...who(ctx),
        branchId: ctx.value.branch,
        year: ctx.value.year,
        honours,
        ...(days ? { noticeDays: days } : {}),
      });
      if (!started.ok) return warn(started.message);
      return {
        ...done('推荐已开始，推荐卡片已发到支部群'),
        card: await statusCard(ctx.conn, started.selection, true, ctx.clock.now()),
      };
    },
  }),

  'selection.nominate': defineAction({
    value: ref,
    form: z.object({
      nominee: z.string().min(1),
      reason: z.string().trim().min(5).max(300),
      honour: z.string().optional(),
    }),
    formError: { type: 'warning', content: '请选择推荐对象，并写明推荐理由（至少5个字）' },
    run: async (ctx) => {
      const { s, refusal } = await allowed(ctx, ctx.value.selection, SELECTION_PERMISSIONS.nominate);
      if (!s) return refusal;
      if (s.stage !== 'nominating') return warn(STAGE_PAST);
      const honour = s.honours.find((h) => h.id === (ctx.formValue.honour ?? s.honours[0]!.id));
      const nominee = (await listBranchPeople(ctx.conn, s.branchId, 'member')).find(
        (m) => m.openId === ctx.formValue.nominee,
      );
      if (!honour || !nominee) return warn('推荐对象须是本支部党员');
      const n = {
        selectionId: s._id,
        honourId: honour.id,
        nominee: nominee.openId,
        nomineeName: nominee.name,
        nominator: ctx.operatorOpenId,
      };
      const created = await putNomination(ctx.conn, {
        _id: `${s._id}|${honour.id}|${ctx.operatorOpenId}|${nominee.openId}`,
        ...n,
        reason: ctx.formValue.reason.trim(),
        at: ctx.clock.now(),
      });
      if (!created) return warn(`你已经推荐过${nominee.name}`);
      await recordAudit(ctx.conn, {
        at: ctx.clock.now(),
        actor: ctx.operatorOpenId,
        action: 'selection.nominate',
        branchId: s.branchId,
        target: { type: 'selection', id: s._id },
        detail: { honour: honour.id, nominee: nominee.openId },
        source: sourceOf(ctx),
      });
      return done(`已推荐${nominee.name}为${honour.name}候选人`);
    },
  }),

  'selection.candidates': defineAction({
    value: ref,
    run: async (ctx) => {
      const { s, refusal } = await allowed(ctx, ctx.value.selection, SELECTION_PERMISSIONS.manage);
      if (!s) return refusal;
      const problem = await confirmCandidates(ctx, s, who(ctx));
      if (problem) return warn(problem);
      return {
        ...done('候选人已确认，投票卡片已发到支部群'),
        card: await statusCard(ctx.conn, (await findSelection(ctx.conn, s._id))!, true, ctx.clock.now()),
      };
    },
  }),

  'selection.vote': defineAction({
    value: ref.extend({ honour: z.string().min(1) }),
    form: z.object({ candidate: z.string().min(1) }),
    formError: { type: 'warning', content: '请先选择候选人再投票' },
    run: async (ctx) => {
      const { s, refusal } = await allowed(ctx, ctx.value.selection, SELECTION_PERMISSIONS.vote);
      if (!s) return refusal;
      if (s.stage !== 'voting') return warn('投票已结束');
      const c = s.candidates.find(
        (x) => x.honourId === ctx.value.honour && x.openId === ctx.formValue.candidate,
      );
      if (!c) return warn('请从候选人中选择');
      const cast = await castVote(ctx.conn, {
        _id: `${s._id}|${c.honourId}|${ctx.operatorOpenId}`,
        selectionId: s._id,
        honourId: c.honourId,
        candidate: c.openId,
      });
      if (!cast) return warn('你已经投过这一项的票了，每人一票');
      // Audited without the choice: who voted is on record, not for whom.
      await recordAudit(ctx.conn, {
        at: ctx.clock.now(),
        actor: ctx.operatorOpenId,
        action: 'selection.vote',
        branchId: s.branchId,
        target: { type: 'selection', id: s._id },
        detail: { honour: c.honourId },
        source: sourceOf(ctx),
      });
      return done('已投票，谢谢参与');
    },
  }),

  'selection.result': defineAction({
    value: ref,
    form: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    run: async (ctx) => {
      const { s, refusal } = await allowed(ctx, ctx.value.selection, SELECTION_PERMISSIONS.manage);
      if (!s) return refusal;
      if (s.stage !== 'voting') return warn('结果已经确认过了');
      const problem = await confirmResult(ctx, s, ctx.formValue, who(ctx));
      if (problem) return warn(problem);
      return {
        ...done('结果已确认，公示已发到支部群'),
        card: await statusCard(ctx.conn, (await findSelection(ctx.conn, s._id))!, true, ctx.clock.now()),
      };
    },
  }),

  'selection.object': defineAction({
    value: ref,
    form: z.object({ objection: z.string().trim().min(5).max(500) }),
    formError: { type: 'warning', content: '请写明意见和理由（至少5个字）' },
    run: async (ctx) => {
      const { s, refusal, person } = await allowed(ctx, ctx.value.selection, SELECTION_PERMISSIONS.object);
      if (!s) return refusal;
      if (s.stage !== 'notice') return warn('公示已结束');
      const o = {
        id: ctx.eventId,
        by: ctx.operatorOpenId,
        byName: person.name,
        text: ctx.formValue.objection.trim(),
        at: ctx.clock.now(),
      };
      await selections(ctx.conn).updateOne(
        { _id: s._id, 'objections.id': { $ne: o.id } },
        { $push: { objections: o } },
      );
      await recordAudit(ctx.conn, {
        at: o.at,
        actor: o.by,
        action: 'selection.object',
        branchId: s.branchId,
        target: { type: 'selection', id: s._id },
        detail: { objection: o.id },
        source: sourceOf(ctx),
      });
      for (const sec of await listBranchPeople(ctx.conn, s.branchId, 'secretary'))
        await ctx.outbox.enqueue(`selection-objection:${s._id}:${o.id}:${sec.openId}`, {
          op: 'send',
          receiveIdType: 'open_id',
          receiveId: sec.openId,
          card: objectionCard({ selectionId: s._id, objectionId: o.id, byName: o.byName, text: o.text }),
        });
      return done('已收到你的意见，书记会答复你');
    },
  }),

  'selection.answer': defineAction({
    value: ref.extend({ objection: z.string().min(1) }),
    form: z.object({ answer: z.string().trim().min(2).max(500) }),
    formError: { type: 'warning', content: '请填写答复内容' },
    run: async (ctx) => {
      const { s, refusal } = await allowed(ctx, ctx.value.selection, SELECTION_PERMISSIONS.manage);
      if (!s) return refusal;
      const o = s.objections.find((x) => x.id === ctx.value.objection);
      if (!o) return warn('找不到这条异议');
      if (o.answer) return warn('这条异议已经答复过了');
      const answer = ctx.formValue.answer.trim();
      const objections = s.objections.map((x) =>
        x.id === o.id ? { ...x, answer, answeredBy: ctx.operatorOpenId, answeredAt: ctx.clock.now() } : x,
      );
      await selections(ctx.conn).updateOne({ _id: s._id }, { $set: { objections } });
      await recordAudit(ctx.conn, {
        at: ctx.clock.now(),
        actor: ctx.operatorOpenId,
        action: 'selection.answer',
        branchId: s.branchId,
        target: { type: 'selection', id: s._id },
        detail: { objection: o.id },
        source: sourceOf(ctx),
      });
      await ctx.outbox.enqueue(`selection-answer:${s._id}:${o.id}`, {
        op: 'send',
        receiveIdType: 'open_id',
        receiveId: o.by,
        card: objectionAnswerCard({ text: o.text, answer }),
      });
      return {
        ...done('已答复，并通知了提出人'),
        card: objectionCard({
          selectionId: s._id,
          objectionId: o.id,
          byName: o.byName,
          text: o.text,
          answer,
        }),
      };
    },
  }),

  'selection.commend': defineAction({
    value: ref,
    run: async (ctx) => {
      const { s, refusal } = await allowed(ctx, ctx.value.selection, SELECTION_PERMISSIONS.manage);
      if (!s) return refusal;
      const problem = await commend(ctx, s._id, who(ctx));
      if (problem) return warn(problem);
      return {
        ...done('表彰已发布到支部群和公开频道'),
        card: await statusCard(ctx.conn, (await findSelection(ctx.conn, s._id))!, true, ctx.clock.now()),
      };
    },
  }),
};
