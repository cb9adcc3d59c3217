/**
 * A fresh database per test file on the run's real server, migrated like production. Dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, inject } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { connectDatabase } from '../../src/db/connection.js';
import { runMigrations } from '../../src/db/migrate.js';

export function uniqueDbName(prefix = 't'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

export async function openTestDatabase(opts: { migrate?: boolean; uri?: string } = {}): Promise<Connection> {
  const conn = await connectDatabase(opts.uri ?? inject('mongoUri'), { dbName: uniqueDbName() });
  if (opts.migrate !== false) await runMigrations(conn, migrations);
  return conn;
}

/** Registers beforeAll/afterAll hooks; the returned getter gives the connection inside tests. */
export function useTestDatabase(opts: { migrate?: boolean } = {}): () => Connection {
  let conn: Connection | undefined;
  beforeAll(async () => {
    conn = await openTestDatabase(opts);
  });
  afterAll(async () => {
    await conn?.dropDatabase().catch(() => undefined);
    await conn?.close();
  });
  return () => {
    if (!conn) throw new Error('database not open yet');
    return conn;
  };
}
