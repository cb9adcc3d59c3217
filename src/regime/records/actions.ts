/**
 * The record card's buttons: 提交 saves the member's answer (and ticks off the pledge lines they chose: the
 * 销号) and turns the card into 「已提交」 in place; 修改 turns it back into the form while the month is open.
 */
import { z } from 'zod';
import { defineAction, type ActionContext, type CardReply } from '../../bot/module.js';
import { recordAudit, refusalReply, requireRole, sourceOf } from '../../org/index.js';
import { monthLabel } from './months.js';
import { RECORD_PERMISSIONS } from './permissions.js';
import type { MonthRecord } from './record.entity.js';
import { recordForm, submittedCard, type RecordDeps } from './record-form.js';
import { findRecord, findRecordMonth, isOpenFor, recordId, saveRecord } from './records.repository.js';

const target = z.object({ branch: z.string().min(1), month: z.string().regex(/^\d{4}-\d{2}$/) });

const recordFormSchema = z.object({
  text: z.string().trim().min(2).max(1000),
  other: z.string().trim().max(1000).optional(),
  lines: z.array(z.string()).optional(),
});

const closedToast = (month: string): CardReply => ({
  toast: {
    type: 'warning',
    content: `${monthLabel(month)}记实已截止，不能再提交。如需补录，请联系支部书记。`,
    en: 'This month is closed. Ask your branch secretary to reopen it.',
  },
});

type Target = z.infer<typeof target>;

/** The member may answer this month: a member of the branch, the month open to them. */
async function mayAnswer(ctx: ActionContext<Target, unknown>): Promise<CardReply | undefined> {
  const allowed = await requireRole(
    ctx.conn,
    ctx.operatorOpenId,
    RECORD_PERMISSIONS.answer,
    ctx.value.branch,
  );
  if (!allowed.ok) return refusalReply(allowed);
  const state = await findRecordMonth(ctx.conn, ctx.value.branch, ctx.value.month);
  if (!isOpenFor(state, ctx.operatorOpenId)) return closedToast(ctx.value.month);
  return undefined;
}

export function recordActions(deps: RecordDeps) {
  return {
    'record.submit': defineAction({
      value: target,
      form: recordFormSchema,
      formError: { type: 'warning', content: '请填写本月做了什么（至少两个字）', en: 'Say what you did.' },
      run: async (ctx) => {
        const refused = await mayAnswer(ctx);
        if (refused) return refused;
        const { branch, month } = ctx.value;
        const now = ctx.clock.now();
        const before = await findRecord(ctx.conn, branch, month, ctx.operatorOpenId);
        const state = await findRecordMonth(ctx.conn, branch, month);
        const ticked = [...(before?.ticked ?? [])];
        const problems: string[] = [];
        // 销号 first, then the record: a retry after a crash finds the line fulfilled and records it then.
        for (const lineId of ctx.formValue.lines ?? []) {
          if (!deps.ledger || ticked.some((t) => t.lineId === lineId)) continue;
          const res = await deps.ledger.tickOff(ctx.conn, {
            lineId,
            actorOpenId: ctx.operatorOpenId,
            text: ctx.formValue.text,
            source: sourceOf(ctx),
            now,
            outbox: ctx.outbox,
          });
          if (res.ok) ticked.push({ lineId, text: res.line.text });
          else problems.push(res.message);
        }
        const record: MonthRecord = {
          _id: recordId(branch, month, ctx.operatorOpenId),
          branchId: branch,
          month,
          openId: ctx.operatorOpenId,
          text: ctx.formValue.text,
          ...(ctx.formValue.other ? { other: ctx.formValue.other } : {}),
          ticked,
          submittedAt: before?.submittedAt ?? now,
          updatedAt: now,
          edits: before ? before.edits + 1 : 0,
          ...(state?.closedAt ? { late: true } : {}),
        };
        await saveRecord(ctx.conn, record);
        await recordAudit(ctx.conn, {
          at: now,
          actor: ctx.operatorOpenId,
          action: before ? 'record.edit' : 'record.submit',
          branchId: branch,
          target: { type: 'record', id: record._id },
          changes: {
            text: { ...(before && { from: before.text }), to: record.text },
            ...(ticked.length !== (before?.ticked.length ?? 0) && {
              ticked: { to: ticked.map((t) => t.lineId) },
            }),
          },
          source: sourceOf(ctx),
        });
        const toast = problems.length
          ? `已提交；但有承诺未能销号：${problems.join('；')}`
          : before
            ? '已修改'
            : '已提交，谢谢！';
        return {
          toast: { type: problems.length ? 'warning' : 'success', content: toast },
          card: await submittedCard(ctx.conn, record),
        };
      },
    }),
    'record.edit': defineAction({
      value: target,
      run: async (ctx) => {
        const refused = await mayAnswer(ctx);
        if (refused) return refused;
        const current = await findRecord(ctx.conn, ctx.value.branch, ctx.value.month, ctx.operatorOpenId);
        return {
          card: await recordForm(ctx.conn, deps, {
            branchId: ctx.value.branch,
            month: ctx.value.month,
            openId: ctx.operatorOpenId,
            kind: 'open',
            current,
          }),
        };
      },
    }),
  };
}
