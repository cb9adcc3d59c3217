/**
 * RatingsAccess (src/regime/ports.ts): a branch's month as 党员每月公开记实 disclosed it — who recorded, and
 * each grade once the secretary confirmed publication — for the digests of the office channel.
 */
import type { RatingsAccess } from '../ports.js';
import { findRatingMonth } from './ratings.repository.js';
import { loadMonth } from './sheet.js';

export const ratingsAccess: RatingsAccess = {
  async monthSheet(conn, q) {
    const [s, month] = await Promise.all([
      loadMonth(conn, q.branchId, q.month),
      findRatingMonth(conn, q.branchId, q.month),
    ]);
    const published = Boolean(month?.publishedAt);
    return {
      published,
      members: s.members.map((m) => {
        const record = s.records.get(m.openId);
        const grade = published ? s.ratings.get(m.openId)?.grade : undefined;
        return {
          openId: m.openId,
          name: m.name,
          recorded: record !== undefined,
          ...(record?.late && { late: true }),
          ...(grade && { grade }),
        };
      }),
    };
  },
};
