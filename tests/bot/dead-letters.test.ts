/**
 * An event that was acknowledged is never silently lost: what cannot be handled is dead-lettered (kept, logged
 * with its eventId, counted in /metrics), the member is told, and it can be replayed once the cause is fixed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotModule } from '../../src/bot/module.js';
import { replayDeadLetters } from '../../src/bot/replay.js';
import { startHarness, type Harness } from '../support/harness.js';

const member = 'ou_member00000000000000000000000041';

/** A module whose chat handler counts its effects, and fails while `broken` is set. */
const state = { broken: false };
const countingModule: BotModule = {
  name: 'counting-test',
  events: {
    'im.message.receive_v1': async (ctx) => {
      if (!ctx.event.message.content.includes('记一笔')) return;
      if (state.broken) throw new Error('the ledger record 42 is missing');
      await ctx.conn
        .db!.collection('effects')
        .updateOne({ _id: ctx.event.message.message_id as never }, { $inc: { n: 1 } }, { upsert: true });
    },
  },
};

let h: Harness;
beforeAll(async () => {
  // Two quick attempts instead of a day of backoff, so the test reaches the dead letter at once.
  h = await startHarness({ modules: [countingModule], inboxRetry: { maxAttempts: 2, delayMs: () => 0 } });
  h.emulator.addUser({ open_id: member, name: '孙八' });
});
afterAll(() => h.close());

async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await h.bot.inbox.idle();
    await h.bot.inbox.poll();
  }
  await h.bot.inbox.idle();
  await h.bot.outbox.idle();
}

async function effects(messageId: string): Promise<number> {
  const doc = await h.conn.db!.collection('effects').findOne({ _id: messageId as never });
  return (doc?.n as number | undefined) ?? 0;
}

