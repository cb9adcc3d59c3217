import { describe, expect, it } from 'vitest';
import type { Db } from 'mongodb';
import { pruneDeliveries } from '../../src/db/retention.js';
import { FakeClock } from '../support/fake-clock.js';
import { useTestDatabase } from '../support/database.js';

const conn = useTestDatabase();

describe('retention of deliveries', () => {
  it('forgets deliveries older than a week and keeps the recent ones (Lark re-delivers for ~7 h)', async () => {
    const clock = new FakeClock('2026-11-26T02:00:00Z');
    const db = conn().db! as unknown as Db;
    const eightDaysAgo = new Date('2026-11-18T02:00:00Z');
    const nineHoursAgo = new Date('2026-11-25T17:00:00Z');
    await db
      .collection<{ _id: string }>('inbox')
      .insertMany([
        { _id: 'old', queuedAt: eightDaysAgo } as never,
        { _id: 'recent', queuedAt: nineHoursAgo } as never,
      ]);
    await db
      .collection<{ _id: string }>('inbox_done')
      .insertMany([
        { _id: 'old', finishedAt: eightDaysAgo } as never,
        { _id: 'recent', finishedAt: nineHoursAgo } as never,
      ]);
    await db.collection<{ _id: string }>('card_clicks').insertOne({ _id: 'k', at: eightDaysAgo } as never);
    const removed = await pruneDeliveries(db, clock);
    expect(removed).toMatchObject({ inbox: 1, inbox_done: 1, card_clicks: 1 });
    expect(
      await db
        .collection('inbox')
        .find()
        .map((d) => d._id)
        .toArray(),
    ).toEqual(['recent']);
    expect(
      await db
        .collection('inbox_done')
        .find()
        .map((d) => d._id)
        .toArray(),
    ).toEqual(['recent']);
  });
});

describe('retention of dead letters', () => {
  it('keeps a dead letter for 90 days, long after its finished work is pruned, so it can be acted on', async () => {
    const clock = new FakeClock('2026-11-26T02:00:00Z');
    const db = conn().db! as unknown as Db;
    const deadAt = (days: number) => new Date(clock.now().getTime() - days * 86_400_000);
    await db
      .collection<{ _id: string }>('dead_letters')
      .insertMany([
        { _id: 'month-old', deadAt: deadAt(30) } as never,
        { _id: 'too-old', deadAt: deadAt(91) } as never,
      ]);
    const removed = await pruneDeliveries(db, clock);
    expect(removed).toMatchObject({ dead_letters: 1 });
    expect(
      await db
        .collection('dead_letters')
        .find()
        .map((d) => d._id)
        .toArray(),
    ).toEqual(['month-old']);
  });
});
