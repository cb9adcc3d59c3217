/**
 * 月度评比表 for 导出 (src/regime/exports): one row per member, the grade published for each of the
 * twelve months (blank until a month is published), and how often each grade came. The year's ratings are
 * read in one pass and kept as twelve grades a member: FerretDB scans the collection for every query that
 * is not by `_id` (and tests an `$in` list against each document), so a read per batch of members cost a
 * scan each (bench:exports).
 */
import type { Connection } from 'mongoose';
import { findPeople, listBranchPeople, type Person } from '../../org/index.js';
import type { ExportCell, ExportTable } from '../ports.js';
import { RATING_SCALE } from './rating.entity.js';
import { streamYearRatings } from './ratings.repository.js';

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

export const monthlyRatingTable: ExportTable = {
  name: '月度评比表',
  aliases: ['评比', '评定', '月度评比', 'ratings'],
  slug: 'monthly-ratings',
  columns: [
    { header: '序号', key: 'no', type: 'number' },
    { header: '姓名', key: 'name' },
    ...MONTHS.map((m) => ({ header: `${m}月`, key: `m${m}` })),
    ...RATING_SCALE.map((g) => ({ header: g, key: `count:${g}`, type: 'number' as const })),
  ],
  rows: ratingRows,
};

async function* ratingRows(
  conn: Connection,
  q: { branchIds: readonly string[]; year: number },
): AsyncGenerator<Record<string, ExportCell>> {
  let no = 0;
  for (const branchId of q.branchIds) {
    // Both reads at once: each is mostly FerretDB's time, the bench's 24,000 ratings the longer.
    const [byMember, current] = await Promise.all([
      gradesByMember(conn, branchId, q.year),
      listBranchPeople(conn, branchId),
    ]);
    for (const member of await membersInOrder(conn, current, [...byMember.keys()])) {
      const grades = byMember.get(member.openId) ?? [];
      yield {
        no: ++no,
        name: member.name,
        ...Object.fromEntries(MONTHS.map((m) => [`m${m}`, grades[m - 1]])),
        ...Object.fromEntries(RATING_SCALE.map((g) => [`count:${g}`, grades.filter((x) => x === g).length])),
      };
    }
  }
}

/** Each rated member's published grades of the year, January first (a hole where a month is not rated). */
async function gradesByMember(conn: Connection, branchId: string, year: number) {
  const byMember = new Map<string, string[]>();
  for await (const r of streamYearRatings(conn, { branchIds: [branchId], year })) {
    const grades = byMember.get(r.openId) ?? [];
    grades[Number(r.month.slice(5)) - 1] = r.grade;
    byMember.set(r.openId, grades);
  }
  return byMember;
}

/** Today's members by name, then anyone rated this year who has left since. */
async function membersInOrder(conn: Connection, current: readonly Person[], rated: readonly string[]) {
  const known = new Set(current.map((p) => p.openId));
  const gone = rated.filter((id) => !known.has(id));
  const left = gone.length
    ? (await findPeople(conn, gone)).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
    : [];
  return [...current, ...left];
}
