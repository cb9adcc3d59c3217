/**
 * A grade changed on an objection (异议改定) shows where it was read: the 党员每月公开记实 card already
 * posted in the branch group is updated in place, turned to the page with that member, the grade marked
 * 「经异议改定」; the office channel's digest is updated in place with the new counts. If a card has not
 * reached Lark yet (or its record is gone) a corrected card is posted instead. Keyed by the rating and the
 * objection, so a repeated answer corrects once.
 */
import { DISCLOSURE_PAGE_SIZE, digestCard } from '../../../cards/rating-disclosure.js';
import type { HandlerContext } from '../../bot/context.js';
import { findBranchChats } from '../../org/index.js';
import type { CardJson } from '../../lark/client.js';
import { disclosurePage, monthDigest } from './publish.js';
import { loadMonth, type RatingDeps } from './sheet.js';

export async function correctDisclosure(
  ctx: HandlerContext,
  deps: RatingDeps,
  q: { branchId: string; month: string; openId: string; objection: number; tz: string; noticeEndsAt: Date },
): Promise<void> {
  const chats = await findBranchChats(ctx.conn, q.branchId);
  const s = await loadMonth(ctx.conn, q.branchId, q.month);
  // The keys publishMonth posted the cards under (publish.ts).
  const published = `rating.publish:${q.branchId}:${q.month}`;
  const key = `rating.correct:${q.branchId}:${q.month}:${q.openId}:${q.objection}`;
  const group = chats.branch_group;
  if (group) {
    const index = Math.max(
      0,
      s.members.findIndex((m) => m.openId === q.openId),
    );
    const card = await disclosurePage(ctx.conn, { ...q, page: Math.floor(index / DISCLOSURE_PAGE_SIZE) });
    await correct(ctx, `${published}:group:${group}`, `${key}:${group}`, group, card);
  }
  const office = chats.office_channel;
  if (office) {
    const card = digestCard(await monthDigest(ctx, deps, q, s));
    await correct(ctx, `${published}:office:${office}`, `${key}:${office}`, office, card);
  }
}

/** Updates the card posted under `postedKey` in place, or posts the corrected one if it was not sent. */
async function correct(ctx: HandlerContext, postedKey: string, key: string, chatId: string, card: CardJson) {
  const posted = await ctx.outbox.sentMessageId(postedKey);
  await ctx.outbox.enqueue(
    key,
    posted
      ? { op: 'update', messageId: posted, chatId, card }
      : { op: 'send', receiveIdType: 'chat_id', receiveId: chatId, card },
  );
}
