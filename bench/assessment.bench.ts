/**
 * `npm run bench:assessment`: 200 branches × 50 members (10,000) with a year of regime data (ledger lines,
 * twelve months of ratings and records, quarterly comments, two surveys, honours), then
 *   read inputs once   the roster and every source the assessment folds, each streamed once, nothing kept
 *   assessment         the year-end assessment of every branch built and stored (scores, places, the
 *                      branches' annual figures an annual digest shows), from the same reads
 * each the median of BENCH_RUNS (default 3), alternating. Peak RSS is the process's high-water mark, the
 * data generation included. Targets: ratio ≤ 1.5, peak RSS < 300 MB.
 */
import { loadavg } from 'node:os';
import { migrations } from '../migrations/index.js';
import { connectDatabase } from '../src/db/connection.js';
import { runMigrations } from '../src/db/migrate.js';
import { provisionDatabase } from '../src/db/provision.js';
import { listBranches, listBranchesPeople } from '../src/org/index.js';
import { buildAssessments } from '../src/regime/assessment/index.js';
import { findYears } from '../src/regime/assessment/assessment.repository.js';
import { ASSESSMENT_SOURCES } from '../src/regime/index.js';
import type { YearScope } from '../src/regime/ports.js';
import { generateYear } from './assessment-data.js';

const YEAR = 2026;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const db = await provisionDatabase({ uri: process.env.MONGODB_URI });
  console.log(`database: ${db.description}`);
  const conn = await connectDatabase(db.uri, { dbName: 'bench_assessment' });
  // BENCH_REUSE=1 with MONGODB_URI: measure again on the data a previous run generated.
  if (process.env.BENCH_REUSE !== '1') {
    await conn.dropDatabase();
    await runMigrations(conn, migrations);
    const t0 = performance.now();
    const counts = await generateYear(conn, {
      branches: Number(process.env.BENCH_BRANCHES ?? 200),
      members: Number(process.env.BENCH_MEMBERS ?? 50),
      year: YEAR,
    });
    console.log(`generated ${JSON.stringify(counts)} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const branchIds = (await listBranches(conn)).map((b) => b.id);
  const scope: YearScope = { branchIds, year: YEAR };

  /** The plain read: the same roster and source streams, each document counted and dropped. */
  async function readOnce(): Promise<number> {
    let n = [...(await listBranchesPeople(conn, branchIds)).values()].reduce((s, l) => s + l.length, 0);
    for (const source of Object.values(ASSESSMENT_SOURCES)) for await (const _ of source(conn, scope)) n++;
    return n;
  }
  const reads: number[] = [];
  const builds: number[] = [];
  let docs = 0;
  let members = 0;
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    docs = await readOnce();
    reads.push(performance.now() - t);
    t = performance.now();
    members = (await buildAssessments(conn, ASSESSMENT_SOURCES, { ...scope, now: new Date() })).members;
    builds.push(performance.now() - t);
    console.log(
      `run ${i + 1}: read ${reads.at(-1)!.toFixed(0)} ms, assessment ${builds.at(-1)!.toFixed(0)} ms`,
    );
  }
  const years = await findYears(conn, branchIds, YEAR);
  const org = [...years.values()].reduce(
    (s, y) => ({ members: s.members + y.members, honours: s.honours + y.summary.honours.length }),
    { members: 0, honours: 0 },
  );
  console.log(
    `read ${docs} documents; assessed ${members} members in ${years.size} branches (${JSON.stringify(org)})`,
  );
  console.log(
    `runs: read ${reads.map((x) => x.toFixed(0)).join(', ')} ms; assessment ${builds.map((x) => x.toFixed(0)).join(', ')} ms`,
  );
  const x = median(reads);
  const y = median(builds);
  console.log(`read inputs once: ${x.toFixed(0)} ms`);
  console.log(`assessment: ${y.toFixed(0)} ms`);
  console.log(`ratio to read: ${(y / x).toFixed(2)}`);
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  console.log(
    `load average: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  await conn.close();
  await db.stop?.();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
