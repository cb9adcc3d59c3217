/**
 * The sandbox: `npm start` without Lark credentials. One process runs the Lark emulator on loopback, the bot
 * pointed at it with freshly generated credentials (so deliveries are really signed and encrypted), the demo
 * organisation, and the browser messenger (web-server.ts). The bot runs on a SandboxClock the page moves.
 */
import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { migrations } from '../../../migrations/index.js';
import { assembleBot, type AssembledBot } from '../../assemble.js';
import type { Config } from '../../config.js';
import { runMigrations } from '../../db/migrate.js';
import { addDemoToEmulator, importDemoOrg, type DemoDirectory } from '../demo/seed-demo.js';
import { LarkEmulator } from '../emulator/index.js';
import { findNextStep, type NextStep } from './next-step.js';
import { SandboxClock } from './sandbox-clock.js';
import { buildWebServer } from './web-server.js';

/** The database the sandbox uses on whatever server it is given: reset drops it, so never the bot's own. */
export const SANDBOX_DATABASE = 'yinuo-sandbox';

export interface SandboxOptions {
  /** A config in sandbox mode (loadConfig without Lark credentials). */
  config: Config;
  /** An open, migrated connection; reset drops this database. */
  conn: Connection;
  logger: Logger;
}

export interface Sandbox {
  /** The page's address. */
  url: string;
  emulator: LarkEmulator;
  clock: SandboxClock;
  directory: DemoDirectory;
  /** The time zone the page shows the clock in (APP_TIMEZONE). */
  timezone: string;
  /** The bot as it runs now (a reset builds a new one). */
  bot(): AssembledBot;
  /** Jumps to the next scheduled step, lets the scheduler run it and waits until the bot is done. */
  next(): Promise<NextStep | null>;
  /** Starts the demo again: empty database, organisation re-imported, clock back to now, chats emptied. */
  reset(): Promise<void>;
  /** Waits until the bot has handled every delivery and sent every message that caused. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

const secret = () => randomBytes(16).toString('hex');

export async function startSandbox(o: SandboxOptions): Promise<Sandbox> {
  const { conn, logger } = o;
  if (!o.config.sandbox) throw new Error('startSandbox needs a config in sandbox mode');
  const clock = new SandboxClock();
  const app = {
    appId: o.config.lark.appId,
    appSecret: secret(),
    verificationToken: secret(),
    encryptKey: secret(),
  };
  const emulator = await LarkEmulator.start({
    ...app,
    now: () => clock.now().getTime(),
    // Lark counts its rate limits in real time, as the bot's own limiter does, whatever the clock says.
    rateNow: () => performance.now(),
    host: '127.0.0.1',
  });
  const config: Config = { ...o.config, lark: { ...o.config.lark, ...app, domain: emulator.url } };
  const directory = addDemoToEmulator(emulator);
  const changes = await importDemoOrg(conn, clock.now());
  logger.info({ changes: changes.length }, 'sandbox: demo organisation in place');

  let bot: AssembledBot;
  const startBot = async () => {
    bot = await assembleBot({ config, conn, logger, clock });
    const address = await bot.bot.app.listen({ port: config.port, host: config.host });
    emulator.setWebhook(`${address}/lark/events`, `${address}/lark/cards`);
    await bot.start();
  };
  await startBot();

  const settle = async () => {
    // Handling an event can enqueue messages, and sending cannot cause events: two rounds are enough.
    for (let i = 0; i < 2; i++) {
      await bot.bot.inbox.settled();
      await bot.bot.outbox.settled();
    }
  };
  /** Messages recorded before this index belong to a demo that was reset. */
  let shownFrom = 0;
  let busy: Promise<unknown> = Promise.resolve();
  /** One clock move or reset at a time: a double click on 「下一步」 must not jump twice at once. */
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = busy.then(work, work);
    busy = run.catch(() => undefined);
    return run;
  };

  const sandbox: Sandbox = {
    url: '',
    emulator,
    clock,
    directory,
    timezone: config.timezone,
    bot: () => bot,
    settle,
    next: () =>
      serial(async () => {
        // Whatever is already due runs first, so the step found next is really ahead.
        await bot.scheduler.tick();
        const step = await findNextStep({
          scheduler: bot.scheduler,
          branchIds: directory.branchIds,
          now: clock.now(),
          timezone: config.timezone,
        });
        if (step) clock.jumpTo(step.at);
        await bot.scheduler.tick();
        await settle();
        return step;
      }),
    reset: () =>
      serial(async () => {
        await bot.close();
        await conn.dropDatabase();
        await runMigrations(conn, migrations);
        clock.reset();
        await importDemoOrg(conn, clock.now());
        shownFrom = emulator.messages.length;
        await startBot();
        logger.info('sandbox: demo reset');
      }),
    async close() {
      await web.close();
      await bot.close();
      await emulator.close();
    },
  };
  const web = buildWebServer({ sandbox, shownFrom: () => shownFrom });
  const address = await web.listen({ port: o.config.sandbox.port, host: o.config.sandbox.host });
  sandbox.url = address;
  return sandbox;
}
