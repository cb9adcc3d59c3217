/**
 * 确认公示: marks the month published (the first confirmation wins), then posts 党员每月公开记实 to the branch
 * group and the digest to the office channel, each keyed by branch, month and chat so a retry or a double
 * click posts once. Ordered so that a crash after the mark is finished by pressing again (or by the 6th).
 */
import type { Connection } from 'mongoose';
import {
  DISCLOSURE_PAGE_SIZE,
  digestCard,
  disclosureCard,
  type DigestView,
} from '../../../cards/rating-disclosure.js';
import type { HandlerContext } from '../../bot/context.js';
import type { DisclosureTag } from '../../bot/disclosures.js';
import type { CardJson } from '../../lark/client.js';
import { findBranchChats } from '../../org/index.js';
import { monthLabel, periodBounds } from '../records/months.js';
import { changedOnObjection, NOTICE_DAYS } from './rating.entity.js';
import { findRatingMonth, markPublished } from './ratings.repository.js';
import { distribution, formatInstant, loadMonth, type MonthState, type RatingDeps } from './sheet.js';

/** The archive's entry (公开记录) for a message of the month's publication. */
const tag = (q: { branchId: string; month: string }, what: string, data: unknown): DisclosureTag => ({
  kind: 'rating.monthly',
  title: `${monthLabel(q.month)} ${what}`,
  branchIds: [q.branchId],
  period: q.month,
  data,
});

const rowsOf = (s: MonthState) =>
  s.members.map((m) => ({
    name: m.name,
    record: s.records.get(m.openId)?.text,
    grade: s.ratings.get(m.openId)?.grade,
  }));

export async function disclosurePage(
  conn: Connection,
  q: { branchId: string; month: string; page: number; tz: string; noticeEndsAt: Date },
): Promise<CardJson> {
  const s = await loadMonth(conn, q.branchId, q.month);
  const pages = Math.max(1, Math.ceil(s.members.length / DISCLOSURE_PAGE_SIZE));
  const page = Math.min(Math.max(0, q.page), pages - 1);
  return disclosureCard({
    branchId: q.branchId,
    branchName: s.branchName,
    month: q.month,
    monthLabel: monthLabel(q.month),
    noticeEnds: formatInstant(q.noticeEndsAt, q.tz),
    page,
    pages,
    rows: s.members.slice(page * DISCLOSURE_PAGE_SIZE, (page + 1) * DISCLOSURE_PAGE_SIZE).map((m) => {
      const record = s.records.get(m.openId);
      const rating = s.ratings.get(m.openId);
      return {
        name: m.name,
        record: record?.text,
        ...(record?.late && { late: true }),
        ...(rating && { grade: rating.grade, ...(changedOnObjection(rating) && { changed: true }) }),
      };
    }),
  });
}

/** Publishes; `first` is false when the month was published before (then nothing new is posted). */
export async function publishMonth(
  ctx: HandlerContext,
  deps: RatingDeps,
  q: { branchId: string; month: string; by: string; tz: string },
): Promise<{ first: boolean; noticeEndsAt: Date; posted: string[] }> {
  const now = ctx.clock.now();
  const first = await markPublished(ctx.conn, {
    ...q,
    at: now,
    noticeEndsAt: new Date(now.getTime() + NOTICE_DAYS * 86_400_000),
  });
  // Posting again after an earlier publication is harmless (the keys are taken) and finishes one that
  // crashed between the mark and the posts.
  const noticeEndsAt = (await findRatingMonth(ctx.conn, q.branchId, q.month))!.noticeEndsAt!;
  const chats = await findBranchChats(ctx.conn, q.branchId);
  const posted: string[] = [];
  const key = `rating.publish:${q.branchId}:${q.month}`;
  const s = await loadMonth(ctx.conn, q.branchId, q.month);
  if (chats.branch_group) {
    await ctx.outbox.enqueue(`${key}:group:${chats.branch_group}`, {
      op: 'send',
      receiveIdType: 'chat_id',
      receiveId: chats.branch_group,
      card: await disclosurePage(ctx.conn, { ...q, page: 0, noticeEndsAt }),
      disclosure: tag(q, '党员每月公开记实', rowsOf(s)),
    });
    posted.push('支部群');
  }
  if (chats.office_channel) {
    const digest = await monthDigest(ctx, deps, q, s);
    await ctx.outbox.enqueue(`${key}:office:${chats.office_channel}`, {
      op: 'send',
      receiveIdType: 'chat_id',
      receiveId: chats.office_channel,
      card: digestCard(digest),
      disclosure: tag(q, '月度评定摘要', digest),
    });
    posted.push('公开频道');
  }
  return { first, noticeEndsAt, posted };
}

/** The office channel's short digest of a month: who answered, the grades, pledge items closed. */
export async function monthDigest(
  ctx: Pick<HandlerContext, 'conn'>,
  deps: RatingDeps,
  q: { branchId: string; month: string; tz: string },
  s: MonthState,
): Promise<DigestView> {
  const { start, end } = periodBounds(q.month, q.tz);
  const fulfilled = deps.ledger
    ? await deps.ledger.fulfilledBetween(ctx.conn, { branchId: q.branchId, from: start, to: end })
    : undefined;
  const changed = [...s.ratings.values()].filter(changedOnObjection).length;
  return {
    branchName: s.branchName,
    monthLabel: monthLabel(q.month),
    total: s.members.length,
    answered: s.members.filter((m) => s.records.has(m.openId)).length,
    notAnswered: s.members.filter((m) => !s.records.has(m.openId)).map((m) => m.name),
    distribution: distribution(s.ratings.values(), s.scale),
    ...(changed > 0 && { changedOnObjection: changed }),
    fulfilled: fulfilled?.map((l) => l.text),
  };
}
