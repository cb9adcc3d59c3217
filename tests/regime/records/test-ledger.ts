/**
 * A small pledge ledger for the monthly cycle's tests: lines in a collection of the real test database,
 * behind the LedgerAccess port the real ledger (another capability) implements.
 */
import type { Connection } from 'mongoose';
import type { LedgerAccess, LedgerLine } from '../../../src/regime/ports.js';

const lines = (conn: Connection) => conn.db!.collection<LedgerLine & { _id: string }>('test_ledger_lines');

export async function addLine(
  conn: Connection,
  l: Pick<LedgerLine, 'id' | 'branchId' | 'ownerId' | 'text'>,
): Promise<void> {
  await lines(conn).insertOne({
    _id: l.id,
    ...l,
    kind: 'member',
    year: 2026,
    theme: '带头服务群众',
    status: 'open',
  });
}

export async function findLine(conn: Connection, id: string) {
  return lines(conn).findOne({ _id: id });
}

export const testLedger: LedgerAccess = {
  async openLines(conn, q) {
    return lines(conn)
      .find({
        branchId: q.branchId,
        ...(q.ownerId ? { ownerId: q.ownerId } : {}),
        year: q.year,
        status: 'open',
      })
      .toArray();
  },
  async tickOff(conn, c) {
    const line = await lines(conn).findOne({ _id: c.lineId });
    if (!line || line.ownerId !== c.actorOpenId) return { ok: false, message: '不是您的承诺事项' };
    if (line.status === 'fulfilled') return { ok: false, message: `「${line.text}」已销号` };
    await lines(conn).updateOne({ _id: c.lineId }, { $set: { status: 'fulfilled', fulfilledAt: c.now } });
    return { ok: true, line: { ...line, status: 'fulfilled', fulfilledAt: c.now } };
  },
  async progress(conn, q) {
    const all = await lines(conn)
      .find({ branchId: q.branchId, year: q.year, ...(q.ownerId && { ownerId: q.ownerId }) })
      .toArray();
    const count = (s: LedgerLine['status']) => all.filter((l) => l.status === s).length;
    return {
      total: all.length,
      fulfilled: count('fulfilled'),
      open: count('open'),
      overdue: count('overdue'),
    };
  },
  async fulfilledBetween(conn, q) {
    return lines(conn)
      .find({ branchId: q.branchId, status: 'fulfilled', fulfilledAt: { $gte: q.from, $lt: q.to } })
      .toArray();
  },
};
