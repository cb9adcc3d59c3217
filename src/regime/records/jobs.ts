/**
 * The month's calendar for records: the reminder (25th) to every active member, the private chases (28th,
 * and the 1st about the previous month) to those who have not answered, the secretary's one list after the
 * last chase, and the close (3rd). Every message is keyed by the run and the recipient, so a run retried
 * after a crash sends nothing twice.
 */
import { recordMissingCard } from '../../../cards/record-missing.js';
import { listBranchPeople, recordAudit } from '../../org/index.js';
import { defineJob, type JobContext } from '../../schedule/index.js';
import { monthLabel } from './months.js';
import { deadlineOf, openLinesByOwner, recordForm, type RecordDeps } from './record-form.js';
import { closeRecordMonth, findRecordMonth, findRecords, isOpenFor } from './records.repository.js';

async function unanswered(ctx: JobContext) {
  const members = await listBranchPeople(ctx.conn, ctx.branch.id);
  const answered = await findRecords(
    ctx.conn,
    ctx.branch.id,
    ctx.periodKey,
    members.map((m) => m.openId),
  );
  return { members, missing: members.filter((m) => !answered.has(m.openId)) };
}

/** Enqueues run side by side so the outbox's grouped inserts write them in batches: thousands in seconds. */
const ENQUEUE_BATCH = 100;

async function sendForms(ctx: JobContext, deps: RecordDeps, kind: 'remind' | 'chase') {
  const state = await findRecordMonth(ctx.conn, ctx.branch.id, ctx.periodKey);
  const { members, missing } = await unanswered(ctx);
  const due = missing.filter((m) => isOpenFor(state, m.openId));
  // One read of the month and of the branch's open pledge lines for the whole fan-out: a reminder to two
  // thousand members must not cost thousands of queries before the first card goes out.
  const byOwner = await openLinesByOwner(ctx.conn, deps, ctx.branch.id, ctx.periodKey);
  const form = (openId: string) =>
    recordForm(
      ctx.conn,
      deps,
      { branchId: ctx.branch.id, month: ctx.periodKey, openId, kind },
      { state, lines: byOwner ? (byOwner.get(openId) ?? []) : undefined },
    );
  // Without a ledger every member's card is the same: build it once.
  const shared = byOwner ? undefined : await form('');
  let sent = 0;
  for (let i = 0; i < due.length; i += ENQUEUE_BATCH) {
    const queued = await Promise.all(
      due.slice(i, i + ENQUEUE_BATCH).map(async (m) =>
        ctx.outbox.enqueue(`${ctx.runKey}:${m.openId}`, {
          op: 'send',
          receiveIdType: 'open_id',
          receiveId: m.openId,
          card: shared ?? (await form(m.openId)),
        }),
      ),
    );
    sent += queued.filter(Boolean).length;
  }
  ctx.log.info({ job: ctx.runKey, members: members.length, sent }, `record ${kind} queued`);
  return { members, missing };
}

export function recordJobs(deps: RecordDeps) {
  return [
    defineJob('record.remind', (ctx) => sendForms(ctx, deps, 'remind').then(() => undefined)),
    defineJob('record.chase', (ctx) => sendForms(ctx, deps, 'chase').then(() => undefined)),
    defineJob('record.chase-final', async (ctx) => {
      const { members, missing } = await sendForms(ctx, deps, 'chase');
      if (missing.length === 0) return;
      const card = recordMissingCard({
        monthLabel: monthLabel(ctx.periodKey),
        deadline: deadlineOf(ctx.periodKey),
        total: members.length,
        missing: missing.map((m) => m.name),
      });
      for (const s of await listBranchPeople(ctx.conn, ctx.branch.id, 'secretary')) {
        await ctx.outbox.enqueue(`${ctx.runKey}:missing:${s.openId}`, {
          op: 'send',
          receiveIdType: 'open_id',
          receiveId: s.openId,
          card,
        });
      }
    }),
    defineJob('record.close', async (ctx) => {
      const now = ctx.clock.now();
      if (!(await closeRecordMonth(ctx.conn, ctx.branch.id, ctx.periodKey, now))) return;
      await recordAudit(ctx.conn, {
        at: now,
        actor: 'system',
        action: 'record.close',
        branchId: ctx.branch.id,
        target: { type: 'record_month', id: `${ctx.branch.id}:${ctx.periodKey}` },
        source: { via: 'job', ref: ctx.runKey },
      });
    }),
  ];
}
