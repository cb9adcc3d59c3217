/**
 * A grade changed on an objection (异议改定) shows where the group read it: the 党员每月公开记实 card already
 * posted in the branch group is updated in place, turned to the page with that member, the grade marked
 * 「经异议改定」. If that card has not reached Lark yet (or its record is gone) a corrected card is posted
 * instead. Keyed by the rating and the objection, so a repeated answer corrects once.
 */
import { DISCLOSURE_PAGE_SIZE } from '../../../cards/rating-disclosure.js';
import type { HandlerContext } from '../../bot/context.js';
import { findBranchChats } from '../../org/index.js';
import { disclosurePage } from './publish.js';
import { loadMonth } from './sheet.js';

export async function correctDisclosure(
  ctx: HandlerContext,
  q: { branchId: string; month: string; openId: string; objection: number; tz: string; noticeEndsAt: Date },
): Promise<void> {
  const group = (await findBranchChats(ctx.conn, q.branchId)).branch_group;
  if (!group) return;
  const members = (await loadMonth(ctx.conn, q.branchId, q.month)).members;
  const page = Math.floor(
    Math.max(
      0,
      members.findIndex((m) => m.openId === q.openId),
    ) / DISCLOSURE_PAGE_SIZE,
  );
  const card = await disclosurePage(ctx.conn, { ...q, page });
  // The key publishMonth posted the group's card under (publish.ts).
  const posted = await ctx.outbox.sentMessageId(`rating.publish:${q.branchId}:${q.month}:group:${group}`);
  const key = `rating.correct:${q.branchId}:${q.month}:${q.openId}:${q.objection}:${group}`;
  await ctx.outbox.enqueue(
    key,
    posted
      ? { op: 'update', messageId: posted, chatId: group, card }
      : { op: 'send', receiveIdType: 'chat_id', receiveId: group, card },
  );
}
