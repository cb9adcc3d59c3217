/**
 * A private PostgreSQL cluster for FerretDB, run from the machine's own PostgreSQL binaries (Debian's
 * `postgresql` package puts them in /usr/lib/postgresql/<version>/bin, off PATH).
 *
 * - It listens on 127.0.0.1 only, on a port free at start-up, with no unix socket (a socket path inside a
 *   deep DATA_DIR can exceed the 107-byte limit), and asks for a password (scram) that is generated once and
 *   kept in the cluster folder: other local users can reach the port but not the data.
 * - PostgreSQL refuses to run as root; when the bot is root the cluster belongs to the `postgres` user
 *   (created by Debian's package) and its programs run through `runuser`.
 * - A scratch cluster (tests, benchmarks) trades durability for speed: fsync, synchronous_commit and
 *   full_page_writes off, passed on the command line so they never reach a persistent cluster's settings.
 */
import { execFile, spawnSync } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { freePort } from './free-port.js';

const run = promisify(execFile);
const PASSWORD_FILE = 'ferretdb.password';
/** The pid of the process that started the cluster, to tell a live owner from one that was killed. */
const OWNER_FILE = 'ferretdb.owner';
/** The superuser initdb creates, and the one FerretDB connects as. */
const USER = 'ferretdb';

export interface PostgresCluster {
  /** `postgres://` URL without the password: that goes through PGPASSWORD, never argv or a log line. */
  readonly url: string;
  readonly password: string;
  readonly version: string;
  /** True when this start created the cluster, false when it reused one left by an earlier start. */
  readonly created: boolean;
  /** Fast shutdown, waiting for PostgreSQL to write its checkpoint; nothing to do if it is not running. */
  stop(): Promise<void>;
  /** Immediate shutdown for a `process.on('exit')` handler, where nothing can be awaited. */
  stopNow(): void;
}

export interface ClusterOptions {
  dataDir: string;
  /** Scratch clusters skip fsync and friends; persistent ones keep PostgreSQL's durable defaults. */
  scratch: boolean;
}

/** The folder holding initdb and pg_ctl: PATH first, then the newest /usr/lib/postgresql/<version>/bin. */
export function findPostgresBinaries(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

interface RunAs {
  user: string;
  uid: number;
  gid: number;
}

async function unprivilegedUser(): Promise<RunAs | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
    return { user: 'postgres', uid, gid };
  } catch {
    throw new Error(
      'PostgreSQL refuses to run as root and this machine has no `postgres` user: install PostgreSQL ' +
        'from the distribution (apt-get install postgresql creates it) or run the bot as an ordinary user',
    );
  }
}

export async function startPostgresCluster(opts: ClusterOptions): Promise<PostgresCluster> {
  const bin = findPostgresBinaries();
  if (!bin) throw new Error('no PostgreSQL binaries (initdb, pg_ctl) on PATH or under /usr/lib/postgresql');
  const as = await unprivilegedUser();
  const command = (program: string, args: string[]): [string, string[]] =>
    as ? ['runuser', ['-u', as.user, '--', join(bin, program), ...args]] : [join(bin, program), args];
  // cwd '/': the postgres user may not be allowed into the bot's working folder.
  const exec = async (program: string, args: string[]) => {
    const [file, argv] = command(program, args);
    try {
      return await run(file, argv, { cwd: '/', maxBuffer: 1 << 20 });
    } catch (err) {
      const e = err as Error & { stderr?: string };
      throw new Error(`${program} failed: ${(e.stderr || e.message).trim().slice(-800)}`, { cause: err });
    }
  };
  const pgData = opts.dataDir;
  const created = !existsSync(join(pgData, 'PG_VERSION'));
  if (created) await initCluster(pgData, opts.scratch, as, exec);
  const password = readFileSync(join(pgData, PASSWORD_FILE), 'utf8').trim();
  const version = readFileSync(join(pgData, 'PG_VERSION'), 'utf8').trim();

  const running = () => spawnSync(...command('pg_ctl', ['status', '-D', pgData]), { cwd: '/' }).status === 0;
  const stop = async () => {
    if (running()) await exec('pg_ctl', ['stop', '-D', pgData, '-m', 'fast', '-w', '-t', '60']);
  };
  // A bot killed without its shutdown leaves the cluster running on its old port: stop it, start afresh.
  // But a cluster whose owner is alive belongs to another bot on the same DATA_DIR: leave it alone.
  const ownerFile = join(pgData, OWNER_FILE);
  const owner = existsSync(ownerFile) ? Number(readFileSync(ownerFile, 'utf8')) : NaN;
  if (running() && owner !== process.pid && isAlive(owner)) {
    throw new Error(
      `another process (pid ${owner}) runs the PostgreSQL cluster in ${pgData}: one bot per DATA_DIR`,
    );
  }
  await stop();
  writeFileSync(ownerFile, String(process.pid));

  const port = await freePort();
  const settings = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    "-c unix_socket_directories=''",
    ...(opts.scratch ? ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'] : []),
  ];
  const logFile = join(pgData, 'server.log');
  await exec('pg_ctl', ['start', '-D', pgData, '-w', '-t', '60', '-l', logFile, '-o', settings.join(' ')]);
  return {
    url: `postgres://${USER}@127.0.0.1:${port}/postgres`,
    password,
    version,
    created,
    stop,
    stopNow: () =>
      void spawnSync(...command('pg_ctl', ['stop', '-D', pgData, '-m', 'immediate']), { cwd: '/' }),
  };
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function initCluster(
  pgData: string,
  scratch: boolean,
  as: RunAs | undefined,
  exec: (program: string, args: string[]) => Promise<unknown>,
): Promise<void> {
  // A recursive mkdir gives every folder it creates the mode: DATA_DIR itself would become 0700 and the
  // postgres user could not reach its own cluster inside it. Parents get the usual mode, the cluster 0700.
  mkdirSync(dirname(pgData), { recursive: true });
  mkdirSync(pgData, { recursive: true, mode: 0o700 });
  if (as) chownSync(pgData, as.uid, as.gid);
  const password = randomBytes(24).toString('hex');
  // initdb reads the password from a file its (possibly unprivileged) user can open; it lives a moment.
  const pwDir = mkdtempSync(join(tmpdir(), 'pgpw-'));
  const pwFile = join(pwDir, 'pw');
  writeFileSync(pwFile, password + '\n', { mode: 0o600 });
  if (as) {
    chownSync(pwDir, as.uid, as.gid);
    chownSync(pwFile, as.uid, as.gid);
  }
  try {
    await exec('initdb', [
      '-D',
      pgData,
      '-U',
      USER,
      `--pwfile=${pwFile}`,
      '--auth=scram-sha-256',
      '-E',
      'UTF8',
      '--no-locale',
      '--no-instructions',
      ...(scratch ? ['--no-sync'] : []),
    ]);
  } catch (err) {
    const hint = as ? ` (the postgres user must be able to reach ${pgData}: check its parent folders)` : '';
    throw new Error(`${(err as Error).message}${hint}`, { cause: err });
  } finally {
    rmSync(pwDir, { recursive: true, force: true });
  }
  writeFileSync(join(pgData, PASSWORD_FILE), password + '\n', { mode: 0o600 });
}
