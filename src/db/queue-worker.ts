/**
 * Drains a LeasedQueue: items this instance just wrote are pushed straight into an in-process FIFO (no
 * extra read); a poller claims items whose lease ran out (a crashed instance) or whose retry is due.
 * At most `concurrency` items are handled at once; `idle()` lets tests and shutdown wait for quiet.
 */
import type { Logger } from 'pino';
import type { LeasedQueue, QueueItem, RetryPolicy } from './leased-queue.js';

export interface Failure {
  /** Wait this long before the next attempt (else the policy's backoff). */
  delayMs?: number | undefined;
  /** Do not retry: the work can never succeed (bad data, a bug). */
  final?: boolean;
}

export interface QueueWorkerOptions<T extends QueueItem> {
  name: string;
  queue: LeasedQueue<T>;
  /** Does the work; returns fields to store with the completed item. Throwing records a failure. */
  handle(item: T): Promise<Partial<T> | void>;
  classify?(err: unknown): Failure;
  policy: RetryPolicy;
  concurrency: number;
  pollMs: number;
  log: Logger;
}

export class QueueWorker<T extends QueueItem> {
  private readonly fifo: T[] = [];
  private active = 0;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private idleWaiters: Array<() => void> = [];
  private stopped = true;

  constructor(private readonly o: QueueWorkerOptions<T>) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.timer = setInterval(() => void this.poll(), this.o.pollMs);
    this.timer.unref();
    void this.poll();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    // Items still in the FIFO stay leased in the database; their lease runs out and another instance (or
    // this one after a restart) claims them.
    this.fifo.length = 0;
    await this.polling;
    await this.idle();
  }

  /** Hands over an item this instance has just inserted leased to itself. */
  push(item: T): void {
    if (this.stopped) return;
    this.fifo.push(item);
    this.pump();
  }

  /** Claims what is due now. Resolves when the claimed items have been handed to workers. */
  poll(): Promise<void> {
    this.polling ??= (async () => {
      try {
        while (!this.stopped && this.active + this.fifo.length < this.o.concurrency * 2) {
          const item = await this.o.queue.claimDue();
          if (!item) break;
          this.fifo.push(item);
          this.pump();
        }
      } catch (err) {
        this.o.log.warn({ err: errorSummary(err), queue: this.o.name }, 'claiming due work failed');
      } finally {
        this.polling = undefined;
      }
    })();
    return this.polling;
  }

  /** Resolves when nothing is queued in-process or being handled. */
  idle(): Promise<void> {
    if (this.active === 0 && this.fifo.length === 0) return Promise.resolve();
    return new Promise((done) => this.idleWaiters.push(done));
  }

  private pump(): void {
    while (this.active < this.o.concurrency && this.fifo.length > 0) {
      const item = this.fifo.shift()!;
      this.active++;
      void this.run(item).finally(() => {
        this.active--;
        this.pump();
        if (this.active === 0 && this.fifo.length === 0) {
          for (const w of this.idleWaiters.splice(0)) w();
        }
      });
    }
  }

  private async run(item: T): Promise<void> {
    const { queue, log, name } = this.o;
    try {
      // An item that waited in the FIFO may have lost its lease to another instance: renew, or let go.
      if (queue.leaseIsOld(item) && !(await queue.renew(item._id))) return;
      const fields = await this.o.handle(item);
      await queue.complete(item._id, fields ?? {});
    } catch (err) {
      const f = this.o.classify?.(err) ?? {};
      const policy = f.final ? { maxAttempts: 0, delayMs: () => 0 } : this.o.policy;
      try {
        const outcome = await queue.fail(item, errorSummary(err), policy, f.delayMs);
        const level = outcome === 'dead' ? 'error' : 'warn';
        log[level](
          { queue: name, id: item._id, attempts: item.attempts, err: errorSummary(err) },
          `${name} item ${outcome === 'dead' ? 'failed for good' : 'will be retried'}`,
        );
      } catch (dbErr) {
        // The database is away too: the lease will run out and the item will be claimed again.
        log.warn(
          { queue: name, id: item._id, err: errorSummary(dbErr) },
          `${name} failure could not be recorded`,
        );
      }
    }
  }
}

export function errorSummary(err: unknown): string {
  if (err instanceof AggregateError) return err.errors.map(errorSummary).join('; ');
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}
