import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { pendingMigrations, runMigrations, type Migration } from '../../src/db/migrate.js';
import { openTestDatabase } from '../support/database.js';

describe('migrations', () => {
  it('lists every file in migrations/, in order', () => {
    const files = readdirSync(new URL('../../migrations/', import.meta.url))
      .filter((f) => /^\d{8}-\d{2}-.+\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''));
    expect(migrations.map((m) => m.id)).toEqual(files.sort());
  });

  it('apply once, record themselves, and do nothing the second time', async () => {
    const conn = await openTestDatabase({ migrate: false });
    try {
      expect((await pendingMigrations(conn, migrations)).length).toBe(migrations.length);
      expect(await runMigrations(conn, migrations)).toEqual(migrations.map((m) => m.id));
      expect(await runMigrations(conn, migrations)).toEqual([]);
      const names = (await conn.db!.collection('inbox').indexes()).map((i) => i.name);
      expect(names).toEqual(expect.arrayContaining(['status_dueAt', 'queuedAt']));
    } finally {
      await conn.dropDatabase();
      await conn.close();
    }
  });

  it('run once when two instances start at the same moment', async () => {
    const conn = await openTestDatabase({ migrate: false });
    let runs = 0;
    const counting: Migration[] = [{ id: '20990101-01-count', up: async () => void runs++ }];
    try {
      const [a, b] = await Promise.all([runMigrations(conn, counting), runMigrations(conn, counting)]);
      expect(runs).toBe(1);
      expect([...a, ...b]).toEqual(['20990101-01-count']);
    } finally {
      await conn.dropDatabase();
      await conn.close();
    }
  });

  it('refuse a list out of order', async () => {
    const conn = await openTestDatabase({ migrate: false });
    const noop = async () => {};
    try {
      await expect(
        runMigrations(conn, [
          { id: '20990102-01-b', up: noop },
          { id: '20990101-01-a', up: noop },
        ]),
      ).rejects.toThrow(/in order/);
    } finally {
      await conn.dropDatabase();
      await conn.close();
    }
  });
});
