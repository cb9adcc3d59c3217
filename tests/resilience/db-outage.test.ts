/**
 * The database goes away in the middle of traffic (issue 13): FerretDB is killed while 150 people message
 * the bot. Every delivery is answered 200 only once it is stored, 503 otherwise (never a 200 that loses
 * the event); Lark's re-sends of the refused ones succeed once the database is back; every message gets
 * exactly one answer. This file kills its database, so it starts one of its own.
 */
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { connectDatabase } from '../../src/db/connection.js';
import { runMigrations } from '../../src/db/migrate.js';
import { provisionDatabase, type ProvisionedDatabase } from '../../src/db/provision.js';
import { settle } from '../support/chat.js';
import { startHarness, type Harness } from '../support/harness.js';
import { until } from './child-bot.js';
import { crashMembers } from './crash-org.js';

const PEOPLE = crashMembers(150);

let db: ProvisionedDatabase;
let conn: Connection;
let h: Harness;
beforeAll(async () => {
  db = await provisionDatabase();
  conn = await connectDatabase(db.uri, { dbName: 'outage', serverSelectionTimeoutMS: 400 });
  await runMigrations(conn, migrations);
  h = await startHarness({ conn });
  for (const p of PEOPLE) h.emulator.addUser(p);
});
afterAll(async () => {
  await h?.close();
  await conn?.close();
  await db?.stop();
});

interface Delivery {
  event_id: string;
  message_id: string;
  from: string;
  statuses: number[];
}

/** One person's 帮助, delivered (or re-delivered) as Lark does; its answer's status is kept. */
async function deliver(d: Delivery, first: boolean): Promise<number> {
  const chat_id = h.emulator.p2pChatOf(d.from);
  const status = first
    ? (
        await h.emulator.sendText(
          { chat_id, chat_type: 'p2p', sender_open_id: d.from, text: '帮助', message_id: d.message_id },
          { eventId: d.event_id },
        )
      ).status
    : (
        await h.emulator.deliverEvent(
          'im.message.receive_v1',
          {
            sender: { sender_id: { open_id: d.from }, sender_type: 'user' },
            message: {
              message_id: d.message_id,
              chat_id,
              chat_type: 'p2p',
              message_type: 'text',
              content: JSON.stringify({ text: '帮助' }),
            },
          },
          { eventId: d.event_id },
        )
      ).status;
  d.statuses.push(status);
  return status;
}

describe('the database stops mid-traffic', () => {
  it('503 while it is away, never a 200 that loses the event; Lark’s re-sends succeed; one answer each', async () => {
    const all: Delivery[] = PEOPLE.map((p, i) => ({
      event_id: `outage-${i}`,
      message_id: `om_outage${String(i).padStart(22, '0')}`,
      from: p.open_id,
      statuses: [],
    }));
    // 150 people, 10 at a time; the database is killed once 50 have been answered.
    let answered = 0;
    let next = 0;
    const senders = Array.from({ length: 10 }, async () => {
      while (next < all.length) {
        await deliver(all[next++]!, true);
        answered++;
      }
    });
    await until('50 deliveries are answered', () => answered >= 50, 60_000);
    await db.suspend();
    await Promise.all(senders);

    const first = all.map((d) => d.statuses[0]!);
    const failed = h.logs.filter((l) => l['msg'] === 'request failed' && l['status'] !== 503);
    expect(
      first.filter((s) => s !== 200 && s !== 503),
      JSON.stringify(failed),
    ).toEqual([]);
    const refused = all.filter((d) => d.statuses[0] === 503);
    expect(refused.length).toBeGreaterThan(50);

    await db.resume();
    // Lark re-sends each refused event, with the same id, until it gets a 200.
    for (const d of refused) {
      await until(`${d.event_id} is accepted`, async () => (await deliver(d, false)) === 200, 60_000);
    }
    // Work cut off by the outage waits for its lease (60 s) or its retry: move the bot's clock past them.
    h.clock.advance(15 * 60_000);
    const replies = () => h.emulator.botMessages().filter((m) => m.reply_to?.startsWith('om_outage'));
    await until(
      `every message is answered (${new Set(replies().map((m) => m.reply_to)).size} of ${all.length})`,
      async () => {
        await h.bot.inbox.poll();
        await h.bot.outbox.poll();
        await settle(h);
        return new Set(replies().map((m) => m.reply_to)).size === all.length;
      },
      120_000,
    );
    const perMessage = new Map<string, number>();
    for (const r of replies()) perMessage.set(r.reply_to!, (perMessage.get(r.reply_to!) ?? 0) + 1);
    expect([...perMessage.values()].filter((n) => n !== 1)).toEqual([]);
    // Every event answered 200 was stored, before or after the outage.
    const stored = await conn
      .db!.collection('inbox')
      .countDocuments({ _id: { $in: all.map((d) => d.event_id) } as never });
    expect(stored).toBe(all.length);
    const resent = refused.reduce((n, d) => n + d.statuses.length - 1, 0);
    console.log(
      `[outage] ${all.length} events: ${all.length - refused.length} stored before the database went away, ${refused.length} refused with 503, ${resent} re-sends until accepted; ${all.length} answered once each`,
    );
  });
});
