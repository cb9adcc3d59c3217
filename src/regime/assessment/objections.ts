/**
 * 公示 objections to a year-end result, through the monthly rating's forms (cards/rating-objection.ts with
 * this capability's route): a member presses 我有异议 and gets a private form; the objection goes to the
 * secretary privately, who keeps or changes the 等次 with a reason; the member is told. Kept on the result.
 */
import { z } from 'zod';
import {
  objectionAnswerCard,
  objectionFormCard,
  objectionOutcomeCard,
  type ObjectionRoute,
} from '../../../cards/rating-objection.js';
import { objectionForm, objectionFormSent, objectionPending } from '../ratings/objection-kit.js';
import { defineAction, type ActionContext, type CardReply } from '../../bot/module.js';
import {
  findPerson,
  listBranchPeople,
  recordAudit,
  refusalReply,
  requireRole,
  sourceOf,
} from '../../org/index.js';
import { formatInstant } from '../ratings/sheet.js';
import { yearTarget } from './actions.js';
import {
  ASSESSMENT_GRADES,
  memberAssessmentId,
  type AssessmentYear,
  type MemberAssessment,
} from './assessment.entity.js';
import {
  addObjection,
  answerObjection,
  findMember,
  findYear,
  recountGrades,
} from './assessment.repository.js';
import { branchZone } from './flow.js';
import { ASSESSMENT_PERMISSIONS } from './permissions.js';

const route = (branch: string, year: number): ObjectionRoute => ({
  object: 'assessment.object',
  answer: 'assessment.answer',
  target: { branch, year },
});
const label = (year: number) => `${year}年度考核`;
const ended = {
  toast: { type: 'warning' as const, content: '公示期已结束，考核结果已确定，不能再提出异议' },
};

type Target = z.infer<typeof yearTarget>;

/** The member's result while its 公示 is open, or the reply that says why not. */
async function openResult(
  ctx: ActionContext<Target, unknown>,
): Promise<{ y: AssessmentYear; mine: MemberAssessment; name: string } | CardReply> {
  const { branch, year } = ctx.value;
  const allowed = await requireRole(ctx.conn, ctx.operatorOpenId, ASSESSMENT_PERMISSIONS.object, branch);
  if (!allowed.ok) return refusalReply(allowed);
  const y = await findYear(ctx.conn, branch, year);
  if (!y?.noticeEndsAt) return { toast: { type: 'warning', content: '考核结果尚未公示' } };
  if (y.status === 'final' || y.noticeEndsAt.getTime() <= ctx.clock.now().getTime()) return ended;
  const mine = await findMember(ctx.conn, memberAssessmentId(branch, year, ctx.operatorOpenId));
  if (!mine) return { toast: { type: 'info', content: '本年度没有您的考核结果' } };
  return { y, mine, name: allowed.person.name };
}

