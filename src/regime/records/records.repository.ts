/**
 * Records and record months, stored one document per member and month under a readable `_id`, so every
 * path reads and writes by `_id` (the one filter FerretDB's SQLite backend pushes down). Plain objects out.
 */
import type { Connection } from 'mongoose';
import type { YearRecord } from '../ports.js';
import type { MonthRecord, RecordMonth } from './record.entity.js';
import { branchScope } from '../year-scope.js';

export const RECORDS = 'records';
export const RECORD_MONTHS = 'record_months';

const records = (conn: Connection) => conn.db!.collection<MonthRecord>(RECORDS);
const months = (conn: Connection) => conn.db!.collection<RecordMonth>(RECORD_MONTHS);

export const recordId = (branchId: string, month: string, openId: string) => `${branchId}:${month}:${openId}`;
export const monthId = (branchId: string, month: string) => `${branchId}:${month}`;

export async function findRecord(
  conn: Connection,
  branchId: string,
  month: string,
  openId: string,
): Promise<MonthRecord | undefined> {
  return (await records(conn).findOne({ _id: recordId(branchId, month, openId) })) ?? undefined;
}

/** The records of these members for the month, by open_id. */
export async function findRecords(
  conn: Connection,
  branchId: string,
  month: string,
  openIds: readonly string[],
): Promise<Map<string, MonthRecord>> {
  const ids = openIds.map((o) => recordId(branchId, month, o));
  const found = ids.length
    ? await records(conn)
        .find({ _id: { $in: ids } })
        .toArray()
    : [];
  return new Map(found.map((r) => [r.openId, r]));
}

/** A member's records, newest month first. */
export function listMemberRecords(conn: Connection, branchId: string, openId: string, limit: number) {
  return records(conn).find({ branchId, openId }).sort({ month: -1 }).limit(limit).toArray();
}

export async function saveRecord(conn: Connection, r: MonthRecord): Promise<void> {
  await records(conn).replaceOne({ _id: r._id }, r, { upsert: true });
}

export async function findRecordMonth(
  conn: Connection,
  branchId: string,
  month: string,
): Promise<RecordMonth | undefined> {
  const m = await months(conn).findOne({ _id: monthId(branchId, month) });
  // An empty list may come back absent (FerretDB's upsert with $setOnInsert of []).
  return m ? { ...m, reopened: m.reopened ?? [] } : undefined;
}

/** Closes the month; closing again keeps the first time. Returns false if it was closed already. */
export async function closeRecordMonth(conn: Connection, branchId: string, month: string, at: Date) {
  const _id = monthId(branchId, month);
  await months(conn).updateOne(
    { _id },
    { $setOnInsert: { branchId, month, reopened: [] } },
    { upsert: true },
  );
  const res = await months(conn).updateOne({ _id, closedAt: { $exists: false } }, { $set: { closedAt: at } });
  return res.modifiedCount === 1;
}

/** 补录: lets one member answer a closed month. Returns false if it was open for them already. */
export async function reopenForMember(conn: Connection, branchId: string, month: string, openId: string) {
  const res = await months(conn).updateOne(
    { _id: monthId(branchId, month) },
    { $addToSet: { reopened: openId } },
  );
  return res.modifiedCount === 1;
}

/** Is the month open to this member's answer: not closed, or reopened for them. */
export function isOpenFor(m: RecordMonth | undefined, openId: string): boolean {
  return !m?.closedAt || m.reopened.includes(openId);
}

/** Which members gave a record in which month of a year, streamed (the year-end assessment's one read). */
export async function* streamYearRecords(
  conn: Connection,
  q: { branchIds: readonly string[]; year: number },
): AsyncIterable<YearRecord> {
  const scope = branchScope(q.branchIds);
  const cursor = records(conn).find(
    { ...scope.filter, month: { $gte: `${q.year}-01`, $lte: `${q.year}-12` } },
    { projection: { _id: 0, branchId: 1, openId: 1, month: 1 } },
  );
  for await (const r of cursor)
    if (scope.keep(r.branchId)) yield { branchId: r.branchId, openId: r.openId, month: r.month };
}
