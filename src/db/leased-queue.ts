/**
 * A durable work queue, shared by the inbox (events to handle) and the outbox (messages to send). Each
 * item's `_id` is its idempotency key, so inserting the same work twice is a no-op.
 *
 * An item is written already leased to the instance that received it, which works on it at once. Whose
 * work may be taken over is decided by the instances' heartbeats (./instance-heartbeat.ts): a live
 * instance's items stay its own however long they wait in its in-process queue; a dead instance's are
 * claimed by any other at once (at-least-once). An owner that never beat (workers not started) keeps the
 * older rule: its lease runs out. Completion is an insert into `<name>_done`, the record of what finished
 * and with what result; the item itself is marked done in place when a claim round meets it.
 *
 * Written for FerretDB's SQLite backend as much as for MongoDB: that backend pushes down only filters of
 * exactly `{_id: value}` and uses no secondary index, so any other query scans the collection (≈0.6 s at
 * 20k items, measured), and an update costs ≈5 inserts. So the path every event takes is inserts, grouped
 * (GroupInserter), and reads by bare `_id`; conditional updates (claims, leases) happen only on the rare
 * paths — retries, and the slow orphan poll.
 */
import { randomUUID } from 'node:crypto';
import type { Collection, Filter, MatchKeysAndValues, OptionalUnlessRequiredId, UpdateFilter } from 'mongodb';
import type { Clock } from '../clock.js';
import { GroupInserter } from './group-insert.js';
import type { OwnerLiveness } from './instance-heartbeat.js';

export type QueueStatus = 'active' | 'retry' | 'done' | 'dead';

export interface QueueItem {
  _id: string;
  status: QueueStatus;
  attempts: number;
  /** active: when the lease runs out; retry: when to try again. */
  dueAt: Date;
  /** When the work was queued; the orphan poll looks back a bounded time. */
  queuedAt: Date;
  owner?: string;
  /** The claim round that last took it (see claimMany). */
  claim?: string;
  lastError?: string;
}

/** What finished, and its result fields (a card reply, a sent message's id). */
export type DoneRecord<T> = { _id: string; finishedAt: Date } & Partial<T>;

export interface RetryPolicy {
  maxAttempts: number;
  /** Delay before attempt n+1 after n failed attempts. */
  delayMs(attempts: number): number;
}

export const exponentialBackoff = (baseMs: number, maxMs: number, maxAttempts: number): RetryPolicy => ({
  maxAttempts,
  delayMs: (n) => {
    const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, n - 1));
    return Math.round(exp / 2 + (Math.random() * exp) / 2); // jitter: spread retries of a burst
  },
});

/** Items older than this are not looked for by the orphan poll (every retry policy ends well before). */
const ORPHAN_LOOKBACK_MS = 36 * 3600_000;

/** What a claim round got, and whether more is due already (claim again without waiting for the poll). */
export interface Claimed<T> {
  claimed: T[];
  more: boolean;
  /** An instance is about to be declared dead: look again in this many ms to take its work over. */
  recheckInMs?: number | undefined;
}

type NewItem<T> = Omit<T, keyof QueueItem> & { _id: string };

export class LeasedQueue<T extends QueueItem> {
  private readonly inserts: GroupInserter<T>;
  private readonly doneInserts: GroupInserter<DoneRecord<T>>;

  constructor(
    readonly collection: Collection<T>,
    readonly done: Collection<DoneRecord<T>>,
    private readonly clock: Clock,
    readonly owner: string,
    private readonly leaseMs: number,
    private readonly liveness?: OwnerLiveness,
  ) {
    this.inserts = new GroupInserter(collection);
    this.doneInserts = new GroupInserter(done);
  }

  /** Inserts work leased to this instance; returns it, or null when an item with this `_id` exists already. */
  async insertLeased(item: NewItem<T>): Promise<T | null> {
    const now = this.clock.now();
    const doc = {
      ...item,
      status: 'active',
      attempts: 1,
      dueAt: this.leaseEnd(),
      queuedAt: now,
      owner: this.owner,
    };
    return (await this.inserts.insert(doc as unknown as OptionalUnlessRequiredId<T>))
      ? (doc as unknown as T)
      : null;
  }

