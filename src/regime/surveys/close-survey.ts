/**
 * Closing a survey, in an order a retry can finish after a crash (no transactions on FerretDB):
 * 1. mark it `closing` (no answer is taken from then on), 2. tally the ballots onto the survey,
 * 3. destroy every voter ↔ ballot link and draft, and scrub the survey's card clicks from the delivery
 * log, 4. mark it `closed`, 5. the audit entry, written if missing, 6. post the results (outbox keys per
 * survey and chat: posted once). A click or job resumed after a crash at any point finishes the rest.
 */
import type { HandlerContext } from '../../bot/module.js';
import { findBranchChats, listAudit, recordAudit, type AuditSource } from '../../org/index.js';
import type { Survey } from './survey.entity.js';
import { findSurvey, links, listBallots, surveys, voters } from './survey.repository.js';
import { tally } from './tally.js';
import { scrubDeliveries } from './scrub-deliveries.js';
import { resultsCardOf } from './survey-views.js';

export type CloseResult = { ok: true; survey: Survey } | { ok: false; message: string };

export async function closeSurvey(
  ctx: Pick<HandlerContext, 'conn' | 'outbox'>,
  o: { surveyId: string; actor: string; source: AuditSource; now: Date },
): Promise<CloseResult> {
  const { conn } = ctx;
  await surveys(conn).updateOne(
    { _id: o.surveyId, status: 'open' },
    { $set: { status: 'closing', closedAt: o.now, closedBy: o.actor } },
  );
  const s = await findSurvey(conn, o.surveyId);
  if (!s) return { ok: false, message: '找不到这次评议' };
  // Closed already: by another close, or by this one before a crash. Whatever of its ending is missing
  // (the audit entry, the results) is finished here, and the caller is told it had ended.
  const closed = s.status === 'closed' ? s : await finishClose(ctx, s, o.now);
  const audited = await listAudit(conn, { targetId: s._id, action: 'survey.close' });
  if (audited.length === 0) {
    await recordAudit(conn, {
      at: closed.closedAt ?? o.now,
      actor: closed.closedBy ?? o.actor,
      action: 'survey.close',
      branchId: s.branchId,
      target: { type: 'survey', id: s._id },
      detail: {
        respondents: closed.respondents ?? 0,
        belowQuorum: closed.belowQuorum ?? false,
        quorum: s.quorum,
      },
      source: o.source,
    });
  }
  await postResults(ctx, closed);
  return s.status === 'closed' ? { ok: false, message: '本期评议已经结束' } : { ok: true, survey: closed };
}

/** Steps 2–4 of a close marked `closing`; each may run again after a crash with the same outcome. */
async function finishClose(ctx: Pick<HandlerContext, 'conn'>, s: Survey, now: Date): Promise<Survey> {
  const { conn } = ctx;
  const all = await listBallots(conn, s._id);
  const results = tally(s.targets, all);
  const respondents = all.length;
  const belowQuorum = respondents < s.quorum;
  await surveys(conn).updateOne({ _id: s._id }, { $set: { results, respondents, belowQuorum } });

  await voters(conn).deleteMany({ surveyId: s._id });
  await links(conn).updateMany({ surveyId: s._id, used: false }, { $set: { expiresAt: now } });
  await scrubDeliveries(ctx, s._id);
  await surveys(conn).updateOne({ _id: s._id, status: 'closing' }, { $set: { status: 'closed' } });
  // An answer that passed its "still open?" check just before the close may have written its link since.
  await voters(conn).deleteMany({ surveyId: s._id });
  return { ...s, status: 'closed', results, respondents, belowQuorum };
}

/**
 * Keyed by survey and chat, not by who closed it: the secretary's button and the 22nd's job may both
 * finish the same close, and the results must still go out once.
 */
async function postResults(ctx: Pick<HandlerContext, 'conn' | 'outbox'>, s: Survey) {
  const chats = await findBranchChats(ctx.conn, s.branchId);
  const card = resultsCardOf(s);
  const targets = [...new Set([chats.branch_group, chats.office_channel, s.chatId])].filter(
    (c): c is string => c !== undefined,
  );
  for (const chatId of targets) {
    await ctx.outbox.enqueue(`survey-results:${s._id}:${chatId}`, {
      op: 'send',
      receiveIdType: 'chat_id',
      receiveId: chatId,
      card,
      disclosure: {
        kind: 'survey.results',
        title: `${s.period.replace('-H1', '年上半年').replace('-H2', '年下半年')} 群众评议结果`,
        branchIds: [s.branchId],
        period: s.period,
        data: { respondents: s.respondents, belowQuorum: s.belowQuorum, results: s.results },
      },
    });
  }
}
