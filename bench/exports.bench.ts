/**
 * bench:exports — one branch of BENCH_MEMBERS members (default 2,000) with a year of pledges (five items
 * each) and twelve published monthly ratings, then the 承诺践诺台账 and the 月度评比表 written as the admin
 * endpoint writes them (streamed into a sink). Prints, per table, the rows, the time, the bytes and the
 * peak RSS while writing: the streaming writer should keep memory flat however large the branch.
 */
import { Writable } from 'node:stream';
import type { Connection } from 'mongoose';
import { migrations } from '../migrations/index.js';
import { connectDatabase } from '../src/db/connection.js';
import { runMigrations } from '../src/db/migrate.js';
import { provisionDatabase } from '../src/db/provision.js';
import { writeExport } from '../src/regime/exports/export-file.js';
import { pledgeLedgerTable } from '../src/regime/pledges/index.js';
import type { ExportTable } from '../src/regime/ports.js';
import { monthlyRatingTable, RATING_SCALE } from '../src/regime/ratings/index.js';
import { generatePledges } from './pledges-data.js';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 2000);
const BRANCH = 'b-0';
const YEAR = 2026;

async function generateRatings(conn: Connection, members: number) {
  const months = Array.from({ length: 12 }, (_, i) => `${YEAR}-${String(i + 1).padStart(2, '0')}`);
  const at = new Date(`${YEAR}-12-05T02:00:00Z`);
  const ratings = months.flatMap((month, mi) =>
    Array.from({ length: members }, (_, m) => ({
      _id: `${BRANCH}:${month}:ou_${BRANCH}_m${m}`,
      branchId: BRANCH,
      month,
      openId: `ou_${BRANCH}_m${m}`,
      grade: RATING_SCALE[(m + mi) % RATING_SCALE.length],
      ratedBy: `ou_${BRANCH}_sec`,
      ratedAt: at,
      objections: [],
      rev: 1,
    })),
  );
  for (let i = 0; i < ratings.length; i += 2000)
    await conn.db!.collection('ratings').insertMany(ratings.slice(i, i + 2000) as never[]);
  await conn.db!.collection('rating_months').insertMany(
    months.map((month) => ({
      _id: `${BRANCH}:${month}`,
      branchId: BRANCH,
      month,
      publishedAt: at,
      noticeEndsAt: at,
    })) as never[],
  );
}

/** Writes the table into a sink that only counts bytes, sampling the process's RSS meanwhile. */
async function measure(conn: Connection, table: ExportTable) {
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done();
    },
  });
  global.gc?.();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const t = performance.now();
  const branch = { id: BRANCH, name: '第1党支部' };
  const now = new Date(`${YEAR}-12-10T02:00:00Z`);
  const rows = await writeExport(conn, { table, branch, year: YEAR, now, timeZone: 'Asia/Shanghai' }, sink);
  const ms = performance.now() - t;
  clearInterval(sampler);
  console.log(`${table.name}: ${rows} rows`);
  console.log(`  time: ${ms.toFixed(0)} ms (${((rows / ms) * 1000).toFixed(0)} rows/s)`);
  console.log(`  size: ${(bytes / 1024 / 1024).toFixed(2)} MB`);
  console.log(`  peak RSS: ${(peak / 1024 / 1024).toFixed(0)} MB`);
}

async function main() {
  const db = await provisionDatabase({ uri: process.env.MONGODB_URI });
  console.log(`database: ${db.description}`);
  const conn = await connectDatabase(db.uri, { dbName: 'bench_exports' });
  await conn.dropDatabase();
  await runMigrations(conn, migrations);
  const t0 = performance.now();
  const counts = await generatePledges(conn, { branches: 1, members: MEMBERS, year: YEAR, pending: 'none' });
  await generateRatings(conn, MEMBERS);
  console.log(
    `generated ${JSON.stringify(counts)} + ${MEMBERS * 12} ratings in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  console.log(`RSS before writing: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
  await measure(conn, pledgeLedgerTable);
  await measure(conn, monthlyRatingTable);
  await conn.dropDatabase();
  await conn.close();
  await db.stop();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
