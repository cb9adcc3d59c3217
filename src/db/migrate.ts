/**
 * Migration runner: applies, in order, the migrations listed in migrations/index.ts that the `migrations`
 * changelog does not have yet. Safe with several instances starting at once: a lock document with an
 * expiry lets exactly one of them run; FerretDB has no transactions, so each migration must be re-runnable
 * (touch only what needs it) — a crash halfway is mended by running it again.
 */
import type { Connection } from 'mongoose';
import type { Db } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { isDuplicateKey } from '../errors.js';

export interface Migration {
  /** Sortable and unique: `YYYYMMDD-NN-what`. */
  id: string;
  up(db: Db): Promise<void>;
}

interface ChangelogEntry {
  _id: string;
  appliedAt: Date;
}
interface LockDoc {
  _id: string;
  owner: string;
  expiresAt: Date;
}

const LOCK_ID = 'migrations';
const LOCK_MS = 5 * 60_000;

export async function pendingMigrations(conn: Connection, all: readonly Migration[]): Promise<Migration[]> {
  const applied = new Set(
    (
      await db(conn)
        .collection<ChangelogEntry>('migrations')
        .find({}, { projection: { _id: 1 } })
        .toArray()
    ).map((d) => d._id),
  );
  return all.filter((m) => !applied.has(m.id));
}

export async function runMigrations(
  conn: Connection,
  all: readonly Migration[],
  log: (line: string) => void = () => {},
  now: () => Date = () => new Date(),
): Promise<string[]> {
  assertOrdered(all);
  const owner = randomUUID();
  await acquireLock(conn, owner, now);
  try {
    const ran: string[] = [];
    for (const m of await pendingMigrations(conn, all)) {
      log(`migration ${m.id}: applying`);
      await m.up(db(conn));
      await db(conn)
        .collection<ChangelogEntry>('migrations')
        .updateOne({ _id: m.id }, { $setOnInsert: { appliedAt: now() } }, { upsert: true });
      ran.push(m.id);
    }
    return ran;
  } finally {
    await db(conn).collection<LockDoc>('migration_lock').deleteOne({ _id: LOCK_ID, owner });
  }
}

async function acquireLock(conn: Connection, owner: string, now: () => Date): Promise<void> {
  const locks = db(conn).collection<LockDoc>('migration_lock');
  for (let attempt = 0; ; attempt++) {
    try {
      await locks.insertOne({ _id: LOCK_ID, owner, expiresAt: new Date(now().getTime() + LOCK_MS) });
      return;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    // Someone else holds it: take it over if it expired (a crashed runner), else wait for them to finish.
    const taken = await locks.findOneAndUpdate(
      { _id: LOCK_ID, expiresAt: { $lt: now() } },
      { $set: { owner, expiresAt: new Date(now().getTime() + LOCK_MS) } },
    );
    if (taken) return;
    if (attempt > 600) throw new Error('migrations are locked by another instance for over a minute');
    await new Promise((r) => setTimeout(r, 100));
  }
}

function assertOrdered(all: readonly Migration[]): void {
  const ids = all.map((m) => m.id);
  const sorted = [...ids].sort();
  if (new Set(ids).size !== ids.length || ids.some((id, i) => id !== sorted[i])) {
    throw new Error(`migrations/index.ts must list unique ids in order: ${ids.join(', ')}`);
  }
}

function db(conn: Connection): Db {
  if (!conn.db) throw new Error('database connection is not open');
  return conn.db as unknown as Db;
}