async function metrics(): Promise<string> {
  const res = await fetch(`${h.url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return res.text();
}

describe('a body with nulls where the bot does not look', () => {
  it('is handled: null ids, a numeric create_time and an id-less mention do not lose the message', async () => {
    const chat = 'oc_p2p_nulls';
    const a = await h.emulator.sendText(
      { chat_id: chat, chat_type: 'p2p', sender_open_id: member, text: '帮助' },
      {
        reshape: (event) => {
          const e = event as { sender: Record<string, unknown>; message: Record<string, unknown> };
          e.sender.sender_id = { open_id: member, union_id: null, user_id: null };
          e.sender.tenant_key = null;
          Object.assign(e.message, {
            root_id: null,
            parent_id: null,
            create_time: 1764201600000,
            mentions: [{ key: '@_user_9', id: null, name: null }],
            user_agent: null,
          });
        },
      },
    );
    expect(a.status).toBe(200);
    await settle();
    const replies = h.emulator.botMessages({ chat_id: chat });
    expect(replies.some((m) => JSON.stringify(m.content).includes('使用帮助'))).toBe(true);
    expect(await h.bot.deadLetters.collection.countDocuments({ _id: a.event_id })).toBe(0);
  });
});

describe('a sender without ids (an external user)', () => {
  it('is still answered, in reply to the message', async () => {
    const chat = 'oc_p2p_external';
    const a = await h.emulator.sendText(
      { chat_id: chat, chat_type: 'p2p', sender_open_id: member, text: '帮助' },
      { reshape: (event) => Object.assign(event, { sender: { sender_id: {}, sender_type: 'user' } }) },
    );
    expect(a.status).toBe(200);
    await settle();
    const reply = h.emulator.botMessages({ chat_id: chat }).find((m) => m.reply_to === a.message_id);
    expect(JSON.stringify(reply!.content)).toContain('使用帮助');
  });
});

describe('an acknowledged event that cannot be handled', () => {
  it('a body missing what the bot needs is dead-lettered and the member gets an apology', async () => {
    // Lark sent a p2p message whose chat_id is empty: the bot cannot act on it, but it can say so.
    const sent = await h.emulator.sendMessage({
      chat_id: '',
      chat_type: 'p2p',
      sender_open_id: member,
      message_type: 'text',
      content: { text: '帮助' },
    });
    expect(sent.status).toBe(200);
    await settle();
    const letter = await h.bot.deadLetters.collection.findOne({ _id: sent.event_id });
    expect(letter).toMatchObject({ status: 'dead', eventType: 'im.message.receive_v1' });
    expect(letter!.reason).toContain('chat_id');
    const apology = h.emulator.messages.find((m) => m.sender === 'bot' && m.reply_to === sent.message_id);
    expect(JSON.stringify(apology!.content)).toContain('已经记录下来');
    expect(JSON.stringify(apology!.content)).not.toMatch(/Error|at .*\.ts/);
  });

  it('a handler that keeps failing is dead-lettered with its eventId, logged at error, counted, apologised for', async () => {
    state.broken = true;
    const chat = 'oc_p2p_broken';
    const sent = await h.emulator.sendText({
      chat_id: chat,
      chat_type: 'p2p',
      sender_open_id: member,
      text: '记一笔 党费',
    });
    await settle();
    const letter = await h.bot.deadLetters.collection.findOne({ _id: sent.event_id });
    expect(letter!.reason).toContain('the ledger record 42 is missing');
    const line = h.logs.find(
      (l) => l.msg?.toString().startsWith('event dead-lettered') && l.eventId === sent.event_id,
    );
    expect(line).toMatchObject({ level: 50, eventId: sent.event_id, eventType: 'im.message.receive_v1' });
    // Every line about the event carries its id under the one key, the outbox's lines too.
    const about = h.logs.filter((l) => JSON.stringify(l).includes(sent.event_id));
    expect(about.length).toBeGreaterThan(3);
    expect(about.every((l) => l.eventId === sent.event_id)).toBe(true);
    expect(about.some((l) => l.msg === 'outbox sent')).toBe(true);
    // The member sees the help card (that handler worked) and an apology, exactly once each.
    const replies = h.emulator.botMessages({ chat_id: chat });
    expect(replies.filter((m) => JSON.stringify(m.content).includes('已经记录下来'))).toHaveLength(1);
    const text = await metrics();
    expect(text).toMatch(/inbox_dead_letters_total\{event_type="im.message.receive_v1"\} [1-9]/);
    expect(text).toMatch(/inbox_dead_letters [1-9]/);
    expect(text).toMatch(/lark_deliveries_total\{outcome="accepted"\} [1-9]/);
    expect(text).toMatch(/lark_sends_total\{op="reply",result="sent"\} [1-9]/);
    expect(text).toContain('inbox_depth 0');
    expect(text).toContain('outbox_depth 0');
    expect(text).toContain('inbox_event_handled_seconds_count');

    // Fixed: the replay does the work once, and a second replay does nothing more.
    state.broken = false;
    expect(await effects(sent.message_id)).toBe(0);
    const first = await replayDeadLetters(h.bot.inbox, { eventIds: [sent.event_id] });
    expect(first).toEqual([{ eventId: sent.event_id, outcome: 'replayed' }]);
    const second = await replayDeadLetters(h.bot.inbox, { eventIds: [sent.event_id] });
    expect(second).toEqual([{ eventId: sent.event_id, outcome: 'already-replayed' }]);
    await settle();
    expect(await effects(sent.message_id)).toBe(1);
    // The help card was not sent again by the replay: that handler had already succeeded.
    expect(
      h.emulator.botMessages({ chat_id: chat }).filter((m) => JSON.stringify(m.content).includes('使用帮助')),
    ).toHaveLength(1);
    expect(await h.bot.deadLetters.collection.findOne({ _id: sent.event_id })).toMatchObject({
      status: 'replayed',
    });
  });

  it('--since replays every letter that died after the given time, and a failing replay stays dead', async () => {
    state.broken = true;
    h.clock.advance(60_000); // the letters of the tests above died before `since`
    const since = h.clock.now();
    const a = await h.emulator.sendText({
      chat_id: 'oc_p2p_since_a',
      chat_type: 'p2p',
      sender_open_id: member,
      text: '记一笔 a',
    });
    const b = await h.emulator.sendText({
      chat_id: 'oc_p2p_since_b',
      chat_type: 'p2p',
      sender_open_id: member,
      text: '记一笔 b',
    });
    await settle();
    const stillBroken = await replayDeadLetters(h.bot.inbox, { since });
    expect(stillBroken.map((r) => r.outcome)).toEqual(['failed', 'failed']);
    state.broken = false;
    const fixed = await replayDeadLetters(h.bot.inbox, { since });
    expect(fixed.map((r) => r.eventId).sort()).toEqual([a.event_id, b.event_id].sort());
    expect(fixed.every((r) => r.outcome === 'replayed')).toBe(true);
    expect(await replayDeadLetters(h.bot.inbox, { since })).toEqual([]);
    expect([await effects(a.message_id), await effects(b.message_id)]).toEqual([1, 1]);
  });

  it('an unknown event id is reported, not invented', async () => {
    expect(await replayDeadLetters(h.bot.inbox, { eventIds: ['no-such-event'] })).toEqual([
      { eventId: 'no-such-event', outcome: 'not-found' },
    ]);
  });
});
