/**
 * Runs one claimed job run: builds its context, keeps its lease while it works, and records the outcome —
 * done, or failed with the next attempt's time (backoff within the run's period) or none.
 */
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import { errorSummary } from '../db/queue-worker.js';
import type { HandlerContext } from '../bot/context.js';
import type { JobContext } from './job.js';
import { isStale, type BranchJob, type Plan } from './plan.js';
import type { JobRun, RunStore } from './run-store.js';

export interface RetryOptions {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Delay before the second attempt; doubled for each further one, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 5,
  baseDelayMs: 2 * 60_000,
  maxDelayMs: 60 * 60_000,
};

export interface JobRunnerOptions {
  store: RunStore;
  conn: Connection;
  clock: Clock;
  log: Logger;
  context: () => Pick<HandlerContext, 'outbox' | 'lark' | 'config'>;
  leaseMs: number;
  retry: RetryOptions;
  onRunFinished?(job: string, outcome: 'done' | 'failed'): void;
}

export class JobRunner {
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly o: JobRunnerOptions) {}

  run(bj: BranchJob, plan: Plan, run: JobRun): Promise<'done' | 'failed'> {
    const work = this.work(bj, plan, run).then((outcome) => {
      this.o.onRunFinished?.(bj.job.name, outcome);
      return outcome;
    });
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
    return work;
  }

  /** Waits for the runs in progress (shutdown). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private async work(bj: BranchJob, plan: Plan, run: JobRun): Promise<'done' | 'failed'> {
    const { store } = this.o;
    const log = this.o.log.child({ run: run._id, attempt: run.attempts, trigger: run.trigger });
    const ctx: JobContext = {
      ...this.o.context(),
      conn: this.o.conn,
      clock: this.o.clock,
      log,
      branch: { id: bj.branch.id, name: bj.branch.name, timezone: bj.branch.timezone },
      periodKey: run.periodKey,
      plannedAt: run.plannedAt,
      deliverAt: run.deliverAt,
      runKey: run._id,
      attempt: run.attempts,
      trigger: run.trigger,
    };
    // Keep the lease while a long run works, so that no other instance takes it over.
    const renewal = setInterval(() => void store.renew(run._id).catch(() => undefined), this.o.leaseMs / 3);
    renewal.unref();
    try {
      await bj.job.run(ctx);
      if (!(await store.complete(run._id))) log.warn('run finished after its lease was taken over');
      log.info('job run done');
      return 'done';
    } catch (err) {
      const retryAt = this.retryTime(bj, plan, run.attempts);
      await store.fail(run._id, errorSummary(err), retryAt);
      log.error(
        { err: errorSummary(err), retryAt },
        retryAt ? 'job run failed; will retry' : 'job run failed; giving up',
      );
      return 'failed';
    } finally {
      clearInterval(renewal);
    }
  }

  /** Backoff within the run's period; null when attempts are used up or the retry would fall after it. */
  private retryTime(bj: BranchJob, plan: Plan, attempts: number): Date | null {
    const { retry, clock } = this.o;
    if (attempts >= retry.maxAttempts) return null;
    const delay = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempts - 1));
    const at = new Date(clock.now().getTime() + delay);
    return isStale(bj, plan, at) ? null : at;
  }
}
