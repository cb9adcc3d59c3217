/**
 * The scheduler. Each evaluation (`tick`) looks, for every branch and job, at the latest instant the cron
 * rule planned at or before now; when that run is due and its period is still current, the run record is
 * inserted and the job runs — once per job, branch and period, however many instances tick and however
 * often. Runs whose period ended during downtime are recorded as skipped instead. node-cron only calls
 * `tick` every minute; correctness never depends on it (a tick at any later time does the same work).
 */
import { randomUUID } from 'node:crypto';
import cron from 'node-cron';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { OwnerLiveness } from '../db/instance-heartbeat.js';
import { errorSummary } from '../db/queue-worker.js';
import type { HandlerContext } from '../bot/context.js';
import { DEFAULT_TIME_ZONE } from './calendar.js';
import { holidaysVersion } from './holidays.js';
import { nextRun, parseCron, type CronRule } from './cron.js';
import type { JobDefinition, ListBranches, RunTrigger, ScheduleBranch } from './job.js';
import { isPeriodKind } from './period.js';
import * as plans from './plan.js';
import type { BranchJob, Plan, ResolvedBranch } from './plan.js';
import { DEFAULT_RETRY, JobRunner, type JobRunnerOptions, type RetryOptions } from './run-job.js';
import { RunStore, type JobRun } from './run-store.js';
import { upcomingRuns, type UpcomingRun } from './upcoming.js';

export type { RetryOptions } from './run-job.js';

export interface SchedulerOptions {
  conn: Connection;
  clock: Clock;
  log: Logger;
  listBranches: ListBranches;
  jobs: readonly JobDefinition[];
  /** The tools a run gets; called at run time, so it may read a bot built after the scheduler. */
  context: () => Pick<HandlerContext, 'outbox' | 'lark' | 'config'>;
  /** For branches without a time zone of their own (APP_TIMEZONE); default Asia/Shanghai. */
  defaultTimeZone?: string;
  /** How long a run is leased to this instance before another may take it over; renewed while it runs. */
  leaseMs?: number;
  retry?: Partial<RetryOptions>;
  /**
   * Called before each evaluation: the organisation module reloads the holidays an admin supplied, which an
   * import run in another process (npm run org:import) may have changed. A failure is logged, not fatal.
   */
  beforeEvaluate?: () => Promise<void>;
  /** Told how each run ended (the bot counts job runs and failures for /metrics). */
  onRunFinished?: JobRunnerOptions['onRunFinished'];
  /**
   * The instance this scheduler runs in, as its inbox and outbox know it: a run it leaves unfinished when it
   * dies (a kill -9 halfway through a fan-out's queueing) is taken over as soon as its heartbeat is stale.
   * Without it, runs are leased to a scheduler of their own and taken over when the lease ends.
   */
  instance?: { owner: string; liveness: OwnerLiveness };
  /** What calls `tick` after start(): default node-cron, every minute. Tests pass their own. */
  trigger?: (evaluate: () => void) => { stop(): void };
}

export type TriggerOutcome = 'done' | 'failed' | 'already-done' | 'in-progress' | 'disabled';

export interface TriggerResult {
  outcome: TriggerOutcome;
  job: JobDefinition;
  periodKey: string;
  run: JobRun | null;
}

/** What one evaluation did, by run key: for logs and tests. */
export interface TickReport {
  done: string[];
  failed: string[];
  skipped: string[];
}

export interface UpcomingView {
  branch: ResolvedBranch;
  runs: UpcomingRun[];
}

export interface Scheduler {
  readonly jobs: readonly JobDefinition[];
  /** Evaluates once (catching up missed runs of current periods), then lets node-cron evaluate every minute. */
  start(): Promise<void>;
  tick(): Promise<TickReport>;
  /** Stops the trigger and waits for runs in progress. */
  stop(): Promise<void>;
  /** The branch's settings as used, and its next runs (soonest first); null for an unknown branch. */
  upcoming(branchId: string, n?: number): Promise<UpcomingView | null>;
  /** Runs a job for the branch's current period now, through the same once-per-period record. */
  triggerNow(job: string, branchId: string, actor: string): Promise<TriggerResult | null>;
  branch(branchId: string): Promise<ScheduleBranch | null>;
}

/** A run this much later than planned (the trigger fires every minute) is recorded as a catch-up. */
const CATCH_UP_AFTER_MS = 3 * 60_000;

