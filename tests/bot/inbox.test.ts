import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { button, card, markdown } from '../../cards/kit.js';
import { z } from 'zod';
import { defineAction, type BotModule } from '../../src/bot/module.js';
import { openTestDatabase } from '../support/database.js';
import { FakeClock } from '../support/fake-clock.js';
import { startEmulator, startHarness, type Harness } from '../support/harness.js';

const member = 'ou_member00000000000000000000000003';

/** A stand-in regime module: a card with an approve button that counts its effects in the database. */
function approvalModule(gate?: { wait: Promise<void> }): BotModule {
  return {
    name: 'approval-test',
    commands: [
      {
        name: 'ask',
        words: ['审批测试'],
        summary: '测试用审批卡片',
        run: (ctx) =>
          ctx.reply(
            card({
              title: { zh: '待审核' },
              template: 'blue',
              elements: [
                button({
                  text: { zh: '批准' },
                  type: 'primary',
                  value: { action: 'test.approve', id: '42' },
                }),
              ],
            }),
          ),
      },
    ],
    actions: {
      'test.approve': defineAction({
        value: z.object({ id: z.string() }),
        run: async (ctx) => {
          if (gate) await gate.wait;
          await ctx.conn
            .db!.collection('effects')
            .updateOne({ _id: 'approve-42' as never }, { $inc: { n: 1 } }, { upsert: true });
          return {
            toast: { type: 'success', content: '已批准' },
            card: card({
              title: { zh: '已批准' },
              template: 'green',
              elements: [markdown({ zh: `审核人 ${ctx.operatorOpenId}` })],
            }),
          };
        },
      }),
    },
  };
}

async function effects(h: Harness): Promise<number> {
  const doc = await h.conn.db!.collection('effects').findOne({ _id: 'approve-42' as never });
  return (doc?.n as number | undefined) ?? 0;
}

async function askForCard(h: Harness, chat: string): Promise<string> {
  await h.emulator.sendText({ chat_id: chat, chat_type: 'p2p', sender_open_id: member, text: '审批测试' });
  const [m] = await h.emulator.waitForBotMessages(1, { chat_id: chat });
  return m!.message_id;
}

describe('Lark delivers at least once', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ modules: [approvalModule()] });
    h.emulator.addUser({ open_id: member, name: '王五' });
  });
  afterAll(() => h.close());

  it('the same event delivered three times gives one help card', async () => {
    const chat = 'oc_p2p_thrice';
    const first = await h.emulator.sendText({
      chat_id: chat,
      chat_type: 'p2p',
      sender_open_id: member,
      text: '帮助',
    });
    const again = { eventId: first.event_id };
    const event = {
      sender: { sender_id: { open_id: member }, sender_type: 'user' },
      message: {
        message_id: first.message_id,
        chat_id: chat,
        chat_type: 'p2p',
        message_type: 'text',
        content: JSON.stringify({ text: '帮助' }),
      },
    };
    const second = await h.emulator.deliverEvent('im.message.receive_v1', event, again);
    const third = await h.emulator.deliverEvent('im.message.receive_v1', event, again);
    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    await h.emulator.waitForBotMessages(1, { chat_id: chat });
    await h.bot.inbox.idle();
    await h.bot.outbox.idle();
    expect(h.emulator.botMessages({ chat_id: chat })).toHaveLength(1);
    expect(await h.inboxCount({ _id: first.event_id })).toBe(1);
  });

  it('a double click on a button has one effect, and both clicks get the same answer', async () => {
    const messageId = await askForCard(h, 'oc_p2p_double');
    const click = {
      message_id: messageId,
      operator_open_id: member,
      value: { action: 'test.approve', id: '42' },
    };
    const [a, b] = await Promise.all([h.emulator.clickButton(click), h.emulator.clickButton(click)]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(a.body.toast.content).toBe('已批准');
    expect(b.body.toast.content).toMatch(/已批准|正在处理/);
    expect(await effects(h)).toBe(1);
    // A third click later, on the same card, is still the same action: answered from the record.
    const c = await h.emulator.clickButton(click);
    expect(c.body.toast.content).toBe('已批准');
    expect(await effects(h)).toBe(1);
    expect(JSON.stringify(h.emulator.cardOf(messageId))).toContain('已批准');
  });

  it('an unknown button answers with a toast instead of an error', async () => {
    const messageId = await askForCard(h, 'oc_p2p_unknown_button');
    const a = await h.emulator.clickButton({
      message_id: messageId,
      operator_open_id: member,
      value: { action: 'no.such.action' },
    });
    expect(a.status).toBe(200);
    expect(a.body.toast).toMatchObject({ type: 'warning', content: expect.stringContaining('失效') });
  });

  it('accepts the older card callback shape on /lark/cards with the same single effect', async () => {
    const messageId = await askForCard(h, 'oc_p2p_legacy');
    const before = await effects(h);
    const a = await h.emulator.clickLegacyButton({
      message_id: messageId,
      operator_open_id: member,
      value: { action: 'test.approve', id: '42' },
    });
    expect(a.status).toBe(200);
    expect(a.body.toast.content).toBe('已批准');
    expect(await effects(h)).toBe(before + 1);
    await h.bot.outbox.idle();
    // The new card arrives by a message update, since the legacy answer cannot carry a 2.0 card.
    expect(JSON.stringify(h.emulator.cardOf(messageId))).toContain('已批准');
  });
});

