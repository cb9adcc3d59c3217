import cron from 'node-cron';
import { afterEach, describe, expect, it } from 'vitest';
import { defineJob } from '../../src/schedule/default-calendar.js';
import type { JobContext, JobDefinition, ScheduleBranch } from '../../src/schedule/job.js';
import { newHeartbeat } from '../../src/app.js';
import type { InstanceBeat } from '../../src/db/instance-heartbeat.js';
import { RUNS_COLLECTION, type JobRun } from '../../src/schedule/run-store.js';
import { createScheduler } from '../../src/schedule/runner.js';
import { BotMetrics } from '../../src/metrics.js';
import { useTestDatabase } from '../support/database.js';
import { FakeClock } from '../support/fake-clock.js';
import { captureLog, HOUR, MINUTE, recorder, sh, testScheduler, walk } from './support.js';

const db = useTestDatabase();
const runs = () => db().db!.collection<JobRun>(RUNS_COLLECTION);
const b1: ScheduleBranch = { id: 'b1', name: '第一支部' };
const branches = async () => [b1];

afterEach(async () => {
  await runs().deleteMany({});
});

/** The monthly reminder's run for November, started at 09:00 by `owner`, leased until 09:15. */
const running = (branchId: string, owner: string): JobRun => ({
  _id: `record.remind:${branchId}:2026-11`,
  job: 'record.remind',
  branchId,
  periodKey: '2026-11',
  plannedAt: sh('2026-11-25 09:00'),
  deliverAt: sh('2026-11-25 09:00'),
  trigger: 'schedule',
  status: 'running',
  attempts: 1,
  owner,
  leaseUntil: sh('2026-11-25 09:15'),
  createdAt: sh('2026-11-25 09:00'),
});

describe('failures and retries', () => {
  it('retries a failed run with backoff and then succeeds exactly once', async () => {
    const clock = new FakeClock(sh('2026-11-25 09:00'));
    const attempts: Array<{ at: Date; attempt: number }> = [];
    const flaky = defineJob('record.remind', async (ctx: JobContext) => {
      attempts.push({ at: clock.now(), attempt: ctx.attempt });
      if (attempts.length < 3) throw new Error(`Lark is down (${attempts.length})`);
    });
    const metrics = new BotMetrics();
    const s = testScheduler({
      conn: db(),
      clock,
      jobs: [flaky],
      listBranches: branches,
      onRunFinished: (job, outcome) => metrics.jobRuns.inc({ job, outcome }),
    });
    expect((await s.tick()).failed).toEqual(['record.remind:b1:2026-11']);
    expect(await runs().findOne({})).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: 'Error: Lark is down (1)',
      retryAt: sh('2026-11-25 09:02'),
    });
    await walk(clock, sh('2026-11-25 09:01'), sh('2026-11-25 12:00'), MINUTE, () => [s]);
    // Backoff 2 min, then 4 min: attempts at 09:00, 09:02, 09:06.
    expect(attempts).toEqual([
      { at: sh('2026-11-25 09:00'), attempt: 1 },
      { at: sh('2026-11-25 09:02'), attempt: 2 },
      { at: sh('2026-11-25 09:06'), attempt: 3 },
    ]);
    const run = await runs().findOne({});
    expect(run).toMatchObject({ status: 'done', attempts: 3, finishedAt: sh('2026-11-25 09:06') });
    expect(run!.retryAt).toBeUndefined();
    // What /metrics reports: two failed runs and one done.
    const scraped = await metrics.registry.metrics();
    expect(scraped).toContain('schedule_job_runs_total{job="record.remind",outcome="failed"} 2');
    expect(scraped).toContain('schedule_job_runs_total{job="record.remind",outcome="done"} 1');
  });

  it('gives up after the last attempt, and never retries past the end of the period', async () => {
    const clock = new FakeClock(sh('2026-11-25 09:00'));
    const calls: Date[] = [];
    const broken = defineJob('record.remind', async () => {
      calls.push(clock.now());
      throw new Error('always');
    });
    const s = testScheduler({
      conn: db(),
      clock,
      jobs: [broken],
      listBranches: branches,
      retry: { maxAttempts: 3 },
    });
    await walk(clock, sh('2026-11-25 09:00'), sh('2026-11-25 11:00'), MINUTE, () => [s]);
    expect(calls).toHaveLength(3);
    const run = await runs().findOne({});
    expect(run).toMatchObject({ status: 'failed', attempts: 3 });
    expect(run!.retryAt).toBeUndefined();

    // A run failing at 23:55 on the last day of the month would retry in the next month: it stops instead.
    await runs().deleteMany({});
    const monthEnd: JobDefinition = { ...broken, name: 'month-end', cron: '55 23 L * *', reminder: false };
    const t = testScheduler({ conn: db(), clock, jobs: [monthEnd], listBranches: branches });
    clock.set(sh('2026-11-30 23:58'));
    expect((await t.tick()).failed).toEqual(['month-end:b1:2026-11']);
    expect((await runs().findOne({}))!.retryAt).toBeUndefined();
  });

  it('takes over a run whose instance died mid-run once its lease has run out', async () => {
    const clock = new FakeClock(sh('2026-11-25 09:00'));
    const rec = recorder(clock);
    const job = defineJob('record.remind', rec.run);
    // Another instance inserted the run and died before finishing it.
    await runs().insertOne(running('b1', 'dead-instance'));
    const s = testScheduler({ conn: db(), clock, jobs: [job], listBranches: branches });
    await walk(clock, sh('2026-11-25 09:01'), sh('2026-11-25 09:14'), MINUTE, () => [s]);
    expect(rec.calls).toHaveLength(0);
    await walk(clock, sh('2026-11-25 09:15'), sh('2026-11-25 10:00'), MINUTE, () => [s]);
    expect(rec.calls.map((c) => c.attempt)).toEqual([2]);
    expect(await runs().findOne({})).toMatchObject({ status: 'done', attempts: 2 });
  });
});

