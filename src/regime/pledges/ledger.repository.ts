/**
 * Ledger lines (`pledge_ledger`): one document per item of a published pledge. Publishing a revision
 * writes its items' lines (keeping what was ticked off) and marks the lines of dropped items withdrawn.
 */
import type { Connection } from 'mongoose';
import { isDuplicateKey } from '../../errors.js';
import type { LedgerLine, YearLedgerLine } from '../ports.js';
import type { LedgerLineDoc } from './ledger-line.entity.js';
import type { Pledge, PledgeItem, PublishedRevision } from './pledge.entity.js';
import { branchScope } from '../year-scope.js';

export const LEDGER = 'pledge_ledger';

const lines = (conn: Connection) => conn.db!.collection<LedgerLineDoc>(LEDGER);

export async function writeRevisionLines(conn: Connection, p: Pledge, rev: PublishedRevision): Promise<void> {
  const existing = new Set(
    (
      await lines(conn)
        .find({ pledgeId: p._id }, { projection: { itemId: 1 } })
        .toArray()
    ).map((l) => l.itemId),
  );
  // Inserted whole rather than upserted: FerretDB 1.x drops empty arrays from an upsert's $setOnInsert.
  const fresh: LedgerLineDoc[] = rev.items
    .filter((i) => !existing.has(i.id))
    .map((i) => newLedgerLine(p, i, rev.revision));
  if (fresh.length) {
    try {
      await lines(conn).insertMany(fresh, { ordered: false });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err; // written by an earlier attempt of the same approval
    }
  }
  for (const i of rev.items.filter((x) => existing.has(x.id))) {
    const $set = { theme: i.theme, text: i.text, result: i.result, revision: rev.revision, withdrawn: false };
    await lines(conn).updateOne(
      { _id: `${p._id}:${i.id}` },
      i.due ? { $set: { ...$set, due: i.due } } : { $set, $unset: { due: '' } },
    );
  }
  const ids = rev.items.map((i) => i.id);
  await lines(conn).updateMany({ pledgeId: p._id, itemId: { $nin: ids } }, { $set: { withdrawn: true } });
}

export async function closePledgeLines(conn: Connection, pledgeId: string): Promise<void> {
  await lines(conn).updateMany({ pledgeId }, { $set: { closed: true } });
}

export async function findLine(conn: Connection, id: string): Promise<LedgerLineDoc | undefined> {
  return (await lines(conn).findOne({ _id: id })) ?? undefined;
}

/** The live lines (not withdrawn, not closed) of a branch for a year, optionally one owner's. */
export function listLines(
  conn: Connection,
  q: { branchId: string; year: number; ownerId?: string },
): Promise<LedgerLineDoc[]> {
  return lines(conn)
    .find({
      branchId: q.branchId,
      year: q.year,
      ...(q.ownerId ? { ownerId: q.ownerId } : {}),
      withdrawn: false,
      closed: false,
    })
    .sort({ _id: 1 })
    .toArray();
}

/**
 * The branch's lines for the year, withdrawn ones (dropped by a later revision) left out, closed kept; without
 * their history, which exports never show. One read: FerretDB scans the collection for any query but by
 * `_id`, so reading a few owners at a time costs a whole scan each (bench:exports).
 */
export function listYearLines(
  conn: Connection,
  q: { branchId: string; year: number },
): Promise<Omit<LedgerLineDoc, 'events'>[]> {
  return lines(conn)
    .find({ branchId: q.branchId, year: q.year, withdrawn: false }, { projection: { events: 0 } })
    .toArray();
}

export function listFulfilledBetween(
  conn: Connection,
  q: { branchId: string; from: Date; to: Date },
): Promise<LedgerLineDoc[]> {
  return lines(conn)
    .find({
      branchId: q.branchId,
      fulfilled: true,
      withdrawn: false,
      closed: false,
      fulfilledAt: { $gte: q.from, $lt: q.to },
    })
    .sort({ fulfilledAt: 1 })
    .toArray();
}

