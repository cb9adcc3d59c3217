/**
 * The bot as deployed, in a process of its own (`node --import tsx src/main.ts`, exactly what `npm run dev`
 * runs), on the test's database and talking to a Lark emulator in the test process — so that the crash
 * tests can kill it with SIGKILL and start it again, as a power cut and systemd would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../src/db/free-port.js';
import type { LarkEmulator } from '../../src/sandbox/emulator/index.js';
import { TEST_APP } from '../support/harness.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STARTED = 'bot is listening on POST /lark/events and /lark/cards';
const START_TIMEOUT_MS = 90_000;

export interface ChildBot {
  readonly pid: number;
  readonly url: string;
  /** Its log lines so far (JSON), for a failing test's message. */
  readonly logs: string[];
  /** Resolves when the process has ended, however. */
  readonly exited: Promise<number | null>;
  /** SIGKILL, as a power cut: no shutdown code runs. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM: the graceful shutdown. */
  stop(): Promise<void>;
}

/** A mongodb:// URI naming the database the child should use (main.ts reads the name from the path). */
export function uriFor(serverUri: string, dbName: string): string {
  const u = new URL(serverUri);
  u.pathname = `/${dbName}`;
  return u.toString();
}

export interface ChildBotOptions {
  mongoUri: string;
  emulator: LarkEmulator;
  /** Modules loaded before main.ts (`--import`), e.g. ./kill-at-write.ts. */
  preload?: string[];
  env?: Record<string, string>;
}

/** Starts the bot and resolves once it listens with its workers and scheduler running. */
export async function startChildBot(o: ChildBotOptions): Promise<ChildBot> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = ['--import', 'tsx', ...(o.preload ?? []).flatMap((p) => ['--import', p]), 'src/main.ts'];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TMPDIR: process.env.TMPDIR,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'child-bot-')),
      MONGODB_URI: o.mongoUri,
      LARK_APP_ID: TEST_APP.appId,
      LARK_APP_SECRET: TEST_APP.appSecret,
      LARK_VERIFICATION_TOKEN: TEST_APP.verificationToken,
      LARK_ENCRYPT_KEY: TEST_APP.encryptKey,
      LARK_DOMAIN: o.emulator.url,
      LOG_LEVEL: 'info',
      ...o.env,
    },
  });
  const logs: string[] = [];
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const started = new Promise<void>((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`child bot did not start in time:\n${tail(logs)}`)),
      START_TIMEOUT_MS,
    );
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line) continue;
        logs.push(line);
        if (line.includes(STARTED)) {
          clearTimeout(timer);
          done();
        }
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`child bot exited (${code}) before it started:\n${tail(logs)}`));
    });
  });
  await started;
  o.emulator.setWebhook(`${url}/lark/events`, `${url}/lark/cards`);
  return {
    pid: child.pid!,
    url,
    logs,
    exited,
    kill: () => signal(child, 'SIGKILL', exited),
    stop: () => signal(child, 'SIGTERM', exited),
  };
}

async function signal(child: ChildProcess, sig: NodeJS.Signals, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill(sig);
  await exited;
}

export const tail = (logs: readonly string[], n = 30) => logs.slice(-n).join('\n');

/** Polls `check` until it is true; fails with `what` after the deadline. Never a fixed sleep. */
export async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
