/**
 * 公示 objections: a member presses 我有异议 on the group's disclosure and gets a private form; the objection
 * goes to the secretary privately, who keeps or changes the grade with a reason; the member is told. Every
 * objection and answer stays on the rating.
 */
import { z } from 'zod';
import {
  objectionAnswerCard,
  objectionFormCard,
  objectionOutcomeCard,
} from '../../../cards/rating-objection.js';
import { objectionForm, objectionFormSent, objectionPending } from './objection-kit.js';
import { defineAction } from '../../bot/module.js';
import {
  findPerson,
  listBranchPeople,
  recordAudit,
  refusalReply,
  requireRole,
  sourceOf,
} from '../../org/index.js';
import { branchTimeZone, monthLabel } from '../records/months.js';
import { RECORD_PERMISSIONS } from '../records/permissions.js';
import { correctDisclosure } from './correction.js';
import {
  addObjection,
  answerObjection,
  findRating,
  findRatingMonth,
  isFinal,
  ratingId,
} from './ratings.repository.js';
import { branchScale } from './scale.js';
import { formatInstant, type RatingDeps } from './sheet.js';

const target = z.object({ branch: z.string().min(1), month: z.string().regex(/^\d{4}-\d{2}$/) });
const ended = { toast: { type: 'warning' as const, content: '公示期已结束，评定已确定，不能再提出异议' } };

/** 我有异议 and the secretary's answer; an answer that changes a grade corrects the published cards. */
export const objectionActions = (deps: RatingDeps) => ({
  'rating.object_open': defineAction({
    value: target,
    run: async (ctx) => {
      const { branch, month } = ctx.value;
      const allowed = await requireRole(ctx.conn, ctx.operatorOpenId, RECORD_PERMISSIONS.object, branch);
      if (!allowed.ok) return refusalReply(allowed);
      const published = await findRatingMonth(ctx.conn, branch, month);
      if (!published?.noticeEndsAt) return { toast: { type: 'warning', content: '本月评定尚未公示' } };
      if (isFinal(published, ctx.clock.now())) return ended;
      const rating = await findRating(ctx.conn, branch, month, ctx.operatorOpenId);
      if (!rating) return { toast: { type: 'info', content: '本月没有您的评定' } };
      const tz = await branchTimeZone(ctx.conn, ctx.config, branch);
      const fresh = await ctx.outbox.enqueue(
        `rating.objection-form:${branch}:${month}:${ctx.operatorOpenId}`,
        {
          op: 'send',
          receiveIdType: 'open_id',
          receiveId: ctx.operatorOpenId,
          card: objectionFormCard({
            branchId: branch,
            month,
            monthLabel: monthLabel(month),
            grade: rating.grade,
            note: rating.note,
            noticeEnds: formatInstant(published.noticeEndsAt, tz),
          }),
        },
      );
      return objectionFormSent(fresh);
    },
  }),
  'rating.object': defineAction({
    value: target,
    ...objectionForm,
    run: async (ctx) => {
      const { branch, month } = ctx.value;
      const allowed = await requireRole(ctx.conn, ctx.operatorOpenId, RECORD_PERMISSIONS.object, branch);
      if (!allowed.ok) return refusalReply(allowed);
      const now = ctx.clock.now();
      if (isFinal(await findRatingMonth(ctx.conn, branch, month), now)) return ended;
      const rating = await findRating(ctx.conn, branch, month, ctx.operatorOpenId);
      if (!rating) return { toast: { type: 'info', content: '本月没有您的评定' } };
      if (rating.objections.some((o) => !o.answer)) return objectionPending;
      const index = rating.objections.length;
      await addObjection(ctx.conn, rating._id, { text: ctx.formValue.reason, at: now });
      await recordAudit(ctx.conn, {
        at: now,
        actor: ctx.operatorOpenId,
        actorName: allowed.person.name,
        action: 'rating.object',
        branchId: branch,
        target: { type: 'rating', id: rating._id },
        detail: { index, text: ctx.formValue.reason },
        source: sourceOf(ctx),
      });
      const card = objectionAnswerCard({
        branchId: branch,
        month,
        monthLabel: monthLabel(month),
        member: { openId: ctx.operatorOpenId, name: allowed.person.name },
        index,
        grade: rating.grade,
        text: ctx.formValue.reason,
        scale: await branchScale(ctx.conn, branch),
      });
      for (const s of await listBranchPeople(ctx.conn, branch, 'secretary')) {
        await ctx.outbox.enqueue(`rating.objection:${rating._id}:${index}:${s.openId}`, {
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
          monthLabel: monthLabel(month),
          text: ctx.formValue.reason,
        }),
      };
    },
  }),
  'rating.answer': defineAction({
    value: target.extend({ member: z.string().min(1), index: z.number().int().min(0) }),
    form: z.object({ decision: z.string(), reason: z.string().trim().min(2).max(500) }),
    formError: { type: 'warning', content: '请选择维持或改为，并写明理由' },
    run: async (ctx) => {
      const { branch, month, member, index } = ctx.value;
      const allowed = await requireRole(
        ctx.conn,
        ctx.operatorOpenId,
        RECORD_PERMISSIONS.answerObjection,
        branch,
      );
      if (!allowed.ok) return refusalReply(allowed);
      const { decision, reason } = ctx.formValue;
      if (decision !== 'keep' && !(await branchScale(ctx.conn, branch)).includes(decision)) {
        return { toast: { type: 'warning', content: '请从列表中选择维持或改为的等次' } };
      }
      const rating = await findRating(ctx.conn, branch, month, member);
      const objection = rating?.objections[index];
      if (!rating || !objection) return { toast: { type: 'warning', content: '找不到这条异议' } };
      const now = ctx.clock.now();
      const grade = decision === 'keep' ? rating.grade : decision;
      const answer = {
        decision: decision === 'keep' || grade === rating.grade ? ('keep' as const) : ('change' as const),
        grade,
        reason,
        by: ctx.operatorOpenId,
        at: now,
      };
      if (!(await answerObjection(ctx.conn, ratingId(branch, month, member), index, answer))) {
        return { toast: { type: 'info', content: '这条异议已经答复过了' } };
      }
      await recordAudit(ctx.conn, {
        at: now,
        actor: ctx.operatorOpenId,
        actorName: allowed.person.name,
        action: 'rating.answer',
        branchId: branch,
        target: { type: 'rating', id: rating._id },
        changes: answer.decision === 'change' ? { grade: { from: rating.grade, to: grade } } : {},
        detail: { index, decision: answer.decision, reason },
        source: sourceOf(ctx),
      });
      if (answer.decision === 'change') {
        const published = await findRatingMonth(ctx.conn, branch, month);
        await correctDisclosure(ctx, deps, {
          branchId: branch,
          month,
          openId: member,
          objection: index,
          tz: await branchTimeZone(ctx.conn, ctx.config, branch),
          noticeEndsAt: published?.noticeEndsAt ?? now,
        });
      }
      const outcome = {
        monthLabel: monthLabel(month),
        text: objection.text,
        answer: { kept: answer.decision === 'keep', grade, reason },
      };
      await ctx.outbox.enqueue(`rating.objection-answer:${rating._id}:${index}`, {
        op: 'send',
        receiveIdType: 'open_id',
        receiveId: member,
        card: objectionOutcomeCard({ title: '评定异议已答复', ...outcome }),
      });
      const name = (await findPerson(ctx.conn, member))?.name ?? member;
      return {
        toast: { type: 'success', content: `已答复${name}` },
        card: objectionOutcomeCard({ title: `已答复 · ${name}`, ...outcome }),
      };
    },
  }),
});
