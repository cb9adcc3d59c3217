/**
 * Whose leased work another instance may take: a dead instance's (its heartbeat stale, or it said it
 * stopped) at once, without waiting for the lease; a live instance's never, however long its items wait.
 */
import { describe, expect, it } from 'vitest';
import type { Collection } from 'mongodb';
import { DEAD_AFTER_MS, InstanceHeartbeat, type InstanceBeat } from '../../src/db/instance-heartbeat.js';
import { LeasedQueue, type DoneRecord, type QueueItem } from '../../src/db/leased-queue.js';
import { FakeClock } from '../support/fake-clock.js';
import { useTestDatabase } from '../support/database.js';

const conn = useTestDatabase();

type Item = QueueItem & { n: number };

function setUp(name: string) {
  const db = conn().db!;
  const instances = db.collection<InstanceBeat>(`${name}_instances`) as unknown as Collection<InstanceBeat>;
  const clock = new FakeClock('2026-11-25T01:00:00Z');
  let wall = Date.parse('2026-11-27T08:00:00Z');
  const wallNow = () => wall;
  const instance = (owner: string) => {
    const heartbeat = new InstanceHeartbeat(instances, owner, wallNow);
    const queue = new LeasedQueue<Item>(
      db.collection<Item>(name) as unknown as Collection<Item>,
      db.collection<DoneRecord<Item>>(`${name}_done`) as unknown as Collection<DoneRecord<Item>>,
      clock,
      owner,
      60_000,
      heartbeat,
    );
    return { heartbeat, queue };
  };
  return { instances, clock, instance, passWall: (ms: number) => (wall += ms) };
}

async function queueThree(q: LeasedQueue<Item>, prefix: string) {
  for (const n of [1, 2, 3]) await q.insertLeased({ _id: `${prefix}-${n}`, n });
}

describe('a second instance and the first one’s leased work', () => {
  it('leaves a live instance’s items alone, even long after their leases ran out', async () => {
    const { clock, instance } = setUp('live');
    const a = instance('a');
    const b = instance('b');
    await a.heartbeat.start();
    await b.heartbeat.start();
    try {
      await queueThree(a.queue, 'live');
      clock.advance(10 * 60_000); // the 60 s leases ran out long ago; a is still beating
      expect((await b.queue.claimDue(10)).claimed).toEqual([]);
      expect(a.queue.mayHaveLost({ dueAt: clock.now() })).toBe(false);
    } finally {
      await a.heartbeat.stop();
      await b.heartbeat.stop();
    }
  });

  it('takes a killed instance’s items over once its beat is stale, without waiting for the lease', async () => {
    const { instances, instance, passWall } = setUp('killed');
    const a = instance('a');
    await queueThree(a.queue, 'killed');
    // a beat once and was killed (no stop, no more beats): what a kill -9 leaves behind.
    await instances.insertOne({ _id: 'a', beatAt: new Date(passWall(0)), startedAt: new Date(passWall(0)) });
    const b = instance('b');
    await b.heartbeat.start();
    try {
      passWall(2000);
      const early = await b.queue.claimDue(10);
      expect(early.claimed).toEqual([]);
      // b knows when to look again: the moment a counts as dead.
      expect(early.recheckInMs).toBe(DEAD_AFTER_MS - 2000);
      passWall(DEAD_AFTER_MS - 2000);
      const round = await b.queue.claimDue(10);
      expect(round.claimed.map((i) => i._id).sort()).toEqual(['killed-1', 'killed-2', 'killed-3']);
      expect(round.claimed.every((i) => i.owner === 'b' && i.attempts === 2)).toBe(true);
      // Claimed once: the next round finds nothing left (b now holds the leases).
      expect((await b.queue.claimDue(10)).claimed).toEqual([]);
    } finally {
      await b.heartbeat.stop();
    }
  });

  it('takes a stopped instance’s items at once, and skips those it had finished', async () => {
    const { instance } = setUp('stopped');
    const a = instance('a');
    const b = instance('b');
    await a.heartbeat.start();
    await b.heartbeat.start();
    try {
      await queueThree(a.queue, 'stopped');
      await a.queue.complete('stopped-1', {});
      await a.heartbeat.stop();
      const round = await b.queue.claimDue(10);
      expect(round.claimed.map((i) => i._id).sort()).toEqual(['stopped-2', 'stopped-3']);
    } finally {
      await b.heartbeat.stop();
    }
  });

  it('its own lost item (an insert that timed out but landed) is claimed by its own poll, held ones not', async () => {
    const { clock, instance } = setUp('own');
    const a = instance('a');
    await a.heartbeat.start();
    try {
      await queueThree(a.queue, 'own');
      clock.advance(61_000);
      const round = await a.queue.claimDue(10, new Set(['own-1', 'own-2']));
      expect(round.claimed.map((i) => i._id)).toEqual(['own-3']);
    } finally {
      await a.heartbeat.stop();
    }
  });
});
