/**
 * The provisioner's own steps, each on a server of its own (never the run's shared database): the SQLite
 * last resort still works, a persistent PostgreSQL cluster survives a restart, SQLite data from before
 * PostgreSQL keeps being used, and POSTGRES_URL is used without its password showing.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { afterEach, describe, expect, it } from 'vitest';
import { startPostgresCluster } from '../../src/db/postgres-cluster.js';
import { provisionDatabase, type ProvisionedDatabase } from '../../src/db/provision.js';

const folders: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'provision-test-'));
  chmodSync(dir, 0o711); // the postgres user runs the cluster when the tests run as root
  folders.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function withClient<T>(db: ProvisionedDatabase, fn: (c: MongoClient) => Promise<T>): Promise<T> {
  const client = await MongoClient.connect(db.uri, { serverSelectionTimeoutMS: 5000 });
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}

describe('the database provisioner', () => {
  it('still starts FerretDB on SQLite, which stores and answers', async () => {
    const db = await provisionDatabase({ engine: 'ferretdb-sqlite' });
    try {
      expect(db.engine).toBe('ferretdb-sqlite');
      await withClient(db, async (client) => {
        const col = client.db('smoke').collection('records');
        await col.createIndex({ branch: 1, month: 1 });
        await col.insertMany([
          { branch: 'b1', month: '2026-11', member: 'm1', status: 'draft' },
          { branch: 'b1', month: '2026-12', member: 'm1', status: 'draft' },
        ]);
        await col.updateOne({ branch: 'b1', month: '2026-11', member: 'm1' }, { $set: { status: 'done' } });
        const found = await col.find({ branch: 'b1', month: '2026-11' }).toArray();
        expect(found).toMatchObject([{ member: 'm1', status: 'done' }]);
      });
    } finally {
      await db.stop();
    }
  });

  it('keeps a PostgreSQL cluster in DATA_DIR/postgres, stops it cleanly and reuses it', async () => {
    const dir = dataDir();
    const first = await provisionDatabase({ engine: 'ferretdb-postgresql', persistDir: dir });
    expect(first.engine).toBe('ferretdb-postgresql');
    expect(first.description).toContain(`new cluster in ${join(dir, 'postgres')}`);
    await withClient(first, (c) =>
      c
        .db('yinuo')
        .collection('kept')
        .insertOne({ _id: 'pledge-1' as never }),
    );
    await first.stop();
    // PostgreSQL removes its pid file only after a clean shutdown.
    expect(existsSync(join(dir, 'postgres', 'postmaster.pid'))).toBe(false);

    const second = await provisionDatabase({ engine: 'ferretdb-postgresql', persistDir: dir });
    try {
      expect(second.description).toContain('existing cluster');
      const kept = await withClient(second, (c) => c.db('yinuo').collection('kept').find().toArray());
      expect(kept).toEqual([{ _id: 'pledge-1' }]);
    } finally {
      await second.stop();
    }
  });

  it('restarts a cluster a killed bot left running, but refuses one a live process runs', async () => {
    const pgData = join(dataDir(), 'postgres');
    const orphan = await startPostgresCluster({ dataDir: pgData, scratch: true });
    const gone = spawnSync(process.execPath, ['-e', '']).pid; // a pid that has exited
    writeFileSync(join(pgData, 'ferretdb.owner'), String(gone));
    const restarted = await startPostgresCluster({ dataDir: pgData, scratch: true });
    try {
      expect(new URL(restarted.url).port).not.toBe(new URL(orphan.url).port);
      writeFileSync(join(pgData, 'ferretdb.owner'), String(process.ppid)); // alive: our parent
      await expect(startPostgresCluster({ dataDir: pgData, scratch: true })).rejects.toThrow(
        `another process (pid ${process.ppid}) runs the PostgreSQL cluster in ${pgData}`,
      );
    } finally {
      await restarted.stop();
    }
    expect(existsSync(join(pgData, 'postmaster.pid'))).toBe(false);
  });

  it('keeps using SQLite data a DATA_DIR holds from before PostgreSQL, and says so', async () => {
    const dir = dataDir();
    const old = await provisionDatabase({ engine: 'ferretdb-sqlite', persistDir: dir });
    await withClient(old, (c) =>
      c
        .db('yinuo')
        .collection('kept')
        .insertOne({ _id: 'old-1' as never }),
    );
    await old.stop();

    const warnings: string[] = [];
    const db = await provisionDatabase({
      engine: 'ferretdb',
      persistDir: dir,
      warn: (l) => warnings.push(l),
    });
    try {
      expect(db.engine).toBe('ferretdb-sqlite');
      expect(warnings.join('\n')).toMatch(/SQLite data from before PostgreSQL: still using it/);
      expect(warnings.join('\n')).toContain('npm run db:copy');
      const kept = await withClient(db, (c) => c.db('yinuo').collection('kept').find().toArray());
      expect(kept).toEqual([{ _id: 'old-1' }]);
    } finally {
      await db.stop();
    }
    expect(existsSync(join(dir, 'postgres'))).toBe(false);
  });

  it('uses POSTGRES_URL when given, never showing its password', async () => {
    const cluster = await startPostgresCluster({ dataDir: join(dataDir(), 'pg'), scratch: true });
    const url = new URL(cluster.url);
    url.password = cluster.password;
    try {
      const db = await provisionDatabase({ postgresUrl: url.toString() });
      try {
        expect(db.engine).toBe('ferretdb-postgresql');
        expect(db.description).toContain(`PostgreSQL at postgres://***@127.0.0.1:${url.port}/postgres`);
        expect(db.description).not.toContain(cluster.password);
        const answer = await withClient(db, async (c) => {
          await c.db('external_pg').collection('x').insertOne({ n: 1 });
          return c.db('external_pg').collection('x').findOne({ n: 1 });
        });
        expect(answer).toMatchObject({ n: 1 });
      } finally {
        await db.stop();
      }
    } finally {
      await cluster.stop();
    }
  });
});
