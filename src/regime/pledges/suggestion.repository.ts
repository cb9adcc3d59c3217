/** Suggestions (`pledge_suggestions`) for a branch's pledge book, in the order they came. */
import type { Connection } from 'mongoose';
import { isDuplicateKey } from '../../errors.js';
import type { Suggestion } from './suggestion.entity.js';

export const SUGGESTIONS = 'pledge_suggestions';

const suggestions = (conn: Connection) => conn.db!.collection<Suggestion>(SUGGESTIONS);

/** Stores it unless a suggestion with this id (the message or click it came from) is stored. */
export async function addSuggestion(conn: Connection, s: Suggestion): Promise<void> {
  try {
    await suggestions(conn).insertOne(s);
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

export function listSuggestions(conn: Connection, branchId: string, year: number): Promise<Suggestion[]> {
  return suggestions(conn).find({ branchId, year }).sort({ at: 1 }).toArray();
}

export async function findSuggestion(conn: Connection, id: string): Promise<Suggestion | undefined> {
  return (await suggestions(conn).findOne({ _id: id })) ?? undefined;
}

/** Marks it taken; false if it was taken before (a second click). */
export async function markTaken(conn: Connection, id: string, itemId: string, at: Date): Promise<boolean> {
  const res = await suggestions(conn).updateOne(
    { _id: id, takenAs: { $exists: false } },
    { $set: { takenAs: itemId, takenAt: at } },
  );
  return res.modifiedCount === 1;
}