  /** Records an item that needs no work (e.g. an event no module handles): only its id matters. */
  insertDone(item: NewItem<T>): Promise<boolean> {
    const now = this.clock.now();
    const doc = { ...item, status: 'done', attempts: 0, dueAt: now, queuedAt: now };
    return this.inserts.insert(doc as unknown as OptionalUnlessRequiredId<T>);
  }

  /** Marks an item finished, with its result. Finishing twice keeps the first record. */
  async complete(id: string, fields: Partial<T> = {}): Promise<void> {
    const record = { ...fields, _id: id, finishedAt: this.clock.now() };
    await this.doneInserts.insert(record as unknown as OptionalUnlessRequiredId<DoneRecord<T>>);
  }

  private async markDone(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.collection.updateMany(
      { _id: { $in: ids }, status: { $in: ['active', 'retry'] } } as Filter<T>,
      { $set: { status: 'done' }, $unset: { owner: '' } } as unknown as UpdateFilter<T>,
    );
  }

  /** The record of a finished item (by `_id`, cheap everywhere), or null if it has not finished. */
  finished(id: string): Promise<DoneRecord<T> | null> {
    return this.done.findOne({ _id: id } as Filter<DoneRecord<T>>) as Promise<DoneRecord<T> | null>;
  }

  /**
   * The claim round: items of dead instances, leases run out of instances that never beat, retries now
   * due, and this instance's own leases run out that it does not hold (`held`: in its queue or at work),
   * such as an item whose insert timed out but landed. None that has finished (those it meets are marked
   * done in place, so they are not met again). Scans; the worker runs it on its poll, and again at once
   * while `more` says work is due.
   */
  async claimDue(limit: number, held: ReadonlySet<string> = new Set()): Promise<Claimed<T>> {
    const { filter, recheckInMs } = await this.dueFilter();
    const scanLimit = limit * 4;
    const due = await this.collection.find(filter, { projection: { _id: 1 }, limit: scanLimit }).toArray();
    const ids = due.map((d) => String(d._id));
    const finished = await this.finishedOf(ids);
    await this.markDone([...finished]);
    const open = ids.filter((i) => !finished.has(i) && !held.has(i));
    const claimed = await this.claimMany(open.slice(0, limit), filter);
    // More is due if this round left claimable items, or met a full scan of which some were ours to take
    // or to tidy; a full scan of only what we hold means nothing new until our own queue moves on.
    const progressed = open.length > 0 || finished.size > 0;
    return { claimed, more: open.length > limit || (ids.length >= scanLimit && progressed), recheckInMs };
  }

  /** The filter of claimable items, and when to look again for an instance about to be declared dead. */
  private async dueFilter(): Promise<{ filter: Filter<T>; recheckInMs?: number }> {
    const now = this.clock.now();
    const base = {
      status: { $in: ['active', 'retry'] },
      queuedAt: { $gte: new Date(now.getTime() - ORPHAN_LOOKBACK_MS) },
    };
    if (!this.liveness) return { filter: { ...base, dueAt: { $lte: now } } as Filter<T> };
    const { live, dead, dyingInMs } = await this.liveness.owners();
    const takeOver = dead.length > 0 ? [{ status: 'active', owner: { $in: dead } }] : [];
    // A retry (no owner), or the lease of an instance that never beat or of this one: due by time. Another
    // live instance's: never.
    const others = live.filter((o) => o !== this.owner);
    const filter = { ...base, $or: [{ dueAt: { $lte: now }, owner: { $nin: others } }, ...takeOver] };
    return { filter: filter as Filter<T>, recheckInMs: dyingInMs };
  }

  private async finishedOf(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const doneFilter = { _id: { $in: ids } } as Filter<DoneRecord<T>>;
    const docs = await this.done.find(doneFilter, { projection: { _id: 1 } }).toArray();
    return new Set(docs.map((d) => String(d._id)));
  }

  /**
   * How many items wait for work (active or awaiting a retry, and not finished): the queue's depth, for
   * /metrics. An item finished by this instance stays `active` in place until the orphan poll tidies it,
   * so the finished ones are subtracted. Scans; only the metrics scrape calls it.
   */
  async countWaiting(): Promise<number> {
    const waiting = await this.collection
      .find({ status: { $in: ['active', 'retry'] } } as Filter<T>, { projection: { _id: 1 } })
      .toArray();
    if (waiting.length === 0) return 0;
    const ids = waiting.map((d) => String(d._id));
    const finished = await this.done.countDocuments({ _id: { $in: ids } } as Filter<DoneRecord<T>>);
    return ids.length - finished;
  }

