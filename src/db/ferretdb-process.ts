/**
 * FerretDB 1.24.2 as a child process on a loopback port, whatever its backend. The binary is built once
 * into .cache/ferretdb by scripts/ensure-ferretdb.sh (see that script for why not plain `go install`).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort, waitForPort } from './free-port.js';

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

export async function ensureFerretDbBinary(): Promise<string> {
  const script = join(projectRoot(), 'scripts/ensure-ferretdb.sh');
  const { stdout } = await promisify(execFile)('bash', [script], { maxBuffer: 1 << 20 });
  const bin = stdout.trim().split('\n').pop() ?? '';
  if (!existsSync(bin)) throw new Error(`scripts/ensure-ferretdb.sh did not produce a binary (got "${bin}")`);
  return bin;
}

export interface FerretDbProcess {
  readonly port: number;
  readonly uri: string;
  /** SIGTERM (SIGKILL after 5 s: a graceful shutdown may wait on idle client connections), or SIGKILL. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Starts it again on the same port (after stop: the outage tests). */
  start(): Promise<void>;
  /** For a `process.on('exit')` handler, where nothing can be awaited. */
  killNow(): void;
}

export interface FerretDbOptions {
  /** `--handler=…` and the backend's own flags. */
  backendArgs: string[];
  /** FerretDB's state folder (its own small state file); the caller creates and removes it. */
  stateDir: string;
  /** Extra environment, e.g. PGPASSWORD: a password in argv would show in `ps` to every local user. */
  env?: Record<string, string>;
}

export async function startFerretDbProcess(opts: FerretDbOptions): Promise<FerretDbProcess> {
  const bin = await ensureFerretDbBinary();
  const port = await freePort();
  const args = [
    ...opts.backendArgs,
    '--telemetry=disable',
    `--listen-addr=127.0.0.1:${port}`,
    '--debug-addr=-',
    `--state-dir=${opts.stateDir}`,
    '--log-level=error',
  ];
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(bin, args, {
      cwd: opts.stateDir,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...opts.env },
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => void (stderr = (stderr + d.toString()).slice(-2000)));
    await waitForPort(port, child, 'FerretDB', () => stderr);
  };
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
  return {
    port,
    uri: `mongodb://127.0.0.1:${port}/`,
    stop,
    start,
    killNow: () => void child?.kill('SIGKILL'),
  };
}
