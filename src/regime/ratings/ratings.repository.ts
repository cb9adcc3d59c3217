/** Ratings and rating months, one document each under a readable `_id`; reads and writes by `_id`. */
import type { Connection } from 'mongoose';
import type { YearRating } from '../ports.js';
import { answerObjectionIn, pushObjection } from './objection-store.js';
import type { Objection, Rating, RatingMonth } from './rating.entity.js';
import { branchScope } from '../year-scope.js';

export const RATINGS = 'ratings';
export const RATING_MONTHS = 'rating_months';

const ratings = (conn: Connection) => conn.db!.collection<Rating>(RATINGS);
const months = (conn: Connection) => conn.db!.collection<RatingMonth>(RATING_MONTHS);

export const ratingId = (branchId: string, month: string, openId: string) => `${branchId}:${month}:${openId}`;

/** An empty list may come back absent (FerretDB's upsert with $setOnInsert of []). */
const normal = (r: Rating): Rating => ({ ...r, objections: r.objections ?? [] });

export async function findRating(conn: Connection, branchId: string, month: string, openId: string) {
  const r = await ratings(conn).findOne({ _id: ratingId(branchId, month, openId) });
  return r ? normal(r) : undefined;
}

export async function findRatings(
  conn: Connection,
  branchId: string,
  month: string,
  openIds: readonly string[],
): Promise<Map<string, Rating>> {
  const ids = openIds.map((o) => ratingId(branchId, month, o));
  const found = ids.length
    ? await ratings(conn)
        .find({ _id: { $in: ids } })
        .toArray()
    : [];
  return new Map(found.map((r) => [r.openId, normal(r)]));
}

/** Sets a grade (and note); keeps objections. Returns the rating before, if any. */
export async function putRating(
  conn: Connection,
  r: Omit<Rating, '_id' | 'objections' | 'rev'>,
): Promise<Rating | undefined> {
  const _id = ratingId(r.branchId, r.month, r.openId);
  const before = (await ratings(conn).findOne({ _id })) ?? undefined;
  const { note, ...fields } = r;
  await ratings(conn).updateOne(
    { _id },
    {
      $set: { ...fields, ...(note ? { note } : {}) },
      ...(note ? {} : { $unset: { note: '' } }),
      $inc: { rev: 1 },
      $setOnInsert: { objections: [] },
    },
    { upsert: true },
  );
  return before;
}

export async function addObjection(conn: Connection, id: string, o: Objection): Promise<void> {
  await pushObjection(ratings(conn), id, o);
}

/** Answers the open objection at `index`; false if it was answered already (a repeated click). */
export function answerObjection(
  conn: Connection,
  id: string,
  index: number,
  answer: NonNullable<Objection['answer']>,
): Promise<boolean> {
  return answerObjectionIn(ratings(conn), id, index, answer);
}

export async function findRatingMonth(conn: Connection, branchId: string, month: string) {
  return (await months(conn).findOne({ _id: `${branchId}:${month}` })) ?? undefined;
}

/** Marks the month published; false if it already was (the first publication stands). */
export async function markPublished(
  conn: Connection,
  q: { branchId: string; month: string; by: string; at: Date; noticeEndsAt: Date },
): Promise<boolean> {
  const _id = `${q.branchId}:${q.month}`;
  await months(conn).updateOne(
    { _id },
    { $setOnInsert: { branchId: q.branchId, month: q.month } },
    { upsert: true },
  );
  const res = await months(conn).updateOne(
    { _id, publishedAt: { $exists: false } },
    { $set: { publishedAt: q.at, publishedBy: q.by, noticeEndsAt: q.noticeEndsAt } },
  );
  return res.modifiedCount === 1;
}

export function isFinal(m: RatingMonth | undefined, now: Date): boolean {
  return Boolean(m?.noticeEndsAt && m.noticeEndsAt.getTime() <= now.getTime());
}

/** The months of a branch whose ratings were published (disclosed), in a year, newest first. */
export async function listPublishedMonthsOfYear(conn: Connection, branchId: string, year: number) {
  // By the twelve ids: the `_id` index answers it, however many branches and years are stored.
  const ids = Array.from({ length: 12 }, (_, i) => `${branchId}:${year}-${String(i + 1).padStart(2, '0')}`);
  const found = await months(conn)
    .find({ _id: { $in: ids }, publishedAt: { $exists: true } })
    .toArray();
  return found.sort((a, b) => b.month.localeCompare(a.month));
}

/** The months of a year as stored (`YYYY-01` … `YYYY-12`): a range filter on `month`. */
export const yearMonths = (year: number) => ({ $gte: `${year}-01`, $lte: `${year}-12` });

/**
 * The published ratings of these branches for a year, streamed (the year-end assessment's one read): the
 * year's rating months first (a few per branch), then every rating once, keeping those of published months.
 */
export async function* streamYearRatings(
  conn: Connection,
  q: { branchIds: readonly string[]; year: number },
): AsyncIterable<YearRating> {
  const scope = branchScope(q.branchIds);
  const published = new Set(
    (
      await months(conn)
        .find(
          { ...scope.filter, month: yearMonths(q.year), publishedAt: { $exists: true } },
          { projection: { _id: 1 } },
        )
        .toArray()
    ).map((m) => m._id),
  );
  const cursor = ratings(conn).find(
    { ...scope.filter, month: yearMonths(q.year) },
    { projection: { _id: 0, branchId: 1, openId: 1, month: 1, grade: 1 } },
  );
  for await (const r of cursor) {
    if (scope.keep(r.branchId) && published.has(`${r.branchId}:${r.month}`))
      yield { branchId: r.branchId, openId: r.openId, month: r.month, grade: r.grade };
  }
}
