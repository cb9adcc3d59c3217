/**
 * One way to get a real MongoDB-wire database, used by `npm start`, the tests and the benchmarks. In order:
 *   1. MONGODB_URI when set (it always wins);
 *   2. a real `mongod` through mongodb-memory-server, when a binary is on this machine or can be downloaded
 *      (skipped when POSTGRES_URL is set: whoever names a PostgreSQL wants it used);
 *   3. FerretDB 1.24.2 on PostgreSQL: POSTGRES_URL's, or a private cluster of the machine's own PostgreSQL
 *      (src/db/postgres-cluster.ts) in DATA_DIR/postgres, or on tmpfs for scratch runs;
 *   4. FerretDB on SQLite, the last resort, with a warning: it uses no secondary index, so the regime's
 *      queries slow down past a county's size. A DATA_DIR that already holds SQLite data (DATA_DIR/ferretdb,
 *      the design before PostgreSQL) keeps being used; `npm run db:copy` moves it.
 * FerretDB is built once into .cache/ferretdb by scripts/ensure-ferretdb.sh. `persistDir` keeps data across
 * restarts (npm start); without it the database is scratch, removed at stop (tests, benchmarks).
 */
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { tryMongod } from './provision-mongod.js';
import { startFerretDbOnPostgres, startFerretDbOnSqlite } from './provision-ferretdb.js';

export type Engine = 'external' | 'mongod' | 'ferretdb-postgresql' | 'ferretdb-sqlite';

export interface ProvisionedDatabase {
  readonly uri: string;
  readonly engine: Engine;
  /** One line for the start-up log: which engine, where its data lives. */
  readonly description: string;
  /** Stops the server for good (FerretDB, then its PostgreSQL); scratch data is removed. */
  stop(): Promise<void>;
  /** Stops the server but keeps its data and address, so resume() brings the same database back (outage tests). */
  suspend(): Promise<void>;
  resume(): Promise<void>;
}

/** Which step to take, skipping the ones before it: `ferretdb` skips mongod and keeps steps 3 and 4. */
export type EngineChoice = Exclude<Engine, 'external'> | 'ferretdb';

export interface ProvisionOptions {
  uri?: string | undefined;
  postgresUrl?: string | undefined;
  persistDir?: string | undefined;
  engine?: EngineChoice | undefined;
  log?: (line: string) => void;
  /** For what an operator should act on (SQLite in use); defaults to `log`. */
  warn?: (line: string) => void;
}

/** How slow SQLite gets at the regime's sizes (`npm run bench:db`; README, "The database"). */
export const SQLITE_LIMIT =
  'FerretDB on SQLite uses no secondary index: finding one month of one branch takes about 1 s at 20,000 ' +
  'documents and 6.6 s at 120,000 (one county), against 17 ms and 62 ms on PostgreSQL. Install PostgreSQL ' +
  '(apt-get install postgresql) and move the data with `npm run db:copy` (README, "The database")';

export async function provisionDatabase(opts: ProvisionOptions = {}): Promise<ProvisionedDatabase> {
  const log = opts.log ?? (() => {});
  const warn = opts.warn ?? log;
  if (opts.uri) {
    return {
      uri: opts.uri,
      engine: 'external',
      description: `external MongoDB at ${redactUri(opts.uri)}`,
      stop: async () => {},
      suspend: async () => {
        throw new Error('an external MONGODB_URI cannot be suspended');
      },
      resume: async () => {},
    };
  }
  const wanted = opts.engine;
  if ((wanted === undefined && !opts.postgresUrl) || wanted === 'mongod') {
    const mongod = await tryMongod(opts.persistDir, log);
    if (mongod) return mongod;
    if (wanted === 'mongod')
      throw new Error('the mongod engine was asked for but no mongod binary is available');
  }
  const choosing = wanted === undefined || wanted === 'ferretdb';
  const hasCluster = !!opts.persistDir && existsSync(resolve(opts.persistDir, 'postgres', 'PG_VERSION'));
  // Once db:copy has filled DATA_DIR/postgres, the cluster wins over the SQLite data it came from.
  if (choosing && opts.persistDir && !hasCluster && !opts.postgresUrl && holdsSqliteData(opts.persistDir)) {
    warn(
      `${resolve(opts.persistDir, 'ferretdb')} holds the bot's SQLite data from before PostgreSQL: still using it. ` +
        SQLITE_LIMIT,
    );
    return startFerretDbOnSqlite(opts.persistDir);
  }
  if (wanted !== 'ferretdb-sqlite') {
    try {
      return await startFerretDbOnPostgres({ persistDir: opts.persistDir, postgresUrl: opts.postgresUrl });
    } catch (err) {
      // Never fall back from data that lives in PostgreSQL: the bot would come up empty beside it.
      if (!choosing || opts.postgresUrl || hasCluster) throw err;
      warn(`FerretDB on PostgreSQL could not start (${(err as Error).message.split('\n')[0]})`);
    }
  }
  if (choosing) warn(`using FerretDB on SQLite. ${SQLITE_LIMIT}`);
  return startFerretDbOnSqlite(opts.persistDir);
}

/** True when DATA_DIR/ferretdb holds a SQLite database file FerretDB wrote. */
function holdsSqliteData(persistDir: string): boolean {
  const dir = resolve(persistDir, 'ferretdb');
  return existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.sqlite'));
}

export function redactUri(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//***@');
}
