/**
 * 月度评比表 for 导出 (src/regime/exports): one row per member, the grade published for each of the
 * twelve months (blank until a month is published), and how often each grade came. Read a batch of
 * members at a time, so a large branch is never held whole.
 */
import type { Connection } from 'mongoose';
import { findPeople, listBranchPeople } from '../../org/index.js';
import type { ExportCell, ExportTable } from '../ports.js';
import { RATING_SCALE } from './rating.entity.js';
import { findMembersRatings, listPublishedMonths, listRatedMembers } from './ratings.repository.js';

/** Members read per query: few scans (FerretDB scans for each), bounded memory. */
const MEMBERS_PER_READ = 200;
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
const monthKey = (year: number, m: number) => `${year}-${String(m).padStart(2, '0')}`;

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
    const published = await listPublishedMonths(
      conn,
      branchId,
      MONTHS.map((m) => monthKey(q.year, m)),
    );
    const members = await membersInOrder(conn, branchId, published);
    for (let i = 0; i < members.length; i += MEMBERS_PER_READ) {
      const batch = members.slice(i, i + MEMBERS_PER_READ);
      const rated = await findMembersRatings(
        conn,
        branchId,
        batch.map((m) => m.openId),
        published,
      );
      for (const member of batch) {
        const grades = MONTHS.map((m) => rated.get(`${member.openId}:${monthKey(q.year, m)}`)?.grade);
        yield {
          no: ++no,
          name: member.name,
          ...Object.fromEntries(MONTHS.map((m, i) => [`m${m}`, grades[i]])),
          ...Object.fromEntries(
            RATING_SCALE.map((g) => [`count:${g}`, grades.filter((x) => x === g).length]),
          ),
        };
      }
    }
  }
}

/** Today's members by name, then anyone rated this year who has left since. */
async function membersInOrder(conn: Connection, branchId: string, months: readonly string[]) {
  const current = await listBranchPeople(conn, branchId);
  const known = new Set(current.map((p) => p.openId));
  const gone = (await listRatedMembers(conn, branchId, months)).filter((id) => !known.has(id));
  const left = (await findPeople(conn, gone)).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return [...current, ...left];
}
