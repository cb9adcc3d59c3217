/**
 * 承诺践诺台账 for 导出 (src/regime/exports): every line of the branch's ledger for the year — the branch
 * book first, then each member by name, items in their order — with what was promised, by when, and how
 * it was fulfilled. A branch's year is read whole, in one query, and ordered here: FerretDB scans the
 * collection for every query that is not by `_id`, so one read per owner, or per batch of owners, costs a
 * scan each (bench:exports: 65 rows/s). A year of lines is small — about five per member, without their
 * history — and the workbook itself is still streamed.
 */
import type { Connection } from 'mongoose';
import { findBranch, findPeople } from '../../org/index.js';
import { DEFAULT_TIME_ZONE, localDate } from '../../schedule/calendar.js';
import type { ExportCell, ExportTable } from '../ports.js';
import type { LedgerLineDoc } from './ledger-line.entity.js';
import { lineStatus, listYearLines } from './ledger.repository.js';

/** A line as the export reads it: without its history. */
type Line = Omit<LedgerLineDoc, 'events'>;

export const pledgeLedgerTable: ExportTable = {
  name: '承诺践诺台账',
  aliases: ['台账', '台帐', '承诺台账', 'ledger'],
  slug: 'pledge-ledger',
  columns: [
    { header: '序号', key: 'no', type: 'number' },
    { header: '党员/支部', key: 'owner' },
    { header: '主题', key: 'theme', width: 24 },
    { header: '承诺事项', key: 'text', width: 40 },
    { header: '预期成效', key: 'result', width: 30 },
    { header: '完成时限', key: 'due', type: 'date' },
    { header: '状态', key: 'status' },
    { header: '销号日期', key: 'fulfilledAt', type: 'date' },
    { header: '兑现情况', key: 'done', width: 40 },
  ],
  rows: ledgerRows,
};

async function* ledgerRows(
  conn: Connection,
  q: { branchIds: readonly string[]; year: number; now?: Date },
): AsyncGenerator<Record<string, ExportCell>> {
  let no = 0;
  for (const branchId of q.branchIds) {
    const branch = await findBranch(conn, branchId);
    const today = localDate(q.now ?? new Date(), branch?.timezone ?? DEFAULT_TIME_ZONE);
    const byOwner = linesByOwner(await listYearLines(conn, { branchId, year: q.year }));
    const owners = await ownersInOrder(conn, branchId, branch?.name ?? branchId, [...byOwner.keys()]);
    for (const owner of owners) {
      for (const l of byOwner.get(owner.id)!.sort(byItem)) {
        yield { no: ++no, owner: owner.name, ...lineCells(l, today) };
      }
    }
  }
}

function linesByOwner(lines: readonly Line[]): Map<string, Line[]> {
  const byOwner = new Map<string, Line[]>();
  for (const l of lines) {
    const own = byOwner.get(l.ownerId);
    if (own) own.push(l);
    else byOwner.set(l.ownerId, [l]);
  }
  return byOwner;
}

/** The branch book first, then the members by name (a member who left keeps their lines, and their name). */
async function ownersInOrder(conn: Connection, branchId: string, branchName: string, ids: readonly string[]) {
  const people = new Map((await findPeople(conn, ids)).map((p) => [p.openId, p.name]));
  const members = ids
    .filter((id) => id !== branchId)
    .map((id) => ({ id, name: people.get(id) ?? id }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return [...(ids.includes(branchId) ? [{ id: branchId, name: branchName }] : []), ...members];
}

/** Items in the order they were written: i2 before i10. */
const byItem = (a: Line, b: Line) =>
  a.pledgeId.localeCompare(b.pledgeId) ||
  Number(a.itemId.slice(1)) - Number(b.itemId.slice(1)) ||
  a.itemId.localeCompare(b.itemId);

function lineCells(l: Line, today: string): Record<string, ExportCell> {
  return {
    theme: l.theme,
    text: l.text,
    result: l.result,
    due: l.due,
    status: statusText(l, today),
    fulfilledAt: l.fulfilled ? l.fulfilledAt : undefined,
    done: l.fulfilled ? doneText(l) : undefined,
  };
}

function statusText(l: Line, today: string): string {
  if (l.closed && !l.fulfilled) return '已关闭';
  const s = lineStatus(l, today);
  if (s === 'fulfilled') return l.confirmed ? '已销号' : '已销号（待确认）';
  return s === 'overdue' ? '已逾期' : '进行中';
}

function doneText(l: Line): string {
  const files = l.evidenceFiles?.length ?? 0;
  return [l.doneText, l.evidence && `佐证：${l.evidence}`, files > 0 && `附件 ${files} 个`]
    .filter(Boolean)
    .join('\n');
}
