/**
 * Which bot instances are alive. Each running instance writes `instances/{_id: owner, beatAt}` every
 * second; one whose beat is older than DEAD_AFTER_MS (a kill -9, a lost host) or that said it stopped is
 * dead, and the work it had leased (inbox events, outbox sends) may be taken over at once instead of
 * waiting for its leases to run out. A live instance's work is never taken over, however long it waits in
 * its in-process queue (a fan-out of thousands waits minutes for Lark's per-minute limit).
 *
 * Real time, not the business clock (tests freeze that): liveness is about a process running. Instances on
 * different hosts compare each other's beats with their own clocks, so hosts must keep NTP time; seconds
 * of skew would be needed to mistake a live one for dead, and then the Lark uuid dedupe still holds.
 */
import type { Collection, Filter } from 'mongodb';

export const HEARTBEAT_MS = 1000;
/** Five missed beats: long enough for a slow database write or a GC pause, short enough for a restart. */
export const DEAD_AFTER_MS = 5000;
/**
 * Past this since its own last successful beat an instance no longer assumes its leases are its own (others
 * may be about to think it dead): it checks each item still is before working on it.
 */
const SELF_DOUBT_AFTER_MS = DEAD_AFTER_MS - 2 * HEARTBEAT_MS;
/** Instances not heard of for this long are forgotten (their work was taken over long ago). */
const FORGET_AFTER_MS = 36 * 3600_000;

export interface InstanceBeat {
  _id: string;
  beatAt: Date;
  startedAt: Date;
  /** Set by a graceful stop: the instance will do nothing more, its leases are free now. */
  stoppedAt?: Date;
}

export interface Owners {
  live: string[];
  dead: string[];
  dyingInMs?: number | undefined;
}

/** What a queue needs to know about instances when it claims work. */
export interface OwnerLiveness {
  /**
   * Owners whose leases may not be taken (fresh beat), owners known dead (stale beat, or stopped), and,
   * if a live one has missed beats, how soon it will count as dead (to look again then).
   */
  owners(): Promise<Owners>;
  /** True while this instance's own beats are recent: nobody can have taken its leases over. */
  selfTrusted(): boolean;
}

export class InstanceHeartbeat implements OwnerLiveness {
  private timer: NodeJS.Timeout | undefined;
  private lastBeatOk = Number.NEGATIVE_INFINITY;
  private beating: Promise<void> = Promise.resolve();

  constructor(
    private readonly collection: Collection<InstanceBeat>,
    readonly owner: string,
    private readonly wallNow: () => number = Date.now,
  ) {}

  /** Beats now (awaited, so work claimed after start is covered) and every HEARTBEAT_MS after. */
  async start(): Promise<void> {
    if (this.timer) return;
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.timer.unref();
    await this.beat();
  }

  /** Says this instance has stopped, so others take its leased work over without waiting. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.beating;
    this.lastBeatOk = Number.NEGATIVE_INFINITY;
    await this.collection
      .updateOne({ _id: this.owner } as Filter<InstanceBeat>, {
        $set: { stoppedAt: new Date(this.wallNow()) },
      })
      .catch(() => undefined); // the database is away: the beat goes stale instead
  }

  selfTrusted(): boolean {
    return this.wallNow() - this.lastBeatOk < SELF_DOUBT_AFTER_MS;
  }

  async owners(): Promise<Owners> {
    const now = this.wallNow();
    const known = await this.collection
      .find({ beatAt: { $gte: new Date(now - FORGET_AFTER_MS) } } as Filter<InstanceBeat>)
      .toArray();
    const owners: Owners = { live: [this.owner], dead: [] };
    for (const i of known) {
      if (i._id === this.owner) continue;
      const deadInMs = i.beatAt.getTime() + DEAD_AFTER_MS - now;
      if (i.stoppedAt !== undefined || deadInMs <= 0) {
        owners.dead.push(i._id);
        continue;
      }
      owners.live.push(i._id);
      // A beat missed: perhaps gone (a kill -9), so look again the moment it would count as dead.
      if (now - i.beatAt.getTime() > 1.5 * HEARTBEAT_MS)
        owners.dyingInMs = Math.min(owners.dyingInMs ?? Infinity, deadInMs);
    }
    return owners;
  }

  private beat(): Promise<void> {
    const sent = this.wallNow();
    this.beating = this.collection
      .updateOne(
        { _id: this.owner } as Filter<InstanceBeat>,
        // A restart of the same owner after a stop (tests do it) is alive again.
        {
          $set: { beatAt: new Date(sent) },
          $setOnInsert: { startedAt: new Date(sent) },
          $unset: { stoppedAt: '' },
        },
        { upsert: true },
      )
      .then(() => {
        // Counted from when the write was sent: the database may have stored it any time after.
        if (this.timer) this.lastBeatOk = Math.max(this.lastBeatOk, sent);
      })
      .catch(() => undefined); // selfTrusted() turns false by itself if beats keep failing
    return this.beating;
  }
}
