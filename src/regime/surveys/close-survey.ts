/**
 * Closing a survey, in an order a retry can finish after a crash (no transactions on FerretDB):
 * 1. mark it `closing` (no answer is taken from then on), 2. tally the ballots onto the survey,
 * 3. destroy every voter ↔ ballot link and draft, and scrub the survey's card clicks from the delivery
 * log, 4. mark it `closed`, 5. post the results (outbox keys per survey and chat: posted once).
 */
import type { HandlerContext } from '../../bot/module.js';
import { findBranchChats, recordAudit, type AuditSource } from '../../org/index.js';
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
  if (s.status === 'closed') {
    // A close that crashed after marking may not have posted: posting again is harmless (keyed).
    await postResults(ctx, s);
    return { ok: false, message: '本期评议已经结束' };
  }

  const all = await listBallots(conn, s._id);
  const results = tally(s.targets, all);
  const respondents = all.length;
  const belowQuorum = respondents < s.quorum;
  await surveys(conn).updateOne({ _id: s._id }, { $set: { results, respondents, belowQuorum } });

  await voters(conn).deleteMany({ surveyId: s._id });
  await links(conn).updateMany({ surveyId: s._id, used: false }, { $set: { expiresAt: o.now } });
  await scrubDeliveries(ctx, s._id);
  // Whichever attempt finishes the close records it, so a retry after a crash still leaves the entry.
  const finished = await surveys(conn).updateOne(
    { _id: s._id, status: 'closing' },
    { $set: { status: 'closed' } },
  );
  // An answer that passed its "still open?" check just before the close may have written its link since.
  await voters(conn).deleteMany({ surveyId: s._id });
  if (finished.modifiedCount === 1) {
    await recordAudit(conn, {
      at: o.now,
      actor: o.actor,
      action: 'survey.close',
      branchId: s.branchId,
      target: { type: 'survey', id: s._id },
      detail: { respondents, belowQuorum, quorum: s.quorum },
      source: o.source,
    });
  }
  const closed: Survey = { ...s, status: 'closed', results, respondents, belowQuorum };
  await postResults(ctx, closed);
  return { ok: true, survey: closed };
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
