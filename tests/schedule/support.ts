/**
 * Helpers for the scheduler tests: Shanghai wall-clock times, jobs that record their runs, a captured log,
 * and a clock walk that ticks every given scheduler instance at each step.
 */
import type { Connection } from 'mongoose';
import { pino, type Logger } from 'pino';
import { DEFAULT_CALENDAR } from '../../src/schedule/default-calendar.js';
import type { JobContext, JobDefinition, ListBranches } from '../../src/schedule/job.js';
import { createScheduler, type Scheduler, type SchedulerOptions } from '../../src/schedule/runner.js';
import type { FakeClock } from '../support/fake-clock.js';

export const HOUR = 3_600_000;
export const MINUTE = 60_000;

/** '2026-10-08 08:30' read on the Shanghai wall clock. */
export const sh = (local: string): Date => new Date(`${local.replace(' ', 'T')}:00+08:00`);

export interface Call {
  key: string;
  job: string;
  branch: string;
  periodKey: string;
  at: Date;
  trigger: JobContext['trigger'];
  attempt: number;
}

export function recorder(clock: FakeClock) {
  const calls: Call[] = [];
  const run = async (ctx: JobContext) => {
    calls.push({
      key: ctx.runKey,
      job: ctx.runKey.split(':')[0]!,
      branch: ctx.branch.id,
      periodKey: ctx.periodKey,
      at: clock.now(),
      trigger: ctx.trigger,
      attempt: ctx.attempt,
    });
  };
  /** Every job of the default calendar, each recording its runs. */
  const calendarJobs: JobDefinition[] = DEFAULT_CALENDAR.map((e) => ({ ...e, run }));
  const keys = () => calls.map((c) => c.key).sort();
  return { calls, run, calendarJobs, keys };
}

export function captureLog(): { log: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { log, lines };
}

/** A scheduler for tests: no node-cron (the test ticks), no Lark tools (these jobs do not send). */
export function testScheduler(
  o: {
    conn: Connection;
    clock: FakeClock;
    jobs: readonly JobDefinition[];
    listBranches: ListBranches;
    log?: Logger;
  } & Partial<SchedulerOptions>,
): Scheduler {
  return createScheduler({
    log: captureLog().log,
    context: () => ({}) as ReturnType<SchedulerOptions['context']>,
    trigger: () => ({ stop() {} }),
    ...o,
  });
}

/** Moves the clock from `from` to `to` (inclusive) in steps, ticking all instances at once at each step. */
export async function walk(
  clock: FakeClock,
  from: Date,
  to: Date,
  step: number,
  instances: () => readonly Scheduler[],
): Promise<void> {
  for (clock.set(from); clock.now().getTime() <= to.getTime(); clock.advance(step)) {
    await Promise.all(instances().map((s) => s.tick()));
  }
}
