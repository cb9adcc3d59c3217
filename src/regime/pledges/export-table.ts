/**
 * 承诺践诺台账 for 导出 (src/regime/exports): every line of the branch's ledger for the year — the branch
 * book first, then each member by name, items in their order — with what was promised, by when, and how
 * it was fulfilled. Read a batch of owners at a time, so a large branch is never held whole.
 */
import type { Connection } from 'mongoose';
import { findBranch, findPeople } from '../../org/index.js';
import { DEFAULT_TIME_ZONE, localDate } from '../../schedule/calendar.js';
import type { ExportCell, ExportTable } from '../ports.js';
import type { LedgerLineDoc } from './ledger-line.entity.js';
import { lineStatus, listLedgerOwners, listOwnersLines } from './ledger.repository.js';

/**
 * Owners read per query. One query per owner would be simplest, but FerretDB scans the collection for each
 * (bench:exports: 67 rows/s); a batch keeps memory bounded and the scans few.
 */
const OWNERS_PER_READ = 200;

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
    const owners = await ownersInOrder(conn, branchId, branch?.name ?? branchId, q.year);
    for (let i = 0; i < owners.length; i += OWNERS_PER_READ) {
      const batch = owners.slice(i, i + OWNERS_PER_READ);
      const read = await listOwnersLines(conn, { branchId, year: q.year, ownerIds: batch.map((o) => o.id) });
      for (const owner of batch) {
        const lines = read.filter((l) => l.ownerId === owner.id).sort(byItem);
        for (const l of lines) yield { no: ++no, owner: owner.name, ...lineCells(l, today) };
      }
    }
  }
}

/** The branch book first, then the members by name (a member who left keeps their lines, and their name). */
async function ownersInOrder(conn: Connection, branchId: string, branchName: string, year: number) {
  const ids = await listLedgerOwners(conn, { branchId, year });
  const people = new Map((await findPeople(conn, ids)).map((p) => [p.openId, p.name]));
  const members = ids
    .filter((id) => id !== branchId)
    .map((id) => ({ id, name: people.get(id) ?? id }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return [...(ids.includes(branchId) ? [{ id: branchId, name: branchName }] : []), ...members];
}

/** Items in the order they were written: i2 before i10. */
const byItem = (a: LedgerLineDoc, b: LedgerLineDoc) =>
  a.pledgeId.localeCompare(b.pledgeId) ||
  Number(a.itemId.slice(1)) - Number(b.itemId.slice(1)) ||
  a.itemId.localeCompare(b.itemId);

function lineCells(l: LedgerLineDoc, today: string): Record<string, ExportCell> {
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

function statusText(l: LedgerLineDoc, today: string): string {
  if (l.closed && !l.fulfilled) return '已关闭';
  const s = lineStatus(l, today);
  if (s === 'fulfilled') return l.confirmed ? '已销号' : '已销号（待确认）';
  return s === 'overdue' ? '已逾期' : '进行中';
}

function doneText(l: LedgerLineDoc): string {
  const files = l.evidenceFiles?.length ?? 0;
  return [l.doneText, l.evidence && `佐证：${l.evidence}`, files > 0 && `附件 ${files} 个`]
    .filter(Boolean)
    .join('\n');
}