export const objectionActions = {
  'assessment.object_open': defineAction({
    value: yearTarget,
    run: async (ctx) => {
      const open = await openResult(ctx);
      if (!('y' in open)) return open;
      const { branch, year } = ctx.value;
      const fresh = await ctx.outbox.enqueue(`assessment.objection-form:${open.mine._id}`, {
        op: 'send',
        receiveIdType: 'open_id',
        receiveId: ctx.operatorOpenId,
        card: objectionFormCard({
          branchId: branch,
          month: String(year),
          monthLabel: label(year),
          grade: `${open.mine.grade}（第${open.mine.rank}名，${open.mine.score.toFixed(2)} 分）`,
          noticeEnds: formatInstant(open.y.noticeEndsAt!, await branchZone(ctx, branch)),
          route: route(branch, year),
        }),
      });
      return objectionFormSent(fresh);
    },
  }),
  'assessment.object': defineAction({
    value: yearTarget,
    ...objectionForm,
    run: async (ctx) => {
      const open = await openResult(ctx);
      if (!('y' in open)) return open;
      const { mine } = open;
      if (mine.objections.some((o) => !o.answer)) return objectionPending;
      const now = ctx.clock.now();
      const index = mine.objections.length;
      await addObjection(ctx.conn, mine._id, { text: ctx.formValue.reason, at: now });
      await recordAudit(ctx.conn, {
        at: now,
        actor: ctx.operatorOpenId,
        actorName: open.name,
        action: 'assessment.object',
        branchId: mine.branchId,
        target: { type: 'assessment', id: mine._id },
        detail: { index, text: ctx.formValue.reason },
        source: sourceOf(ctx),
      });
      const card = objectionAnswerCard({
        branchId: mine.branchId,
        month: String(mine.year),
        monthLabel: label(mine.year),
        member: { openId: ctx.operatorOpenId, name: open.name },
        index,
        grade: mine.grade,
        text: ctx.formValue.reason,
        scale: ASSESSMENT_GRADES,
        route: route(mine.branchId, mine.year),
      });
      for (const s of await listBranchPeople(ctx.conn, mine.branchId, 'secretary')) {
        await ctx.outbox.enqueue(`assessment.objection:${mine._id}:${index}:${s.openId}`, {
          op: 'send',
          receiveIdType: 'open_id',
          receiveId: s.openId,
          card,
        });
      }
      return {
        toast: { type: 'success', content: '异议已提交' },
        card: objectionOutcomeCard({
          title: '异议已提交',
          monthLabel: label(mine.year),
          text: ctx.formValue.reason,
        }),
      };
    },
  }),
  'assessment.answer': defineAction({
    value: yearTarget.extend({ member: z.string().min(1), index: z.number().int().min(0) }),
    form: z.object({ decision: z.string(), reason: z.string().trim().min(2).max(500) }),
    formError: { type: 'warning', content: '请选择维持或改为，并写明理由' },
    run: async (ctx) => {
      const { branch, year, member, index } = ctx.value;
      const allowed = await requireRole(ctx.conn, ctx.operatorOpenId, ASSESSMENT_PERMISSIONS.answer, branch);
      if (!allowed.ok) return refusalReply(allowed);
      const { decision, reason } = ctx.formValue;
      if (decision !== 'keep' && !(ASSESSMENT_GRADES as readonly string[]).includes(decision))
        return { toast: { type: 'warning', content: '请从列表中选择维持或改为' } };
      const mine = await findMember(ctx.conn, memberAssessmentId(branch, year, member));
      const objection = mine?.objections[index];
      if (!mine || !objection) return { toast: { type: 'warning', content: '找不到这条异议' } };
      const now = ctx.clock.now();
      const grade = decision === 'keep' ? mine.grade : decision;
      const kept = grade === mine.grade;
      const answer = {
        decision: kept ? ('keep' as const) : ('change' as const),
        grade,
        reason,
        by: ctx.operatorOpenId,
        at: now,
      };
      if (!(await answerObjection(ctx.conn, mine._id, index, answer)))
        return { toast: { type: 'info', content: '这条异议已经答复过了' } };
      if (!kept) await recountGrades(ctx.conn, branch, year);
      await recordAudit(ctx.conn, {
        at: now,
        actor: ctx.operatorOpenId,
        actorName: allowed.person.name,
        action: 'assessment.answer',
        branchId: branch,
        target: { type: 'assessment', id: mine._id },
        changes: kept ? {} : { grade: { from: mine.grade, to: grade } },
        detail: { index, decision: answer.decision, reason },
        source: sourceOf(ctx),
      });
      const outcome = { monthLabel: label(year), text: objection.text, answer: { kept, grade, reason } };
      await ctx.outbox.enqueue(`assessment.objection-answer:${mine._id}:${index}`, {
        op: 'send',
        receiveIdType: 'open_id',
        receiveId: member,
        card: objectionOutcomeCard({ title: '考核异议已答复', ...outcome }),
      });
      const name = (await findPerson(ctx.conn, member))?.name ?? member;
      return {
        toast: { type: 'success', content: `已答复${name}` },
        card: objectionOutcomeCard({ title: `已答复 · ${name}`, ...outcome }),
      };
    },
  }),
};
