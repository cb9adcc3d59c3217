/**
 * Who holds leases, and whether they can still use them. Each instance records itself in `instances` under
 * its owner id (the id its inbox, outbox and scheduler leases carry) with what proves, on one machine,
 * whether it lives: the kernel's boot id, its PID namespace and its pid. An instance starting on the same
 * machine, in the same PID namespace, that finds a recorded instance whose pid no longer exists knows for
 * certain that it died (kill -9, the OOM killer, a crash) and releases its leases at once, instead of
 * waiting for them to run out (60 s for inbox and outbox items, 15 min for a job run). A restart under
 * systemd or a process supervisor therefore resumes the dead process's work within seconds.
 *
 * Where nothing can be proven — another machine, another container, not Linux — nothing is taken: the
 * leases run out as before, and any instance's orphan poll claims the work then. A pid that exists is
 * taken as alive even if it was reused: the safe mistake.
 */
import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Db } from 'mongodb';
import type { Clock } from '../clock.js';
import { RUNS_COLLECTION } from '../schedule/run-store.js';

export const INSTANCES_COLLECTION = 'instances';

export interface InstanceRecord {
  /** The owner id its leases carry. */
  _id: string;
  host: string;
  bootId: string | null;
  pidNamespace: string | null;
  pid: number;
  startedAt: Date;
}

/** The leased queues whose items carry `owner`, `status: 'active'` and `dueAt` (src/db/leased-queue.ts). */
const QUEUES = ['inbox', 'outbox'];

/** Records of instances on other machines cannot be proven dead; they are forgotten after this long. */
const FORGET_AFTER_MS = 30 * 86_400_000;

/** What identifies this machine and PID namespace; null parts where the platform does not tell (not Linux). */
export function thisMachine(): Pick<InstanceRecord, 'host' | 'bootId' | 'pidNamespace'> {
  return { host: hostname(), bootId: readOrNull(bootIdOf), pidNamespace: readOrNull(pidNamespaceOf) };
}

const bootIdOf = () => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
const pidNamespaceOf = () => readlinkSync('/proc/self/ns/pid');

function readOrNull(read: () => string): string | null {
  try {
    return read() || null;
  } catch {
    return null;
  }
}

/** Writes this instance's record (once, at start). */
export async function registerInstance(db: Db, owner: string, clock: Clock): Promise<void> {
  const record: InstanceRecord = { _id: owner, ...thisMachine(), pid: process.pid, startedAt: clock.now() };
  await db.collection<InstanceRecord>(INSTANCES_COLLECTION).insertOne(record);
}

/**
 * Releases the leases of every instance provably dead (same boot and PID namespace, pid gone): their
 * queue items and job runs become due now, for the first poll to claim. Returns the dead owners' ids.
 */
export async function releaseDeadInstances(db: Db, clock: Clock, self: string): Promise<string[]> {
  const here = thisMachine();
  const instances = db.collection<InstanceRecord>(INSTANCES_COLLECTION);
  const now = clock.now();
  await instances.deleteMany({ startedAt: { $lt: new Date(now.getTime() - FORGET_AFTER_MS) } });
  if (!here.bootId || !here.pidNamespace) return [];
  const sameMachine = await instances
    .find({ bootId: here.bootId, pidNamespace: here.pidNamespace, _id: { $ne: self } })
    .toArray();
  const dead = sameMachine.filter((r) => !isAlive(r.pid)).map((r) => r._id);
  if (dead.length === 0) return [];
  await Promise.all([
    ...QUEUES.map((name) =>
      db.collection(name).updateMany({ owner: { $in: dead }, status: 'active' }, { $set: { dueAt: now } }),
    ),
    db
      .collection(RUNS_COLLECTION)
      .updateMany({ owner: { $in: dead }, status: 'running' }, { $set: { leaseUntil: now } }),
  ]);
  await instances.deleteMany({ _id: { $in: dead } });
  return dead;
}

/**
 * Whether a process with this pid exists here. Our own pid counts as alive: several instances in one
 * process (tests) must never take each other's work, and a restart that got its predecessor's pid is rare.
 */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, but not ours to signal
  }
}
