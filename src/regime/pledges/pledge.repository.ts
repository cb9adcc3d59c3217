/**
 * Pledges in the `pledges` collection, read and written through the driver as plain objects. Every write
 * names the version it read: a second writer (a double click after the window, another instance) finds the
 * version moved and writes nothing.
 */
import type { Connection } from 'mongoose';
import { isDuplicateKey } from '../../errors.js';
import type { Pledge } from './pledge.entity.js';

export const PLEDGES = 'pledges';

const pledges = (conn: Connection) => conn.db!.collection<Pledge>(PLEDGES);

export async function findPledge(conn: Connection, id: string): Promise<Pledge | undefined> {
  return (await pledges(conn).findOne({ _id: id })) ?? undefined;
}

/** The pledges of a branch for a year, book and cards. */
export function listBranchPledges(conn: Connection, branchId: string, year: number): Promise<Pledge[]> {
  return pledges(conn).find({ branchId, year }).toArray();
}

/** Pledges waiting for review: member cards in `cardBranches`, books in `bookBranches` ('*': every branch). */
export function listSubmitted(
  conn: Connection,
  q: { cardBranches: readonly string[]; bookBranches: readonly string[] },
): Promise<Pledge[]> {
  const or: Record<string, unknown>[] = [];
  const scope = (ids: readonly string[]) => (ids.includes('*') ? {} : { branchId: { $in: [...ids] } });
  if (q.cardBranches.length) or.push({ kind: 'member', ...scope(q.cardBranches) });
  if (q.bookBranches.length) or.push({ kind: 'branch', ...scope(q.bookBranches) });
  if (or.length === 0) return Promise.resolve([]);
  return pledges(conn).find({ status: 'submitted', $or: or }).sort({ updatedAt: 1 }).toArray();
}

/** Creates the pledge unless it exists; returns the stored one either way. */
export async function ensurePledge(conn: Connection, fresh: Pledge): Promise<Pledge> {
  const found = await findPledge(conn, fresh._id);
  if (found) return found;
  try {
    await pledges(conn).insertOne(fresh);
    return fresh;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return (await findPledge(conn, fresh._id))!; // created meanwhile by a concurrent click
  }
}

/** Writes `next` if the stored pledge is still at `next.version`; returns the stored copy, or undefined. */
export async function savePledge(conn: Connection, next: Pledge): Promise<Pledge | undefined> {
  const stored = { ...next, version: next.version + 1 };
  const res = await pledges(conn).replaceOne({ _id: next._id, version: next.version }, stored);
  return res.modifiedCount === 1 ? stored : undefined;
}
