/**
 * RecordsAccess (src/regime/ports.ts): a member's recent months — record text, published rating, final or
 * not — for the comments' facts and the year-end assessment.
 */
import type { Connection } from 'mongoose';
import { findBranch } from '../../org/index.js';
import type { MonthFacts, RecordsAccess } from '../ports.js';
import { isFinal } from '../ratings/ratings.repository.js';
import { findRating, findRatingMonth } from '../ratings/ratings.repository.js';
import { monthOf, previousPeriodKey } from './months.js';
import { findRecord } from './records.repository.js';

export interface MonthFactsWithLate extends MonthFacts {
  late?: boolean;
}

export async function recentMonths(
  conn: Connection,
  q: { branchId: string; openId: string; months: number; now: Date; tz: string },
): Promise<MonthFactsWithLate[]> {
  const out: MonthFactsWithLate[] = [];
  let month = monthOf(q.now, q.tz);
  for (let i = 0; i < q.months; i++, month = previousPeriodKey(month)) {
    const [record, published] = await Promise.all([
      findRecord(conn, q.branchId, month, q.openId),
      findRatingMonth(conn, q.branchId, month),
    ]);
    const rating = published?.publishedAt ? await findRating(conn, q.branchId, month, q.openId) : undefined;
    out.push({
      month,
      ...(record && { recordText: record.text }),
      ...(record?.late && { late: true }),
      ...(rating && { rating: rating.grade, ratingFinal: isFinal(published, q.now) }),
    });
  }
  return out;
}

export const recordsAccess: RecordsAccess = {
  async recentMonths(conn, q) {
    const tz = (await findBranch(conn, q.branchId))?.timezone ?? 'Asia/Shanghai';
    return (await recentMonths(conn, { ...q, tz })).map(({ late: _late, ...facts }) => facts);
  },
};
