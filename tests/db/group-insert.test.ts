import { describe, expect, it } from 'vitest';
import { connectDatabase } from '../../src/db/connection.js';
import { GroupInserter } from '../../src/db/group-insert.js';
import { provisionDatabase } from '../../src/db/provision.js';
import { openTestDatabase } from '../support/database.js';

describe('group commit of inserts', () => {
  it('tells each caller in a shared batch its own outcome: inserted, or a duplicate', async () => {
    const conn = await openTestDatabase({ migrate: false });
    try {
      const col = conn.db!.collection<{ _id: string; n?: number }>('events');
      await col.insertOne({ _id: 'seen-before' });
      const g = new GroupInserter(col);
      const results = await Promise.all([
        g.insert({ _id: 'a', n: 1 }),
        g.insert({ _id: 'seen-before', n: 2 }),
        g.insert({ _id: 'b', n: 3 }),
        g.insert({ _id: 'a', n: 4 }), // a double delivery inside the same batch
      ]);
      expect(results).toEqual([true, false, true, false]);
      expect(await col.countDocuments({})).toBe(3);
      expect(await col.findOne({ _id: 'a' })).toMatchObject({ n: 1 });
    } finally {
      await conn.dropDatabase();
      await conn.close();
    }
  });

  it('rejects every caller when the database goes away, so nothing unstored is acknowledged', async () => {
    const db = await provisionDatabase();
    const conn = await connectDatabase(db.uri, { dbName: 'group_insert', serverSelectionTimeoutMS: 300 });
    try {
      const col = conn.db!.collection<{ _id: string }>('events');
      await col.insertOne({ _id: 'warm' }); // a pooled connection exists when the server dies
      await db.suspend();
      const g = new GroupInserter(col, 256, 2, 3000);
      const results = await Promise.allSettled([g.insert({ _id: 'x' }), g.insert({ _id: 'y' })]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      await db.resume();
    } finally {
      await conn.close();
      await db.stop();
    }
  });
});
