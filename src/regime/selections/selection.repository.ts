/** The selection's collections through the app's connection; plain objects out. */
import type { Connection } from 'mongoose';
import { insertOnce } from '../../db/insert-once.js';
import type { HonourRecord, Nomination, Selection, Vote } from './selection.entity.js';

export const selections = (conn: Connection) => conn.db!.collection<Selection>('selections');
export const nominations = (conn: Connection) => conn.db!.collection<Nomination>('selection_nominations');
export const votes = (conn: Connection) => conn.db!.collection<Vote>('selection_votes');
export const honours = (conn: Connection) => conn.db!.collection<HonourRecord>('honours');

export const selectionIdOf = (branchId: string, year: number) => `${branchId}:${year}`;

export async function findSelection(conn: Connection, id: string): Promise<Selection | undefined> {
  const s = await selections(conn).findOne({ _id: id });
  // Lists are read as lists even where the stored document has none (FerretDB may not keep an empty array).
  return s
    ? { ...s, candidates: s.candidates ?? [], winners: s.winners ?? [], objections: s.objections ?? [] }
    : undefined;
}

export function createSelection(conn: Connection, s: Selection): Promise<boolean> {
  return insertOnce(selections(conn), s);
}

/** Moves the selection on only from the stage it is in: a double click moves it once. */
export async function advance(
  conn: Connection,
  id: string,
  from: Selection['stage'],
  set: Partial<Selection>,
): Promise<boolean> {
  const res = await selections(conn).updateOne({ _id: id, stage: from }, { $set: set });
  return res.modifiedCount === 1;
}

export function listNominations(conn: Connection, selectionId: string): Promise<Nomination[]> {
  return nominations(conn).find({ selectionId }).sort({ at: 1 }).toArray();
}

export function putNomination(conn: Connection, n: Nomination): Promise<boolean> {
  return insertOnce(nominations(conn), n);
}

/** Records the vote unless the member has voted for this honour; true if this call recorded it. */
/** Records the vote; false if this voter has voted for this honour already (see insertOnce). */
export function castVote(conn: Connection, v: Vote): Promise<boolean> {
  return insertOnce(votes(conn), v);
}

export function listVotes(conn: Connection, selectionId: string): Promise<Vote[]> {
  return votes(conn).find({ selectionId }).toArray();
}

export async function putHonour(conn: Connection, h: HonourRecord): Promise<void> {
  await honours(conn).updateOne({ _id: h._id }, { $setOnInsert: h }, { upsert: true });
}
