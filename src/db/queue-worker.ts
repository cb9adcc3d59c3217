/**
 * Drains a LeasedQueue: items this instance just wrote are pushed straight into an in-process FIFO (no
 * extra read). A failed item is retried by a timer of this instance, claimed by id when due. A slow poll
 * claims what no living instance is looking after: a dead instance's work and retries whose instance
 * stopped. When a claim round says more is due (a dead instance's fan-out), the worker claims the next
 * round as soon as its FIFO runs low instead of waiting for the poll; and when an instance has missed a
 * beat, it looks again the moment that one would count as dead. At most `concurrency` items are handled
 * at once; `idle()` lets tests and shutdown wait for quiet.
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
  /**
   * The most a claim round takes (default twice the concurrency). A queue whose work waits on something
   * slower than its claims takes more: the outbox takes a minute of Lark's sends, so a dead instance's
   * fan-out is taken over in one or two rounds, each a scan on FerretDB, not 32 sends a scan.
   */
  claimBatch?: number;
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
  /** Ids in the FIFO or at work: this instance's own, never claimed again by its own poll. */
  private readonly held = new Set<string>();
  private active = 0;
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  private pollChain: Promise<void> = Promise.resolve();
  private idleWaiters: Array<() => void> = [];
  private retryWaiters: Array<() => void> = [];
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private stopped = true;
  private started = false;
  /** The last claim round left due work behind: claim again once the FIFO runs low. */
  private backlog = false;
  private recheck: NodeJS.Timeout | undefined;

  constructor(private readonly o: QueueWorkerOptions<T>) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.started = true;
    this.timer = setInterval(() => this.polling || void this.poll(), this.o.pollMs);
    this.timer.unref();
    this.pump(); // what was pushed before the start
    void this.poll();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.recheck);
    this.timer = undefined;
    for (const t of this.retryTimers) clearTimeout(t);
    this.retryTimers.clear();
    for (const w of this.retryWaiters.splice(0)) w();
    // Items still in the FIFO stay leased in the database; the instances that see this one stopped (its
    // heartbeat) claim them at once; with no heartbeat, once their lease runs out.
    for (const item of this.fifo.splice(0)) this.held.delete(item._id);
    await this.pollChain;
    await this.idle();
  }

  /**
   * Hands over an item this instance has just inserted leased to itself. Before the first start it is kept
   * for then (no instance takes a live one's work over); after a stop it is left to the instances that
   * take a stopped one's work over.
   */
  push(item: T): void {
    if (this.stopped && this.started) return;
    this.hold(item);
    if (!this.stopped) this.pump();
  }

  private hold(item: T): void {
    this.held.add(item._id);
    this.fifo.push(item);
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
      const room = this.claimBatch - this.active - this.fifo.length;
      // No room: the backlog flag stays as it was, for drain() to claim once the FIFO runs low (a timer
      // poll that cleared it here stranded a killed fan-out's last sends until the next poll with room).
      if (this.stopped || room <= 0) return;
      this.backlog = false;
      const round = await this.o.queue.claimDue(room, this.held);
      this.backlog = round.more;
      for (const item of round.claimed) this.hold(item);
      this.pump();
      if (round.recheckInMs !== undefined) this.recheckIn(round.recheckInMs);
    } catch (err) {
      this.backlog = false; // the next timer poll tries again; not at once against a failing database
      this.o.log.warn({ err: errorSummary(err), queue: this.o.name }, 'claiming due work failed');
    } finally {
      this.polling = false;
    }
    // A round that met only finished work leaves the FIFO empty: go on at once while more is due.
    if (this.backlog && this.fifo.length === 0 && this.active === 0 && !this.stopped) void this.poll();
  }

  private recheckIn(ms: number): void {
    clearTimeout(this.recheck);
    this.recheck = setTimeout(() => void this.poll(), Math.max(0, ms) + 50).unref();
  }

  private get claimBatch(): number {
    return this.o.claimBatch ?? this.o.concurrency * 2;
  }

  /**
   * While due work is left in the database, claim the next round before the FIFO runs dry: when a quarter
   * of a round is left (a claim round on FerretDB takes seconds; the sends go on meanwhile).
   */
  private drain(): void {
    const lowWater = Math.max(this.o.concurrency, Math.floor(this.claimBatch / 4));
    if (this.backlog && !this.polling && !this.stopped && this.fifo.length < lowWater) {
      this.backlog = false;
      void this.poll();
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
        this.held.delete(item._id);
        this.active--;
        this.pump();
        this.drain();
        if (this.active === 0 && this.fifo.length === 0) {
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
      if (queue.mayHaveLost(item) && !(await queue.renew(item._id))) return;
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
        // The database is away too: once its lease runs out, our own poll (or another's) claims it again.
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
        .then((item) => item && !this.held.has(item._id) && this.push(item))
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