  /** Takes one item whose retry is due (or whose lease ran out) by id, unless it has finished meanwhile. */
  claimById(id: string): Promise<T | null> {
    return this.claim(id, {
      status: { $in: ['active', 'retry'] },
      dueAt: { $lte: this.clock.now() },
    } as Filter<T>);
  }

  /**
   * Claims a round's items with one update and one read: on FerretDB each is a scan, so a round costs two
   * scans, not two per item (one at a time, a restart drained a killed fan-out at a few items a second
   * under load; side by side, the scans starved the database). The update's filter says again why each may
   * be taken; each item ends with one claim token, and only those holding ours are ours.
   */
  private async claimMany(ids: string[], due: Filter<T>): Promise<T[]> {
    if (ids.length === 0) return [];
    const claim = randomUUID();
    await this.collection.updateMany(
      { ...due, _id: { $in: ids } } as Filter<T>,
      {
        $set: { status: 'active', dueAt: this.leaseEnd(), owner: this.owner, claim },
        $inc: { attempts: 1 },
      } as unknown as UpdateFilter<T>,
    );
    return (await this.collection.find({ _id: { $in: ids }, claim } as Filter<T>).toArray()) as T[];
  }

  private async claim(id: string, due: Filter<T>): Promise<T | null> {
    const filter = { ...due, _id: id } as Filter<T>;
    const update = {
      $set: { status: 'active', dueAt: this.leaseEnd(), owner: this.owner },
      $inc: { attempts: 1 },
    } as unknown as UpdateFilter<T>;
    const item = (await this.collection.findOneAndUpdate(filter, update, {
      returnDocument: 'after',
    })) as T | null;
    if (item && (await this.finished(id))) return null; // another instance finished it after all
    return item;
  }

  /**
   * Re-leases an item whose lease ran out while it waited here; false when another instance took it over
   * or it finished. Reads and writes by bare `_id` (a compare-and-set filter would scan on FerretDB); the
   * small window between them is the at-least-once that every handler allows for anyway.
   */
  async renew(id: string): Promise<boolean> {
    const current = await this.collection.findOne({ _id: id } as Filter<T>, { projection: { owner: 1 } });
    if (current?.owner !== this.owner || (await this.finished(id))) return false;
    await this.collection.updateOne(
      { _id: id } as Filter<T>,
      {
        $set: { dueAt: this.leaseEnd() },
      } as UpdateFilter<T>,
    );
    return true;
  }

  /**
   * Whether another instance may have taken this item over while it waited here: only if our own beats
   * lapsed (others may think us dead), or, with no heartbeat, once its lease ran out. Then check before
   * working on it.
   */
  mayHaveLost(item: Pick<T, 'dueAt'>): boolean {
    if (this.liveness) return !this.liveness.selfTrusted();
    return item.dueAt.getTime() <= this.clock.now().getTime();
  }

  /** Records a failure: schedules another attempt, or gives up (status `dead`) after the last one. */
  async fail(item: Pick<T, '_id' | 'attempts'>, error: string, policy: RetryPolicy, delayMs?: number) {
    const dead = item.attempts >= policy.maxAttempts;
    const wait = delayMs ?? policy.delayMs(item.attempts);
    await this.collection.updateOne(
      { _id: item._id } as Filter<T>,
      {
        $set: {
          status: dead ? 'dead' : 'retry',
          dueAt: new Date(this.clock.now().getTime() + (dead ? 0 : wait)),
          lastError: error.slice(0, 2000),
        } as MatchKeysAndValues<T>,
        $unset: { owner: '' },
      } as unknown as UpdateFilter<T>,
    );
    return dead ? { outcome: 'dead' as const, delayMs: 0 } : { outcome: 'retry' as const, delayMs: wait };
  }

  private leaseEnd(): Date {
    return new Date(this.clock.now().getTime() + this.leaseMs);
  }
}
