/**
 * The job run records (`schedule_runs`): one document per job, branch and period, whose `_id`
 * (`${job}:${branch}:${period}`) is the once-per-period guard. Inserting it claims the run; a duplicate key
 * means another instance (or an earlier start) has it. Retries and crashed runs are taken over with one
 * findOneAndUpdate each, as in src/db/leased-queue.ts: atomic on MongoDB and FerretDB, no transactions.
 */
import type { Collection, Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import type { Clock } from '../clock.js';
import type { OwnerLiveness } from '../db/instance-heartbeat.js';
import { isDuplicateKey } from '../errors.js';
import type { RunTrigger } from './job.js';

export const RUNS_COLLECTION = 'schedule_runs';

/**
 * running: claimed by `owner` until `leaseUntil`; done: succeeded (final); failed: the last attempt threw
 * (retried at `retryAt` if set, else given up); skipped: its period was over before it could run (downtime).
 */
export type RunStatus = 'running' | 'done' | 'failed' | 'skipped';

export interface JobRun {
  _id: string;
  job: string;
  branchId: string;
  periodKey: string;
  plannedAt: Date;
  deliverAt: Date;
  trigger: RunTrigger;
  /** open_id of the person who pressed 立即执行, for manual runs. */
  actor?: string;
  status: RunStatus;
  attempts: number;
  owner?: string;
  leaseUntil?: Date;
  retryAt?: Date;
  error?: string;
  createdAt: Date;
  startedAt?: Date;
  finishedAt?: Date;
}

export type NewRun = Pick<
  JobRun,
  '_id' | 'job' | 'branchId' | 'periodKey' | 'plannedAt' | 'deliverAt' | 'trigger'
> & {
  actor?: string;
};

export class RunStore {
  readonly collection: Collection<JobRun>;

  constructor(
    conn: Connection,
    private readonly clock: Clock,
    readonly owner: string,
    private readonly leaseMs: number,
    /** Instances' heartbeats: a dead one's run is taken over at the next tick, not when its lease ends. */
    private readonly liveness?: OwnerLiveness,
  ) {
    if (!conn.db) throw new Error('RunStore needs an open database connection');
    this.collection = conn.db.collection<JobRun>(RUNS_COLLECTION) as unknown as Collection<JobRun>;
  }

  /** Records the run as started by this instance; null if the run exists already (whatever its state). */
  async insertRunning(run: NewRun): Promise<JobRun | null> {
    const now = this.clock.now();
    const doc: JobRun = {
      ...run,
      status: 'running',
      attempts: 1,
      owner: this.owner,
      leaseUntil: this.leaseEnd(),
      createdAt: now,
      startedAt: now,
    };
    return (await this.insert(doc)) ? doc : null;
  }

  /** Records a run whose period passed while nobody was running; false if the run exists already. */
  async insertSkipped(run: NewRun): Promise<boolean> {
    const now = this.clock.now();
    return this.insert({ ...run, status: 'skipped', attempts: 0, createdAt: now, finishedAt: now });
  }

  /**
   * Takes over an existing run that may run again: a failed one whose retry is due, or one whose runner
   * died (its heartbeat stale or stopped, or, for an instance that never beat, its lease expired).
   * `manual` (a person pressed 立即执行) also takes failed runs before their retry time and skipped ones.
   * Never takes a done run, nor one a live instance is working on.
   */
  async claim(
    id: string,
    o: { manual?: boolean; trigger?: RunTrigger; actor?: string } = {},
  ): Promise<JobRun | null> {
    const now = this.clock.now();
    const takeable: Filter<JobRun>[] = [{ status: 'running', leaseUntil: { $lte: now } }];
    const dead = this.liveness ? (await this.liveness.owners()).dead : [];
    if (dead.length > 0) takeable.push({ status: 'running', owner: { $in: dead } });
    if (o.manual) takeable.push({ status: { $in: ['failed', 'skipped'] } });
    else takeable.push({ status: 'failed', retryAt: { $lte: now } });
    return this.collection.findOneAndUpdate(
      { _id: id, $or: takeable },
      {
        $set: {
          status: 'running',
          owner: this.owner,
          leaseUntil: this.leaseEnd(),
          startedAt: now,
          ...(o.trigger ? { trigger: o.trigger } : {}),
          ...(o.actor ? { actor: o.actor } : {}),
        },
        $unset: { retryAt: '' },
        $inc: { attempts: 1 },
      },
      { returnDocument: 'after' },
    );
  }

  /** Extends this instance's lease on a long run; false if another instance took it over meanwhile. */
  async renew(id: string): Promise<boolean> {
    const res = await this.collection.updateOne(
      { _id: id, owner: this.owner, status: 'running' },
      { $set: { leaseUntil: this.leaseEnd() } },
    );
    return res.matchedCount === 1;
  }

  /** Marks the run done; false if this instance no longer held it (its lease ran out and was taken). */
  async complete(id: string): Promise<boolean> {
    const res = await this.collection.updateOne(
      { _id: id, owner: this.owner, status: 'running' },
      {
        $set: { status: 'done', finishedAt: this.clock.now() },
        $unset: { owner: '', leaseUntil: '', retryAt: '' },
      },
    );
    return res.matchedCount === 1;
  }

  /** Records a failed attempt; `retryAt` null means no further automatic attempt. */
  async fail(id: string, error: string, retryAt: Date | null): Promise<void> {
    await this.collection.updateOne(
      { _id: id, owner: this.owner, status: 'running' },
      {
        $set: {
          status: 'failed',
          error: error.slice(0, 2000),
          finishedAt: this.clock.now(),
          ...(retryAt ? { retryAt } : {}),
        },
        $unset: { owner: '', leaseUntil: '', ...(retryAt ? {} : { retryAt: '' }) },
      },
    );
  }

  get(id: string): Promise<JobRun | null> {
    return this.collection.findOne({ _id: id });
  }

  getMany(ids: readonly string[]): Promise<JobRun[]> {
    return ids.length === 0
      ? Promise.resolve([])
      : this.collection.find({ _id: { $in: [...ids] } }).toArray();
  }

  /** The most recent run of a job for a branch (by when it was first recorded). */
  latest(branchId: string, job: string): Promise<JobRun | null> {
    return this.collection.findOne({ branchId, job }, { sort: { createdAt: -1 } });
  }

  private async insert(doc: JobRun): Promise<boolean> {
    try {
      await this.collection.insertOne(doc);
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  private leaseEnd(): Date {
    return new Date(this.clock.now().getTime() + this.leaseMs);
  }
}
