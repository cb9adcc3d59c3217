/**
 * Steps 3 and 4 of the provisioner: FerretDB on PostgreSQL (a private cluster, or POSTGRES_URL's), and
 * FerretDB on SQLite, the last resort.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startFerretDbProcess, type FerretDbProcess } from './ferretdb-process.js';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster.js';
import { redactUri, type ProvisionedDatabase } from './provision.js';

/** Scratch folders live on tmpfs where there is one: faster, and gone at reboot if a run dies. */
function scratchFolder(prefix: string): string {
  return mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), prefix));
}

export interface PostgresOptions {
  persistDir?: string | undefined;
  postgresUrl?: string | undefined;
}

export async function startFerretDbOnPostgres(opts: PostgresOptions): Promise<ProvisionedDatabase> {
  const workDir = scratchFolder('ferretdb-pg-');
  // When the bot is root the scratch cluster belongs to the postgres user, who must pass through here.
  chmodSync(workDir, 0o711);
  let cluster: PostgresCluster | undefined;
  let ferret: FerretDbProcess | undefined;
  try {
    let url: string;
    let password: string | undefined;
    let where: string;
    if (opts.postgresUrl) {
      ({ url, password } = splitPassword(opts.postgresUrl));
      where = `PostgreSQL at ${redactUri(opts.postgresUrl)}`;
    } else {
      const dataDir = opts.persistDir ? resolve(opts.persistDir, 'postgres') : join(workDir, 'postgres');
      cluster = await startPostgresCluster({ dataDir, scratch: !opts.persistDir });
      ({ url, password } = cluster);
      const port = new URL(url).port;
      where = opts.persistDir
        ? `PostgreSQL ${cluster.version} on 127.0.0.1:${port}, ${cluster.created ? 'new' : 'existing'} cluster in ${dataDir}`
        : `PostgreSQL ${cluster.version} on 127.0.0.1:${port}, scratch cluster on tmpfs`;
    }
    ferret = await startFerretDbProcess({
      backendArgs: ['--handler=postgresql', `--postgresql-url=${url}`],
      stateDir: workDir,
      env: password === undefined ? {} : { PGPASSWORD: password },
    });
    return running('ferretdb-postgresql', `FerretDB 1.24.2 on ${where}`, ferret, workDir, cluster);
  } catch (err) {
    await ferret?.stop();
    await cluster?.stop().catch(() => undefined);
    rmSync(workDir, { recursive: true, force: true });
    throw err;
  }
}

export async function startFerretDbOnSqlite(persistDir: string | undefined): Promise<ProvisionedDatabase> {
  // FerretDB 1.24's `mode=memory` SQLite deadlocks inside findAndModify (its update waits for a second pool
  // connection that memory mode never gets), so "in memory" here means a folder on tmpfs, removed at stop.
  const workDir = scratchFolder('ferretdb-');
  const dataDir = persistDir ? resolve(persistDir, 'ferretdb') : join(workDir, 'data');
  mkdirSync(dataDir, { recursive: true });
  try {
    const ferret = await startFerretDbProcess({
      backendArgs: [
        '--handler=sqlite',
        // Scratch data need not survive a power cut, so skip the fsync per commit there (3x faster inserts);
        // persistent data keeps SQLite's full synchronisation: an acknowledged event must not be lost.
        persistDir
          ? `--sqlite-url=file:${dataDir}/`
          : `--sqlite-url=file:${dataDir}/?_pragma=synchronous(normal)`,
      ],
      stateDir: workDir,
    });
    const where = persistDir ? `data in ${dataDir}` : 'scratch data on tmpfs';
    return running('ferretdb-sqlite', `FerretDB 1.24.2 on SQLite, ${where}`, ferret, workDir, undefined);
  } catch (err) {
    rmSync(workDir, { recursive: true, force: true });
    throw err;
  }
}

function running(
  engine: 'ferretdb-postgresql' | 'ferretdb-sqlite',
  what: string,
  ferret: FerretDbProcess,
  workDir: string,
  cluster: PostgresCluster | undefined,
): ProvisionedDatabase {
  // A process that dies without stop() (a crashed test run) must not leave servers or scratch data behind;
  // an immediate PostgreSQL shutdown is a crash it recovers from at the next start.
  const onExit = () => {
    ferret.killNow();
    cluster?.stopNow();
    rmSync(workDir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  return {
    uri: ferret.uri,
    engine,
    description: `${what}; MongoDB wire on 127.0.0.1:${ferret.port}`,
    stop: async () => {
      process.off('exit', onExit);
      try {
        await ferret.stop();
        await cluster?.stop();
      } finally {
        rmSync(workDir, { recursive: true, force: true });
      }
    },
    // An outage is FerretDB crashing: what it acknowledged is already committed in its backend.
    suspend: () => ferret.stop('SIGKILL'),
    resume: () => ferret.start(),
  };
}

/** The password leaves the URL for PGPASSWORD, so it never shows in FerretDB's argv. */
function splitPassword(postgresUrl: string): { url: string; password: string | undefined } {
  const u = new URL(postgresUrl);
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  u.password = '';
  return { url: u.toString(), password };
}