describe("a dead instance's run, by its heartbeat", () => {
  const instances = () => db().db!.collection<InstanceBeat>('instances');
  afterEach(async () => {
    await instances().deleteMany({});
  });

  it("is taken over at the next tick once its heartbeat is stale; a live one's never", async () => {
    const clock = new FakeClock(sh('2026-11-25 09:00'));
    const rec = recorder(clock);
    const job = defineJob('record.remind', rec.run);
    const wall = Date.now();
    // Two instances started runs: one was killed 10 s ago (its beat stale), the other still beats.
    await instances().insertMany([
      { _id: 'killed', beatAt: new Date(wall - 10_000), startedAt: new Date(wall - 60_000) },
      // Its beat is dated ahead, so that it stays fresh however slow the database is under load.
      { _id: 'alive', beatAt: new Date(wall + 60_000), startedAt: new Date(wall - 60_000) },
    ]);
    await runs().insertMany([running('b1', 'killed'), running('b2', 'alive')]);
    const me = newHeartbeat(db().db!);
    const s = testScheduler({
      conn: db(),
      clock,
      jobs: [job],
      listBranches: async () => [b1, { id: 'b2', name: '第二支部' }],
      instance: { owner: me.owner, liveness: me },
    });
    clock.set(sh('2026-11-25 09:01'));
    expect((await s.tick()).done).toEqual(['record.remind:b1:2026-11']);
    expect(rec.calls.map((c) => [c.branch, c.attempt])).toEqual([['b1', 2]]);
    expect(await runs().findOne({ branchId: 'b1' })).toMatchObject({ status: 'done', attempts: 2 });
    expect(await runs().findOne({ branchId: 'b2' })).toMatchObject({ status: 'running', owner: 'alive' });
  });
});

describe('many instances, one run', () => {
  it('runs once when eight instances tick at the same instant, even with a slow job', async () => {
    const clock = new FakeClock(sh('2026-11-25 09:00'));
    let calls = 0;
    const slow = defineJob('record.remind', async () => {
      calls += 1;
      await new Promise((r) => setTimeout(r, 20));
    });
    const instances = Array.from({ length: 8 }, () =>
      testScheduler({ conn: db(), clock, jobs: [slow], listBranches: branches }),
    );
    const reports = await Promise.all(instances.map((s) => s.tick()));
    expect(calls).toBe(1);
    expect(reports.flatMap((r) => r.done)).toEqual(['record.remind:b1:2026-11']);
    await Promise.all(instances.map((s) => s.tick()));
    expect(calls).toBe(1);
  });
});

