/**
 * Puts the bot together: the organisation, the regime's capabilities, the scheduler and its 日程 command,
 * over one database connection. main.ts, the benchmark and the end-to-end tests all build it this way.
 */
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { buildBot, newHeartbeat, type AppDeps, type Bot } from './app.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import type { BotModule } from './bot/module.js';
import {
  listActiveBranches,
  listBranchesWithRole,
  orgModule,
  recordAudit,
  refreshHolidays,
  requireRole,
  type Permission,
} from './org/index.js';
import { REGIME_MODULES } from './regime/index.js';
import { BotMetrics } from './metrics.js';
import { createScheduler, scheduleModule, type ScheduleAccess, type Scheduler } from './schedule/index.js';

/** Who may see the schedule and run a job now. */
const MANAGE_SCHEDULE: Permission = {
  roles: ['admin', 'secretary'],
  to: '查看和执行日程',
  en: 'see and run the schedule',
};

export interface AssembleOptions extends Pick<
  AppDeps,
  'pollMs' | 'rateLimits' | 'cardDeadlineMs' | 'inboxRetry'
> {
  config: Config;
  conn: Connection;
  logger: Logger;
  clock?: Clock;
  /** The regime capabilities; default: all of them. */
  regime?: readonly BotModule[];
  /** What calls the scheduler's tick (default node-cron every minute); tests pass their own. */
  schedulerTrigger?: Parameters<typeof createScheduler>[0]['trigger'];
}

export interface AssembledBot {
  bot: Bot;
  scheduler: Scheduler;
  /** Starts the inbox/outbox workers, then the scheduler (its jobs send through the outbox). */
  start(): Promise<void>;
  /** Stops the scheduler, then the workers and the HTTP server. The connection is the caller's. */
  close(): Promise<void>;
}

export async function assembleBot(o: AssembleOptions): Promise<AssembledBot> {
  const { conn, config } = o;
  const clock = o.clock ?? systemClock;
  const regime = o.regime ?? REGIME_MODULES;
  // The scheduler's jobs need the bot's outbox, and the bot needs the scheduler's command: jobs read it
  // at run time, by which point it exists.
  const late: { bot?: Bot } = {};
  const metrics = new BotMetrics();
  // One identity for the instance: a job run it leaves unfinished is taken over like its sends.
  const heartbeat = newHeartbeat(conn.db!);
  const scheduler = createScheduler({
    instance: { owner: heartbeat.owner, liveness: heartbeat },
    onRunFinished: (job, outcome) => metrics.jobRuns.inc({ job, outcome }),
    conn,
    clock,
    log: o.logger,
    listBranches: () => listActiveBranches(conn),
    jobs: [orgModule, ...regime].flatMap((m) => m.jobs ?? []),
    defaultTimeZone: config.timezone,
    context: () => {
      if (!late.bot) throw new Error('a job ran before the bot was built');
      return { outbox: late.bot.outbox, lark: late.bot.lark, config };
    },
    // Holidays an admin supplies may arrive by an import in another process (npm run org:import).
    beforeEvaluate: () => refreshHolidays(conn),
    trigger: o.schedulerTrigger,
  });
  const access: ScheduleAccess = {
    canManage: (openId, branchId) => requireRole(conn, openId, MANAGE_SCHEDULE, branchId),
    branchesFor: (openId) => listBranchesWithRole(conn, openId, ['admin', 'secretary']),
    audit: (entry) => recordAudit(conn, entry),
  };
  const bot = await buildBot({
    config,
    conn,
    clock,
    logger: o.logger,
    modules: [orgModule, ...regime, scheduleModule({ scheduler, access })],
    pollMs: o.pollMs,
    rateLimits: o.rateLimits,
    cardDeadlineMs: o.cardDeadlineMs,
    inboxRetry: o.inboxRetry,
    metrics,
    heartbeat,
  });
  late.bot = bot;
  return {
    bot,
    scheduler,
    async start() {
      // The calendar stays synchronous: the supplied holidays are in memory before anything is planned.
      await refreshHolidays(conn);
      bot.startWorkers();
      await scheduler.start();
    },
    async close() {
      await scheduler.stop();
      await bot.close();
    },
  };
}
