/**
 * The bot as Lark sees it: a real Lark emulator and the real bot on 127.0.0.1 ports, a real database, the
 * real SDK between them. Tests speak only through the emulator (deliveries in, recorded messages out).
 */
import type { Connection } from 'mongoose';
import { pino } from 'pino';
import { buildBot, type Bot } from '../../src/app.js';
import { assembleBot } from '../../src/assemble.js';
import type { Scheduler } from '../../src/schedule/index.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { BotModule } from '../../src/bot/module.js';
import type { RateLimits } from '../../src/lark/rate-limiter.js';
import type { RetryPolicy } from '../../src/db/leased-queue.js';
import { loggerOptions } from '../../src/logger.js';
import { LarkEmulator, type EmulatorOptions } from '../../src/sandbox/emulator/index.js';
import { FakeClock } from './fake-clock.js';
import { openTestDatabase } from './database.js';

export const TEST_APP = {
  appId: 'cli_a1b2c3d4e5f60718',
  appSecret: 'test-app-secret-value',
  verificationToken: 'test-verification-token',
  encryptKey: 'test-encrypt-key-value',
} as const;

export interface HarnessOptions {
  /** false: no Encrypt Key (plain bodies, token check only). */
  encrypt?: boolean;
  clock?: FakeClock;
  modules?: readonly BotModule[];
  /** Reuse a database (e.g. a second bot instance, or a restart). */
  conn?: Connection;
  /** Reuse an emulator (a restarted bot keeps talking to the same Lark). */
  emulator?: LarkEmulator;
  emulatorRateLimit?: EmulatorOptions['rateLimit'];
  rateLimits?: RateLimits;
  cardDeadlineMs?: number;
  /** Build the bot as main.ts does (organisation, regime, scheduler with a trigger that never fires). */
  assembled?: boolean;
  /** false: build the bot but do not start its background workers (a bot that "dies" after answering). */
  workers?: boolean;
  /** How failing events are retried before they are dead-lettered (default: the production backoff). */
  inboxRetry?: RetryPolicy;
  /** More configuration, as environment variables (EXPORT_TOKEN …). */
  env?: Record<string, string>;
}

export interface Harness {
  emulator: LarkEmulator;
  bot: Bot;
  /** With `assembled: true`: the scheduler, whose trigger never fires by itself (see `tickAt`, chat.ts). */
  scheduler?: Scheduler;
  conn: Connection;
  clock: FakeClock;
  config: Config;
  /** The bot's base URL (http://127.0.0.1:PORT), for its other routes (/metrics, /readyz). */
  url: string;
  /** Every log line the bot wrote, parsed. */
  logs: Array<Record<string, unknown>>;
  rawLogs: string[];
  inboxCount(filter?: Record<string, unknown>): Promise<number>;
  outboxCount(filter?: Record<string, unknown>): Promise<number>;
  /** Stops this bot (and the emulator and database unless they were passed in). */
  close(): Promise<void>;
}

/** A Lark emulator for the test app, on the given clock. */
export function startEmulator(o: {
  clock: FakeClock;
  encrypt?: boolean;
  rateLimit?: EmulatorOptions['rateLimit'];
}) {
  return LarkEmulator.start({
    appId: TEST_APP.appId,
    appSecret: TEST_APP.appSecret,
    verificationToken: TEST_APP.verificationToken,
    ...(o.encrypt !== false ? { encryptKey: TEST_APP.encryptKey } : {}),
    now: () => o.clock.now().getTime(),
    // The bot's limiter counts real time, as Lark does; so must the emulator, or a test whose clock
    // stands still would see every send in the same instant.
    rateNow: () => performance.now(),
    rateLimit: o.rateLimit,
  });
}

export async function startHarness(o: HarnessOptions = {}): Promise<Harness> {
  const clock = o.clock ?? new FakeClock(new Date());
  const encrypt = o.encrypt ?? true;
  const emulator = o.emulator ?? (await startEmulator({ clock, encrypt, rateLimit: o.emulatorRateLimit }));
  const conn = o.conn ?? (await openTestDatabase());
  const config = loadConfig({
    LARK_APP_ID: TEST_APP.appId,
    LARK_APP_SECRET: TEST_APP.appSecret,
    LARK_VERIFICATION_TOKEN: TEST_APP.verificationToken,
    LARK_ENCRYPT_KEY: encrypt ? TEST_APP.encryptKey : '',
    LARK_DOMAIN: emulator.url,
    LOG_LEVEL: 'debug',
    ...o.env,
  });
  const rawLogs: string[] = [];
  const logs: Array<Record<string, unknown>> = [];
  const logger = pino(loggerOptions('debug'), {
    write(line: string) {
      rawLogs.push(line);
      logs.push(JSON.parse(line) as Record<string, unknown>);
      if (process.env.TEST_LOG) process.stderr.write(line);
    },
  });
  const common = {
    config,
    conn,
    clock,
    logger,
    pollMs: 50,
    rateLimits: o.rateLimits,
    cardDeadlineMs: o.cardDeadlineMs,
    inboxRetry: o.inboxRetry,
  };
  const assembled = o.assembled
    ? await assembleBot({ ...common, regime: o.modules, schedulerTrigger: () => ({ stop() {} }) })
    : undefined;
  const bot = assembled?.bot ?? (await buildBot({ ...common, modules: o.modules }));
  const address = await bot.app.listen({ port: 0, host: '127.0.0.1' });
  emulator.setWebhook(`${address}/lark/events`, `${address}/lark/cards`);
  if (o.workers !== false) {
    if (assembled) await assembled.start();
    else bot.startWorkers();
  }
  return {
    emulator,
    bot,
    ...(assembled ? { scheduler: assembled.scheduler } : {}),
    conn,
    clock,
    config,
    url: address,
    logs,
    rawLogs,
    inboxCount: (f = {}) => conn.db!.collection('inbox').countDocuments(f),
    outboxCount: (f = {}) => conn.db!.collection('outbox').countDocuments(f),
    async close() {
      await (assembled ?? bot).close();
      if (!o.emulator) await emulator.close();
      if (!o.conn) {
        await conn.dropDatabase().catch(() => undefined);
        await conn.close();
      }
    },
  };
}