describe('run now', () => {
  it('runs the current period once: pressing twice, or pressing and then the cron, runs one time', async () => {
    const clock = new FakeClock(sh('2026-11-10 15:00'));
    const rec = recorder(clock);
    const s = testScheduler({ conn: db(), clock, jobs: rec.calendarJobs, listBranches: branches });
    const first = await s.triggerNow('record.remind', 'b1', 'ou_admin');
    expect(first).toMatchObject({ outcome: 'done', periodKey: '2026-11' });
    expect(first!.run).toMatchObject({ trigger: 'manual', actor: 'ou_admin', status: 'done' });
    expect((await s.triggerNow('record.remind', 'b1', 'ou_other'))!.outcome).toBe('already-done');
    // A job about the previous month runs for that month: closing October's records, pressed in November.
    expect((await s.triggerNow('record.close', 'b1', 'ou_admin'))!.periodKey).toBe('2026-10');

    await walk(clock, sh('2026-11-25 08:00'), sh('2026-11-25 10:00'), HOUR, () => [s]);
    expect(rec.calls.filter((c) => c.job === 'record.remind').map((c) => c.key)).toEqual([
      'record.remind:b1:2026-11',
    ]);
    expect(await s.triggerNow('no.such.job', 'b1', 'ou_admin')).toBeNull();
    expect(await s.triggerNow('record.remind', 'nowhere', 'ou_admin')).toBeNull();
  });

  it('refuses to run a job the branch switched off', async () => {
    const clock = new FakeClock(sh('2026-11-10 15:00'));
    const rec = recorder(clock);
    const off: ScheduleBranch = { ...b1, calendar: { jobs: { 'record.remind': { enabled: false } } } };
    const s = testScheduler({ conn: db(), clock, jobs: rec.calendarJobs, listBranches: async () => [off] });
    expect((await s.triggerNow('record.remind', 'b1', 'ou_admin'))!.outcome).toBe('disabled');
    await walk(clock, sh('2026-11-25 08:00'), sh('2026-11-25 10:00'), HOUR, () => [s]);
    expect(rec.calls.filter((c) => c.job === 'record.remind')).toHaveLength(0);
  });
});

describe('years without official holiday data', () => {
  it('warns once per year and falls back to Monday–Friday', async () => {
    const clock = new FakeClock(sh('2027-01-25 09:00'));
    const rec = recorder(clock);
    const { log, lines } = captureLog();
    const s = testScheduler({
      conn: db(),
      clock,
      jobs: [defineJob('record.remind', rec.run)],
      listBranches: branches,
      log,
    });
    await walk(clock, sh('2027-01-25 09:00'), sh('2027-03-26 09:00'), 12 * HOUR, () => [s]);
    expect(rec.keys()).toEqual([
      'record.remind:b1:2027-01',
      'record.remind:b1:2027-02',
      'record.remind:b1:2027-03',
    ]);
    const warnings = lines.filter((l) => String(l.msg).startsWith('no official holiday data'));
    expect(warnings.map((w) => w.year)).toEqual([2027]);
  });
});

describe('start and stop', () => {
  it('evaluates at start-up, leaves later evaluations to node-cron, and stop() ends them', async () => {
    const clock = new FakeClock(sh('2026-11-25 09:30'));
    const rec = recorder(clock);
    const s = createScheduler({
      conn: db(),
      clock,
      log: captureLog().log,
      listBranches: branches,
      jobs: [defineJob('record.remind', rec.run)],
      context: () => ({}) as never,
    });
    const cronTasks = () => [...cron.getTasks().values()].filter((t) => t.name === 'schedule-evaluation');
    await s.start();
    expect(rec.keys()).toEqual(['record.remind:b1:2026-11']);
    expect(cronTasks()).toHaveLength(1);
    await s.stop();
    expect(cronTasks()).toHaveLength(0);
  });

  it('refuses, at creation, a job declared twice or with an invalid rule', () => {
    const job = defineJob('record.remind', async () => {});
    const make = (jobs: JobDefinition[]) => () =>
      createScheduler({
        conn: db(),
        clock: new FakeClock(),
        log: captureLog().log,
        listBranches: branches,
        jobs,
        context: () => ({}) as never,
      });
    expect(make([job, job])).toThrow(/declared twice/);
    expect(make([{ ...job, cron: '0 9 * *' }])).toThrow(/expected 5 fields/);
  });
});
