/**
 * Drains a LeasedQueue: items this instance just wrote are pushed straight into an in-process FIFO (no
 * extra read). A failed item is retried by a timer of this instance, claimed by id when due. A slow poll
 * claims what no living instance is looking after: leases run out (a crash) and retries whose instance
 * stopped. At most `concurrency` items are handled at once; `idle()` lets tests and shutdown wait for quiet.
 */
import type { Logger } from 'pino';
import type { LeasedQueue, QueueItem, RetryPolicy } from './leased-queue.js';

/**
 * How often an instance looks for work nobody is doing (a crashed instance's leases, a stopped instance's
 * retries). Lark's own first retry comes after 15 s, so a rescued event is not much later than a re-sent one.
 */
export const ORPHAN_POLL_MS = 15_000;

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
  /** The key item ids are logged under (the inbox logs Lark's event id as `eventId`). */
  idKey?: string;
  /** More fields for the log lines about an item (the outbox adds the event a message answers). */
  logFields?(item: T): Record<string, unknown>;
  /** Called once an item has failed for good (after its last attempt, or a final error). */
  onDead?(item: T, reason: string): Promise<void>;
}

export class QueueWorker<T extends QueueItem> {
  private readonly fifo: T[] = [];
  private active = 0;
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  /** The last poll filled all the room it had: more due work may be waiting (a crashed instance's backlog). */
  private backlog = false;
  private pollChain: Promise<void> = Promise.resolve();
  private idleWaiters: Array<() => void> = [];
  private retryWaiters: Array<() => void> = [];
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private stopped = true;

  constructor(private readonly o: QueueWorkerOptions<T>) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.timer = setInterval(() => this.polling || void this.poll(), this.o.pollMs);
    this.timer.unref();
    void this.poll();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    for (const t of this.retryTimers) clearTimeout(t);
    this.retryTimers.clear();
    for (const w of this.retryWaiters.splice(0)) w();
    // Items still in the FIFO stay leased in the database; their lease runs out and another instance (or
    // this one after a restart) claims them.
    this.fifo.length = 0;
    await this.pollChain;
    await this.idle();
  }

  /** Hands over an item this instance has just inserted leased to itself. */
  push(item: T): void {
    if (this.stopped) return;
    this.fifo.push(item);
    this.pump();
  }

  /**
   * Claims what is due now. Resolves when the claimed items have been handed to workers. Each call gets a
   * scan that starts after it was made (a poll already under way may have looked before the clock moved).
   */
  poll(): Promise<void> {
    const next = this.pollChain.then(() => this.pollOnce());
    this.pollChain = next;
    return next;
  }

  private async pollOnce(): Promise<void> {
    this.polling = true;
    try {
      const room = this.o.concurrency * 2 - this.active - this.fifo.length;
      if (this.stopped || room <= 0) return;
      const claimed = await this.o.queue.claimDue(room);
      // A full batch: poll again as soon as it is worked off rather than a whole poll interval later, so a
      // thousand messages left by a crashed instance go out at the sending rate, not 32 every 15 s.
      this.backlog = claimed.length === room;
      for (const item of claimed) {
        this.fifo.push(item);
        this.pump();
      }
    } catch (err) {
      this.o.log.warn({ err: errorSummary(err), queue: this.o.name }, 'claiming due work failed');
    } finally {
      this.polling = false;
    }
  }

  /** Resolves when nothing is queued in-process or being handled. */
  idle(): Promise<void> {
    if (this.active === 0 && this.fifo.length === 0) return Promise.resolve();
    return new Promise((done) => this.idleWaiters.push(done));
  }

  /**
   * Resolves when idle with no retry of this instance still waiting for its timer: everything this instance
   * will do by itself is done (tests wait for this after a send that Lark rate-limited).
   */
  async settled(): Promise<void> {
    for (;;) {
      await this.idle();
      if (this.retryTimers.size === 0) return;
      await new Promise<void>((done) => this.retryWaiters.push(done));
    }
  }

  private pump(): void {
    while (this.active < this.o.concurrency && this.fifo.length > 0) {
      const item = this.fifo.shift()!;
      this.active++;
      void this.run(item).finally(() => {
        this.active--;
        this.pump();
        if (this.active === 0 && this.fifo.length === 0) {
          if (this.backlog && !this.stopped) {
            this.backlog = false;
            void this.poll();
          }
          for (const w of this.idleWaiters.splice(0)) w();
        }
      });
    }
  }

  private async run(item: T): Promise<void> {
    const { queue, log, name } = this.o;
    const idKey = this.o.idKey ?? 'id';
    try {
      // An item that waited in the FIFO may have lost its lease to another instance: renew, or let go.
      if (queue.leaseExpired(item) && !(await queue.renew(item._id))) return;
      const fields = await this.o.handle(item);
      await queue.complete(item._id, fields ?? {});
    } catch (err) {
      const f = this.o.classify?.(err) ?? {};
      const policy = f.final ? { maxAttempts: 0, delayMs: () => 0 } : this.o.policy;
      try {
        const { outcome, delayMs } = await queue.fail(item, errorSummary(err), policy, f.delayMs);
        const level = outcome === 'dead' ? 'error' : 'warn';
        log[level](
          {
            queue: name,
            [idKey]: item._id,
            attempts: item.attempts,
            retryInMs: delayMs,
            err: errorSummary(err),
          },
          `${name} item ${outcome === 'dead' ? 'failed for good' : 'will be retried'}`,
        );
        if (outcome === 'retry') this.retryLater(item._id, delayMs);
        else await this.o.onDead?.(item, errorSummary(err));
      } catch (dbErr) {
        // The database is away too: the lease will run out and the item will be claimed again.
        log.warn(
          { queue: name, [idKey]: item._id, ...this.o.logFields?.(item), err: errorSummary(dbErr) },
          `${name} failure could not be recorded`,
        );
      }
    }
  }

  /** Claims the item by id once its retry is due (real time; the claim checks the business clock). */
  private retryLater(id: string, delayMs: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      void this.o.queue
        .claimById(id)
        .then((item) => item && this.push(item))
        .catch((err) =>
          this.o.log.warn(
            { queue: this.o.name, [this.o.idKey ?? 'id']: id, err: errorSummary(err) },
            'retry claim failed',
          ),
        )
        .finally(() => {
          this.retryTimers.delete(timer);
          for (const w of this.retryWaiters.splice(0)) w();
        });
    }, delayMs);
    timer.unref();
    this.retryTimers.add(timer);
  }
}

export function errorSummary(err: unknown): string {
  if (err instanceof AggregateError) return err.errors.map(errorSummary).join('; ');
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

/** What the inbox and the outbox share: a worker that runs their queue, started and stopped with the app. */
export abstract class QueueService<T extends QueueItem> {
  protected abstract readonly worker: QueueWorker<T>;

  start(): void {
    this.worker.start();
  }
  stop(): Promise<void> {
    return this.worker.stop();
  }
  /** Resolves when nothing is queued in-process or being handled. */
  idle(): Promise<void> {
    return this.worker.idle();
  }

  settled(): Promise<void> {
    return this.worker.settled();
  }
  /** Looks for orphaned and due work now (it also does so every ORPHAN_POLL_MS). */
  poll(): Promise<void> {
    return this.worker.poll();
  }
}
