/**
 * db:copy between two databases of the run's real server: every collection, its indexes and its values'
 * BSON types arrive; a copy that stopped half-way resumes; a second run copies nothing and still verifies.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Int32, Long, MongoClient, ObjectId, type Db, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { copyDatabase } from '../../src/db/copy-database.js';
import { uniqueDbName } from '../support/database.js';

const AS_STORED = { promoteLongs: false, promoteValues: false, promoteBuffers: false, bsonRegExp: true };

function uriFor(dbName: string): string {
  const u = new URL(inject('mongoUri'));
  u.pathname = `/${dbName}`;
  return u.toString();
}

async function everything(db: Db, name: string): Promise<Document[]> {
  return db.collection(name).find({}, AS_STORED).sort({ _id: 1 }).toArray();
}

describe('db:copy', () => {
  let client: MongoClient;
  let source: Db;
  const made: Db[] = [];
  const fresh = () => {
    const db = client.db(uniqueDbName('copy'));
    made.push(db);
    return db;
  };

  beforeAll(async () => {
    client = await MongoClient.connect(inject('mongoUri'));
    source = fresh();
    const records = Array.from({ length: 600 }, (_, i) => ({
      _id: `r${String(i).padStart(5, '0')}`,
      branch: `b${i % 12}`,
      member: `m${i}`,
      month: `2026-${String((i % 12) + 1).padStart(2, '0')}`,
      at: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
      score: i % 2 ? new Int32(i) : i + 0.5,
      big: Long.fromNumber(2 ** 40 + i),
      text: { zh: '已完成', tags: ['一诺', i] },
      ref: new ObjectId(),
      none: null,
    }));
    await source.collection('records').insertMany(records as never[]);
    await source.collection('records').createIndex({ branch: 1, month: 1 });
    await source
      .collection('records')
      .createIndex({ branch: 1, member: 1, month: 1 }, { unique: true, name: 'one_per_month' });
    // Ids of three BSON types: a resume point of one type matches no _id of another.
    const mixed = [
      { _id: 's1' },
      { _id: 's2' },
      { _id: new ObjectId() },
      { _id: new ObjectId() },
      { _id: 7 },
    ];
    await source.collection('mixed').insertMany(mixed as never[]);
    await source.createCollection('empty');
    await source.collection('empty').createIndex({ key: 1 }, { unique: true });
  });

  afterAll(async () => {
    for (const db of made) await db.dropDatabase();
    await client.close();
  });

  // Both move hundreds of documents several times over: on a busy machine that outlasts the default 20 s.
  it(
    'resumes a copy that stopped half-way, keeps types and indexes, and verifies by counts',
    { timeout: 60_000 },
    async () => {
      const target = fresh();
      // What an interrupted run leaves: a prefix in _id order, and one id of one type.
      const prefix = (await everything(source, 'records')).slice(0, 250);
      await target.collection('records').insertMany(prefix);
      await target.collection('mixed').insertOne({ _id: 's1' as never });

      const lines: string[] = [];
      const results = await copyDatabase(source, target, { batchSize: 200, log: (l) => lines.push(l) });
      expect(results).toEqual([
        { name: 'empty', source: 0, target: 0, copied: 0, indexes: 1, ok: true },
        { name: 'mixed', source: 5, target: 5, copied: 4, indexes: 0, ok: true },
        { name: 'records', source: 600, target: 600, copied: 350, indexes: 2, ok: true },
      ]);
      expect(lines).toContain('records: 600 in source, 600 in target (350 copied now, 2 indexes) ok');
      for (const name of ['records', 'mixed']) {
        expect(await everything(target, name)).toEqual(await everything(source, name));
      }
      const indexes = await target.collection('records').indexes();
      expect(indexes.find((i) => i.name === 'one_per_month')).toMatchObject({
        key: { branch: 1, member: 1, month: 1 },
        unique: true,
      });
      expect(indexes.some((i) => JSON.stringify(i.key) === '{"branch":1,"month":1}')).toBe(true);

      const again = await copyDatabase(source, target);
      expect(again.map((r) => [r.name, r.copied, r.ok])).toEqual([
        ['empty', 0, true],
        ['mixed', 0, true],
        ['records', 0, true],
      ]);
    },
  );

  it(
    'runs from the command line between two URIs and prints each collection',
    { timeout: 60_000 },
    async () => {
      const target = fresh();
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          '--import',
          'tsx',
          'src/db/copy-cli.ts',
          '--from',
          uriFor(source.databaseName),
          '--to',
          uriFor(target.databaseName),
        ],
        { timeout: 60_000 },
      );
      expect(stdout).toContain('records: 600 in source, 600 in target (600 copied now, 2 indexes) ok');
      expect(stdout).toContain('db:copy: 3 collections copied and verified by counts');
      expect(await target.collection('mixed').countDocuments()).toBe(5);
    },
  );
});
