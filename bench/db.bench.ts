/**
 * `npm run bench:db`: how the database engine in use holds up at the regime's sizes, beside FerretDB on
 * SQLite. Documents look like monthly records, `{branch, member, month, status, text}`, indexed on
 * `{branch: 1, month: 1}`; each branch has 20 months of 50 members. At 20,000 and 120,000 documents (one
 * county) it times:
 *   find:      find({branch, month}), which returns one month of one branch (50 documents);
 *   updateOne: updateOne({branch, member, month}, {$set: {status}}), one member's record;
 *   insertOne: one more record (the event path's write: the inbox and outbox insert, never update).
 * Each figure is the median of several runs after a warm-up. Data goes in with insertMany in batches, so
 * the whole run stays within a few minutes. MONGODB_URI / POSTGRES_URL / DB_ENGINE choose the engine in
 * use as for the tests; BENCH_DB_SIZES (e.g. "20000,120000") changes the sizes.
 */
import { performance } from 'node:perf_hooks';
import { MongoClient, type Collection } from 'mongodb';
import { provisionDatabase, type EngineChoice, type ProvisionOptions } from '../src/db/provision.js';

const SIZES = (process.env.BENCH_DB_SIZES ?? '20000,120000').split(',').map(Number);
const PER_BRANCH = 1000; // 20 months x 50 members
const MONTHS = Array.from(
  { length: 20 },
  (_, i) => `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
);
const BATCH = 1000;
const TEXT = '本月按承诺完成了党员责任区巡查、走访困难群众和志愿服务，群众反映良好。'.repeat(3);

interface Row {
  engine: string;
  docs: number;
  insertPerSecond: number;
  findMs: number;
  updateMs: number;
  insertMs: number;
}

function record(i: number) {
  const inBranch = i % PER_BRANCH;
  return {
    branch: `b${Math.floor(i / PER_BRANCH)}`,
    member: `m${inBranch % 50}`,
    month: MONTHS[Math.floor(inBranch / 50)]!,
    status: 'submitted',
    text: TEXT,
  };
}

async function median(runs: number, fn: (run: number) => Promise<void>): Promise<number> {
  await fn(-1); // warm-up: connection, plan, pages
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const t = performance.now();
    await fn(run);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function grow(col: Collection, from: number, to: number): Promise<number> {
  const t = performance.now();
  for (let start = from; start < to; start += BATCH) {
    const docs = Array.from({ length: Math.min(BATCH, to - start) }, (_, k) => record(start + k));
    await col.insertMany(docs);
  }
  return ((to - from) / (performance.now() - t)) * 1000;
}

async function measure(opts: ProvisionOptions, runs: number): Promise<Row[]> {
  const db = await provisionDatabase(opts);
  // "FerretDB 1.24.2 on PostgreSQL 15", "FerretDB 1.24.2 on SQLite", "mongod via …": the engine, not its port.
  const engine = db.description.split(/,| on 127\.0\.0\.1|;/)[0]!;
  console.log(`database: ${db.description}`);
  const client = await MongoClient.connect(db.uri, { socketTimeoutMS: 600_000 });
  const rows: Row[] = [];
  try {
    const col = client.db('bench_db').collection('records');
    await col.drop().catch(() => undefined);
    await col.createIndex({ branch: 1, month: 1 });
    let have = 0;
    // The queried branch and month exist at every size, so the same query meets a bigger collection.
    const branch = `b${Math.floor(Math.min(...SIZES) / PER_BRANCH / 2)}`;
    const month = MONTHS[9]!;
    for (const size of SIZES) {
      const insertPerSecond = await grow(col, have, size);
      have = size;
      const findMs = await median(runs, async () => {
        const found = await col.find({ branch, month }).toArray();
        if (found.length !== 50) throw new Error(`find returned ${found.length} documents, not 50`);
      });
      const updateMs = await median(runs, async (run) => {
        const r = await col.updateOne(
          { branch, member: 'm13', month },
          { $set: { status: `reviewed-${run}` } },
        );
        if (r.matchedCount !== 1) throw new Error(`updateOne matched ${r.matchedCount} documents, not 1`);
      });
      // Into a collection of its own, so the sizes above stay exact.
      const extra = client.db('bench_db').collection(`inserted_${size}`);
      const insertMs = await median(runs, async () => void (await extra.insertOne(record(size))));
      await extra.drop();
      rows.push({ engine, docs: size, insertPerSecond, findMs, updateMs, insertMs });
      console.log(
        `  ${size} documents: find ${findMs.toFixed(1)} ms, updateOne ${updateMs.toFixed(1)} ms, insertOne ${insertMs.toFixed(1)} ms`,
      );
    }
    await col.drop();
  } finally {
    await client.close();
    await db.stop();
  }
  return rows;
}

async function main() {
  const inUse = await measure(
    {
      uri: process.env.MONGODB_URI,
      postgresUrl: process.env.POSTGRES_URL,
      engine: (process.env.DB_ENGINE || undefined) as EngineChoice | undefined,
    },
    15,
  );
  // SQLite takes seconds per query at county size: fewer runs keep the benchmark within minutes.
  const beside = inUse[0]?.engine.includes('SQLite') ? [] : await measure({ engine: 'ferretdb-sqlite' }, 3);
  const n = (x: number, digits = 0) => x.toLocaleString('en-US', { maximumFractionDigits: digits });
  console.log(
    '\nengine | documents | find by {branch, month} (50 docs) | updateOne by fields | insertOne | insertMany docs/s',
  );
  console.log('--- | ---: | ---: | ---: | ---: | ---:');
  const ms = (x: number) => `${n(x, 1)} ms`;
  for (const r of [...inUse, ...beside]) {
    console.log(
      `${r.engine} | ${n(r.docs)} | ${ms(r.findMs)} | ${ms(r.updateMs)} | ${ms(r.insertMs)} | ${n(r.insertPerSecond)}`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