/** The ledger line of a published item, open and unconfirmed, with no history yet. */
export function newLedgerLine(
  p: Pick<Pledge, '_id' | 'branchId' | 'ownerId' | 'kind' | 'year'>,
  i: PledgeItem,
  revision: number,
): LedgerLineDoc {
  return {
    _id: `${p._id}:${i.id}`,
    pledgeId: p._id,
    itemId: i.id,
    branchId: p.branchId,
    ownerId: p.ownerId,
    kind: p.kind,
    year: p.year,
    theme: i.theme,
    text: i.text,
    result: i.result,
    ...(i.due ? { due: i.due } : {}),
    revision,
    fulfilled: false,
    confirmed: false,
    withdrawn: false,
    closed: false,
    events: [],
  };
}

/** Applies `update` if the line is still as read (`fulfilled` and the number of events). */
export async function updateLine(
  conn: Connection,
  before: LedgerLineDoc,
  update: {
    $set: Partial<LedgerLineDoc>;
    unset?: ReadonlyArray<keyof LedgerLineDoc>;
    event: LedgerLineDoc['events'][number];
  },
): Promise<LedgerLineDoc | undefined> {
  const $unset = Object.fromEntries((update.unset ?? []).map((k) => [k, '' as const]));
  const res = await lines(conn).findOneAndUpdate(
    { _id: before._id, fulfilled: before.fulfilled, events: { $size: before.events.length } },
    { $set: update.$set, ...(update.unset?.length ? { $unset } : {}), $push: { events: update.event } },
    { returnDocument: 'after' },
  );
  return res ?? undefined;
}

/**
 * Adds an evidence file to a fulfilled line unless it is there already (a re-delivered message). Not an
 * event of the line: a confirmation card asked for before the file came stays valid.
 */
export async function addEvidenceFile(
  conn: Connection,
  lineId: string,
  file: NonNullable<LedgerLineDoc['evidenceFiles']>[number],
): Promise<boolean> {
  const res = await lines(conn).updateOne(
    { _id: lineId, fulfilled: true, 'evidenceFiles.key': { $ne: file.key } },
    { $push: { evidenceFiles: file } },
  );
  return res.modifiedCount > 0;
}

/** 'overdue' once the due date has passed unfulfilled; `today` is YYYY-MM-DD in the branch's zone. */
export function lineStatus(l: Pick<LedgerLineDoc, 'fulfilled' | 'due'>, today: string): LedgerLine['status'] {
  if (l.fulfilled) return 'fulfilled';
  return l.due && l.due < today ? 'overdue' : 'open';
}

export function toLedgerLine(l: LedgerLineDoc, today: string): LedgerLine {
  return {
    id: l._id,
    branchId: l.branchId,
    ownerId: l.ownerId,
    kind: l.kind,
    year: l.year,
    theme: l.theme,
    text: l.text,
    ...(l.result ? { result: l.result } : {}),
    ...(l.due ? { dueDate: l.due } : {}),
    status: lineStatus(l, today),
    ...(l.fulfilledAt ? { fulfilledAt: l.fulfilledAt } : {}),
  };
}

/** Every live member line of these branches for a year, streamed (the year-end assessment's one read). */
export async function* streamYearLines(
  conn: Connection,
  q: { branchIds: readonly string[]; year: number },
): AsyncIterable<YearLedgerLine> {
  const scope = branchScope(q.branchIds);
  const cursor = lines(conn).find(
    { ...scope.filter, year: q.year, kind: 'member', withdrawn: false, closed: false },
    { projection: { _id: 0, branchId: 1, ownerId: 1, due: 1, fulfilledAt: 1 } },
  );
  for await (const l of cursor) {
    if (!scope.keep(l.branchId)) continue;
    yield {
      branchId: l.branchId,
      ownerId: l.ownerId,
      ...(l.due ? { dueDate: l.due } : {}),
      ...(l.fulfilledAt ? { fulfilledAt: l.fulfilledAt } : {}),
    };
  }
}