export function createScheduler(o: SchedulerOptions): Scheduler {
  const leaseMs = o.leaseMs ?? 15 * 60_000;
  const store = new RunStore(
    o.conn,
    o.clock,
    o.instance?.owner ?? randomUUID(),
    leaseMs,
    o.instance?.liveness,
  );
  const log = o.log.child({ component: 'scheduler' });
  const runner = new JobRunner({ ...o, store, log, leaseMs, retry: { ...DEFAULT_RETRY, ...o.retry } });
  const defaultTz = o.defaultTimeZone ?? DEFAULT_TIME_ZONE;
  const rules = checkJobs(o.jobs);
  const warned = new Set<string>();
  const warnOnce = (key: string, fields: Record<string, unknown>, msg: string) => {
    if (!warned.has(key)) log.warn(fields, msg);
    warned.add(key);
  };
  const hooks = {
    noHolidayData: (year: number) =>
      warnOnce(
        `holidays:${year}`,
        { year },
        'no official holiday data for this year: reminders fall back to Monday–Friday; supply the holidays in the organisation file',
      ),
  };
  /**
   * Per job and branch, the latest run key known to be final (done or skipped), so that evaluations between
   * one period's run and the next read nothing from the database. Only ever a cache: the record decides.
   */
  const settled = new Map<string, string>();
  let stopTrigger: (() => void) | undefined;
  let ticking: Promise<TickReport> | undefined;

  /** The branch's jobs as it runs them; settings that cannot be used are logged once and replaced by defaults. */
  function jobsOf(b: ScheduleBranch): BranchJob[] {
    const branch = plans.resolveBranch(b, defaultTz);
    for (const p of branch.problems)
      warnOnce(`${b.id}:${p}`, { branch: b.id, problem: p }, 'branch calendar setting ignored');
    for (const name of Object.keys(b.calendar?.jobs ?? {})) {
      if (!rules.has(name))
        warnOnce(`${b.id}:?${name}`, { branch: b.id, job: name }, 'branch calendar names an unknown job');
    }
    const list = plans.branchJobs(b, branch, o.jobs, rules);
    for (const { job, problem } of list) {
      if (problem)
        warnOnce(
          `${b.id}:${job.name}:${problem}`,
          { branch: b.id, job: job.name, problem },
          'branch cron rule ignored',
        );
    }
    return list;
  }

  /** The latest plan of a branch's job, computed again only once the rule's next instant has passed. */
  const planCache = new Map<string, { plan: Plan | null; from: number; until: number }>();
  function latestPlan(bj: BranchJob, now: Date): Plan | null {
    const { branch } = bj;
    const id = [
      bj.job.name,
      branch.id,
      bj.cron,
      branch.timezone,
      branch.quietHours.start,
      branch.quietHours.end,
      // Holidays supplied by an admin may move a reminder: a plan made before they arrived is stale.
      holidaysVersion(),
    ].join('|');
    const t = now.getTime();
    const cached = planCache.get(id);
    if (cached && cached.from <= t && t < cached.until) return cached.plan;
    const plan = plans.latestPlan(bj, now, hooks);
    const next = nextRun(bj.rule, now, branch.timezone);
    planCache.set(id, {
      plan,
      from: plan?.plannedAt.getTime() ?? t,
      until: next?.getTime() ?? t + 86_400_000,
    });
    return plan;
  }

  async function evaluate(): Promise<TickReport> {
    await o
      .beforeEvaluate?.()
      .catch((err: unknown) => log.error({ err: errorSummary(err) }, 'could not prepare the evaluation'));
    const now = o.clock.now();
    const report: TickReport = { done: [], failed: [], skipped: [] };
    for (const b of await o.listBranches()) {
      try {
        await evaluateBranch(b, now, report);
      } catch (err) {
        // One branch's trouble (a database hiccup mid-way) must not hold up the others; the next tick retries.
        log.error({ branch: b.id, err: errorSummary(err) }, 'schedule evaluation failed for a branch');
      }
    }
    return report;
  }

  async function evaluateBranch(b: ScheduleBranch, now: Date, report: TickReport): Promise<void> {
    const due: Array<{ bj: BranchJob; plan: Plan; key: string }> = [];
    for (const bj of jobsOf(b)) {
      const plan = bj.enabled ? latestPlan(bj, now) : null;
      if (!plan || plan.deliverAt.getTime() > now.getTime()) continue;
      const key = plans.runKey(bj.job.name, b.id, plan.periodKey);
      if (settled.get(`${bj.job.name}:${b.id}`) !== key) due.push({ bj, plan, key });
    }
    if (due.length === 0) return;
    // One read for the branch; only missing runs and runs that may run again cost a write.
    const existing = new Map((await store.getMany(due.map((d) => d.key))).map((r) => [r._id, r]));
    for (const { bj, plan, key } of due) {
      const record = existing.get(key);
      if (record && record.status !== 'running' && record.status !== 'failed') {
        settled.set(`${bj.job.name}:${b.id}`, key);
        continue;
      }
      const fields = {
        _id: key,
        job: bj.job.name,
        branchId: b.id,
        periodKey: plan.periodKey,
        plannedAt: plan.plannedAt,
        deliverAt: plan.deliverAt,
      };
      if (plans.isStale(bj, plan, now)) {
        if (!record && (await store.insertSkipped({ ...fields, trigger: 'schedule' }))) {
          log.info({ run: key }, 'missed run of a past period recorded as skipped');
          report.skipped.push(key);
        }
        settled.set(`${bj.job.name}:${b.id}`, key); // too late for this key, whatever its record says
        continue;
      }
      const late = now.getTime() - plan.deliverAt.getTime() > CATCH_UP_AFTER_MS;
      const trigger: RunTrigger = late ? 'catch-up' : 'schedule';
      const run = record ? await store.claim(key) : await store.insertRunning({ ...fields, trigger });
      if (!run) continue; // another instance has it, or its retry is not due yet
      const outcome = await runner.run(bj, plan, run);
      if (outcome === 'done') settled.set(`${bj.job.name}:${b.id}`, key);
      report[outcome].push(key);
    }
  }

  const scheduler: Scheduler = {
    jobs: o.jobs,
    async start() {
      await scheduler.tick();
      const handle = (o.trigger ?? everyMinute)(() => {
        scheduler
          .tick()
          .catch((err: unknown) => log.error({ err: errorSummary(err) }, 'schedule evaluation failed'));
      });
      stopTrigger = () => handle.stop();
      log.info({ jobs: o.jobs.map((j) => j.name) }, 'scheduler started');
    },
    tick() {
      // One evaluation at a time per instance; a trigger arriving meanwhile shares the one in progress.
      ticking ??= evaluate().finally(() => {
        ticking = undefined;
      });
      return ticking;
    },
    async stop() {
      stopTrigger?.();
      stopTrigger = undefined;
      await ticking?.catch(() => undefined);
      await runner.idle();
    },
    async branch(branchId) {
      return (await o.listBranches()).find((b) => b.id === branchId) ?? null;
    },
    async upcoming(branchId, n) {
      const b = await scheduler.branch(branchId);
      if (!b) return null;
      const jobs = jobsOf(b);
      const runs = await upcomingRuns(jobs, store, o.clock.now(), hooks);
      return { branch: plans.resolveBranch(b, defaultTz), runs: n === undefined ? runs : runs.slice(0, n) };
    },
    async triggerNow(jobName, branchId, actor) {
      const b = await scheduler.branch(branchId);
      const bj = b ? jobsOf(b).find((j) => j.job.name === jobName) : undefined;
      if (!bj) return null;
      const plan = plans.manualPlan(bj, o.clock.now());
      const key = plans.runKey(jobName, branchId, plan.periodKey);
      const result = (outcome: TriggerOutcome, run: JobRun | null): TriggerResult => ({
        outcome,
        job: bj.job,
        periodKey: plan.periodKey,
        run,
      });
      if (!bj.enabled) return result('disabled', await store.get(key));
      const fields = {
        _id: key,
        job: jobName,
        branchId,
        periodKey: plan.periodKey,
        plannedAt: plan.plannedAt,
        deliverAt: plan.deliverAt,
      };
      const run =
        (await store.insertRunning({ ...fields, trigger: 'manual', actor })) ??
        (await store.claim(key, { manual: true, trigger: 'manual', actor }));
      if (!run) {
        const existing = await store.get(key);
        return result(existing?.status === 'done' ? 'already-done' : 'in-progress', existing);
      }
      log.info({ run: key, actor }, 'job triggered by hand');
      const outcome = await runner.run(bj, plan, run);
      return result(outcome, await store.get(key));
    },
  };
  return scheduler;
}

/** Checks the declarations once, at start-up: unique names, valid rules and periods. */
function checkJobs(jobs: readonly JobDefinition[]): Map<string, CronRule> {
  const rules = new Map<string, CronRule>();
  for (const job of jobs) {
    if (rules.has(job.name)) throw new Error(`scheduled job ${job.name} is declared twice`);
    if (job.period !== 'week' && !isPeriodKind(job.period)) {
      throw new Error(`scheduled job ${job.name} has unknown period ${String(job.period)}`);
    }
    rules.set(job.name, parseCron(job.cron));
  }
  return rules;
}

function everyMinute(evaluate: () => void): { stop(): void } {
  const task = cron.schedule('* * * * *', evaluate, { name: 'schedule-evaluation', noOverlap: true });
  return { stop: () => void task.destroy() };
}
