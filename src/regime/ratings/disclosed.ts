/**
 * 党员每月公开记实 as the public board (公开栏) shows it: only months whose ratings were published, each with
 * every member's record and grade as disclosed (the grade after any objection's answer), and whether the
 * notice period (公示) is still running.
 */
import type { Connection } from 'mongoose';
import { monthLabel } from '../records/months.js';
import { isFinal, listPublishedMonthsOfYear } from './ratings.repository.js';
import { loadMonth } from './sheet.js';

export interface DisclosedMonth {
  /** YYYY-MM */
  month: string;
  label: string;
  publishedAt: Date;
  /** False while the notice period (公示) runs. */
  final: boolean;
  rows: Array<{ name: string; grade?: string; record?: string; late?: boolean }>;
}

/** The disclosed months of a year, newest first; `limit` keeps only the latest few. */
export async function disclosedMonths(
  conn: Connection,
  q: { branchId: string; year: number; now: Date; limit?: number },
): Promise<DisclosedMonth[]> {
  const published = (await listPublishedMonthsOfYear(conn, q.branchId, q.year)).slice(0, q.limit);
  return Promise.all(
    published.map(async (m) => {
      const s = await loadMonth(conn, q.branchId, m.month);
      return {
        month: m.month,
        label: monthLabel(m.month),
        publishedAt: m.publishedAt!,
        final: isFinal(m, q.now),
        rows: s.members.map((p) => {
          const record = s.records.get(p.openId);
          const grade = s.ratings.get(p.openId)?.grade;
          return {
            name: p.name,
            ...(grade && { grade }),
            ...(record && { record: record.text }),
            ...(record?.late && { late: true }),
          };
        }),
      };
    }),
  );
}
