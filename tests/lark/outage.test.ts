import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'mongoose';
import { migrations } from '../../migrations/index.js';
import { connectDatabase } from '../../src/db/connection.js';
import { runMigrations } from '../../src/db/migrate.js';
import { provisionDatabase, type ProvisionedDatabase } from '../../src/db/provision.js';
import { startHarness, type Harness } from '../support/harness.js';

const member = 'ou_member00000000000000000000000004';

/** This file stops and restarts its database, so it gets a server of its own (never MONGODB_URI's). */
describe('when MongoDB goes away', () => {
  let db: ProvisionedDatabase;
  let conn: Connection;
  let h: Harness;
  beforeAll(async () => {
    db = await provisionDatabase();
    conn = await connectDatabase(db.uri, { dbName: 'outage', serverSelectionTimeoutMS: 400 });
    await runMigrations(conn, migrations);
    h = await startHarness({ conn });
    h.emulator.addUser({ open_id: member, name: '赵六' });
  });
  afterAll(async () => {
    await h.close();
    await conn.close();
    await db.stop();
  });

  it('answers 503 so Lark retries, then succeeds once the database is back, with one help card', async () => {
    const chat = 'oc_p2p_outage';
    await db.suspend();
    const refused = await h.emulator.sendText({
      chat_id: chat,
      chat_type: 'p2p',
      sender_open_id: member,
      text: '帮助',
    });
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({
      error: 'DATABASE_UNAVAILABLE',
      message: expect.stringContaining('retry'),
    });
    const notReady = await h.bot.app.inject({ method: 'GET', url: '/readyz' });
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json()).toMatchObject({ database: 'unreachable' });

    await db.resume();
    // Lark re-delivers the same event (same event_id) on its retry schedule.
    const event = {
      sender: { sender_id: { open_id: member }, sender_type: 'user' },
      message: {
        message_id: refused.message_id,
        chat_id: chat,
        chat_type: 'p2p',
        message_type: 'text',
        content: JSON.stringify({ text: '帮助' }),
      },
    };
    let status = 0;
    for (let attempt = 0; attempt < 30 && status !== 200; attempt++) {
      status = (await h.emulator.deliverEvent('im.message.receive_v1', event, { eventId: refused.event_id }))
        .status;
    }
    expect(status).toBe(200);
    const [reply] = await h.emulator.waitForBotMessages(1, { chat_id: chat });
    expect(reply!.reply_to).toBe(refused.message_id);
    await h.bot.inbox.idle();
    await h.bot.outbox.idle();
    expect(h.emulator.botMessages({ chat_id: chat })).toHaveLength(1);
  });
});