describe('the older card callback endpoint (/lark/cards) checks who is calling', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ modules: [approvalModule()] });
    h.emulator.addUser({ open_id: member, name: '王五' });
  });
  afterAll(() => h.close());
  const click = (messageId: string) => ({
    message_id: messageId,
    operator_open_id: member,
    value: { action: 'test.approve', id: '42' },
  });

  it('refuses an unsigned callback with 401: no effect, nothing stored', async () => {
    const messageId = await askForCard(h, 'oc_p2p_legacy_unsigned');
    const inbox = await h.inboxCount();
    const a = await h.emulator.clickLegacyButton(click(messageId), { sign: false });
    expect(a.status).toBe(401);
    expect(a.body.error).toBe('SIGNATURE_MISSING');
    expect(await effects(h)).toBe(0);
    expect(await h.inboxCount()).toBe(inbox);
  });

  it('refuses a forged callback (signed without our verification token) with 401: no effect', async () => {
    const messageId = await askForCard(h, 'oc_p2p_legacy_forged');
    const inbox = await h.inboxCount();
    const a = await h.emulator.clickLegacyButton(click(messageId), { forgeSignature: true });
    expect(a.status).toBe(401);
    expect(a.body.error).toBe('SIGNATURE_INVALID');
    expect(await effects(h)).toBe(0);
    expect(await h.inboxCount()).toBe(inbox);
  });
});

describe("a card action slower than Lark's 3 seconds", () => {
  it('is answered "processing" in time, then the card is updated when the work is done', async () => {
    let release!: () => void;
    const gate = { wait: new Promise<void>((r) => (release = r)) };
    const h = await startHarness({ modules: [approvalModule(gate)], cardDeadlineMs: 100 });
    try {
      h.emulator.addUser({ open_id: member, name: '王五' });
      const messageId = await askForCard(h, 'oc_p2p_slow');
      const a = await h.emulator.clickButton({
        message_id: messageId,
        operator_open_id: member,
        value: { action: 'test.approve', id: '42' },
      });
      expect(a.status).toBe(200);
      expect(a.body.toast.content).toContain('正在处理');
      expect(a.body.card).toBeUndefined();
      release();
      await h.bot.inbox.idle();
      await vitestWaitFor(async () => {
        await h.bot.outbox.idle();
        return (
          h.emulator.messages
            .find((m) => m.message_id === messageId)
            ?.updates.some((u) => u.via === 'delayed_update') ?? false
        );
      });
      expect(JSON.stringify(h.emulator.cardOf(messageId))).toContain('已批准');
      expect(await effects(h)).toBe(1);
    } finally {
      await h.close();
    }
  });
});

describe('a crash between the acknowledgement and the processing', () => {
  it('loses nothing: the event is handled after the restart, once', async () => {
    const clock = new FakeClock(new Date());
    const conn = await openTestDatabase();
    const emulator = await startEmulator({ clock });
    // Instance A acknowledges and dies before handling (its workers never run).
    const a = await startHarness({ conn, clock, emulator, workers: false });
    const chat = 'oc_p2p_crash';
    const delivered = await a.emulator.sendText({
      chat_id: chat,
      chat_type: 'p2p',
      sender_open_id: member,
      text: '帮助',
    });
    expect(delivered.status).toBe(200);
    expect(await a.inboxCount({ _id: delivered.event_id, status: 'active' })).toBe(1);
    await a.close();
    expect(a.emulator.botMessages({ chat_id: chat })).toHaveLength(0);

    // Instance B starts on the same database; A's lease on the event runs out and B takes it over.
    clock.advance(61_000);
    const b = await startHarness({ conn, clock, emulator });
    try {
      const [reply] = await b.emulator.waitForBotMessages(1, { chat_id: chat });
      expect(reply!.reply_to).toBe(delivered.message_id);
      await b.bot.inbox.idle();
      await b.bot.outbox.idle();
      expect(b.emulator.botMessages({ chat_id: chat })).toHaveLength(1);
      expect(await b.bot.inbox.queue.finished(delivered.event_id)).not.toBeNull();
    } finally {
      await b.close();
      await emulator.close();
      await conn.dropDatabase();
      await conn.close();
    }
  });
});

/** Polls an async condition driven by awaited work (no fixed sleeps); fails after 5 s. */
async function vitestWaitFor(cond: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('condition not met within 5 s');
    await new Promise((r) => setImmediate(r));
  }
}
