/**
 * One way to get a real MongoDB-wire database, used by tests, benchmarks and `npm start`:
 *   1. MONGODB_URI when set (it always wins);
 *   2. a real `mongod` through mongodb-memory-server when a binary is on this machine or can be downloaded;
 *   3. otherwise FerretDB 1.24.2 on SQLite, built once into .cache/ferretdb by scripts/ensure-ferretdb.sh.
 * `persistDir` keeps data across restarts (npm start); without it the database lives in memory (tests).
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export type Engine = 'external' | 'mongod' | 'ferretdb';

export interface ProvisionedDatabase {
  readonly uri: string;
  readonly engine: Engine;
  /** One line for the start-up log: which engine, where its data lives. */
  readonly description: string;
  /** Stops the server for good; scratch data is removed. */
  stop(): Promise<void>;
  /** Stops the server but keeps its data and address, so resume() brings the same database back (outage tests). */
  suspend(): Promise<void>;
  resume(): Promise<void>;
}

export interface ProvisionOptions {
  uri?: string | undefined;
  persistDir?: string | undefined;
  /** Skip the mongod attempt (tests of the FerretDB path; `DB_ENGINE=ferretdb`). */
  engine?: Exclude<Engine, 'external'> | undefined;
  log?: (line: string) => void;
}

/** The folder holding package.json: src/db from sources, dist/src/db when compiled. */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the project folder (package.json) above ' + import.meta.url);
    dir = up;
  }
  return dir;
}

export async function provisionDatabase(opts: ProvisionOptions = {}): Promise<ProvisionedDatabase> {
  const log = opts.log ?? (() => {});
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
  const wanted = opts.engine ?? (process.env.DB_ENGINE as ProvisionOptions['engine']);
  if (wanted !== 'ferretdb') {
    const mongod = await tryMongod(opts.persistDir, log);
    if (mongod) return mongod;
    if (wanted === 'mongod') throw new Error('DB_ENGINE=mongod but no mongod binary is available');
  }
  return startFerretDb(opts.persistDir, log);
}

function redactUri(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//***@');
}

// ---------------------------------------------------------------- mongod (mongodb-memory-server)

async function tryMongod(persistDir: string | undefined, log: (l: string) => void) {
  const binary = findMongodBinary();
  if (!binary && !(await canDownloadMongod())) {
    log('no mongod binary here and its download host is unreachable: using FerretDB');
    return undefined;
  }
  try {
    const { MongoMemoryServer } = await import('mongodb-memory-server');
    if (persistDir) mkdirSync(persistDir, { recursive: true });
    const server = await MongoMemoryServer.create({
      binary: binary ? { systemBinary: binary } : {},
      instance: persistDir ? { dbPath: resolve(persistDir, 'mongod'), storageEngine: 'wiredTiger' } : {},
    });
    if (persistDir) mkdirSync(resolve(persistDir, 'mongod'), { recursive: true });
    const version = binary ? ` (${binary})` : '';
    return {
      uri: server.getUri(),
      engine: 'mongod' as const,
      description: `mongod via mongodb-memory-server${version}, ${persistDir ? `data in ${persistDir}` : 'in memory'}`,
      stop: async () => void (await server.stop({ doCleanup: !persistDir, force: false })),
      suspend: async () => void (await server.stop({ doCleanup: false })),
      resume: async () => void (await server.start(true)),
    };
  } catch (err) {
    log(`mongod could not start (${(err as Error).message.split('\n')[0]}): using FerretDB`);
    return undefined;
  }
}

function findMongodBinary(): string | undefined {
  const explicit = process.env.MONGOMS_SYSTEM_BINARY;
  if (explicit && existsSync(explicit)) return explicit;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'mongod');
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

async function canDownloadMongod(): Promise<boolean> {
  if (process.env.MONGOMS_DISABLE_DOWNLOAD) return false;
  try {
    await lookup('fastdl.mongodb.org');
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- FerretDB

export async function ensureFerretDbBinary(): Promise<string> {
  const script = join(projectRoot(), 'scripts/ensure-ferretdb.sh');
  const { stdout } = await promisify(execFile)('bash', [script], { maxBuffer: 1 << 20 });
  const bin = stdout.trim().split('\n').pop() ?? '';
  if (!existsSync(bin)) throw new Error(`scripts/ensure-ferretdb.sh did not produce a binary (got "${bin}")`);
  return bin;
}

async function startFerretDb(persistDir: string | undefined, log: (l: string) => void) {
  const bin = await ensureFerretDbBinary();
  const port = await freePort();
  // FerretDB 1.24's `mode=memory` SQLite deadlocks inside findAndModify (its update waits for a second pool
  // connection that memory mode never gets), so "in memory" here means a folder on tmpfs, removed at stop.
  const scratchRoot = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const workDir = mkdtempSync(join(scratchRoot, 'ferretdb-'));
  const dataDir = persistDir ? resolve(persistDir, 'ferretdb') : join(workDir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const args = [
    '--handler=sqlite',
    '--telemetry=disable',
    `--listen-addr=127.0.0.1:${port}`,
    '--debug-addr=-',
    `--state-dir=${workDir}`,
    '--log-level=error',
    // Scratch data need not survive a power cut, so skip the fsync per commit there (3x faster inserts);
    // persistent data keeps SQLite's default full synchronisation: an acknowledged event must not be lost.
    persistDir
      ? `--sqlite-url=file:${dataDir}/`
      : `--sqlite-url=file:${dataDir}/?_pragma=synchronous(normal)`,
  ];
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(bin, args, { cwd: workDir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => void (stderr = (stderr + d.toString()).slice(-2000)));
    await waitForPort(port, child, () => stderr);
  };
  /** SIGTERM, or SIGKILL after 5 s: a graceful shutdown may wait on idle client connections. */
  const stop = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((done) => {
      const force = setTimeout(() => c.kill('SIGKILL'), 5000);
      c.once('exit', () => {
        clearTimeout(force);
        done();
      });
      c.kill(signal);
    });
  };
  await start();
  log(`FerretDB ${bin} on 127.0.0.1:${port}`);
  const cleanup = () => child?.kill('SIGKILL');
  process.once('exit', cleanup);
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    engine: 'ferretdb' as const,
    description: `FerretDB 1.24.2 (SQLite) on 127.0.0.1:${port}, ${persistDir ? `data in ${dataDir}` : 'scratch data on tmpfs'}`,
    stop: async () => {
      await stop('SIGTERM');
      process.off('exit', cleanup);
      rmSync(workDir, { recursive: true, force: true });
    },
    // An outage is a crash: committed SQLite transactions survive it (WAL), as they must.
    suspend: () => stop('SIGKILL'),
    resume: start,
  };
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => done(port));
    });
  });
}

/** Resolves once the server accepts TCP connections; rejects if the process exits first or after 30 s. */
async function waitForPort(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`FerretDB exited with ${child.exitCode}: ${stderr()}`);
    const open = await new Promise<boolean>((done) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), done(true)));
      s.once('error', () => done(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`FerretDB did not listen on ${port} within 30 s: ${stderr()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
