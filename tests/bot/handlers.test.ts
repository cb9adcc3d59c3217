/**
 * Side effects, counted in the database: a re-delivered event is handled once; when one of several handlers
 * fails, the retry runs only that one; a command that answers twice fails loudly instead of losing a card.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { card, markdown } from '../../cards/kit.js';
import type { BotModule } from '../../src/bot/module.js';
import { startHarness, type Harness } from '../support/harness.js';

const member = 'ou_member00000000000000000000000051';
const flaky = { failuresLeft: 0, calls: 0 };

/** Writes one effect per handled message that says 记账. */
const writer: BotModule = {
  name: 'writer-test',
  events: {
    'im.message.receive_v1': async (ctx) => {
      if (!ctx.event.message.content.includes('记账')) return;
      await ctx.conn
        .db!.collection('effects')
        .updateOne({ _id: ctx.event.message.message_id as never }, { $inc: { n: 1 } }, { upsert: true });
    },
  },
};

/** Fails while failuresLeft > 0 (a passing outage), counting its calls. */
const unreliable: BotModule = {
  name: 'unreliable-test',
  events: {
    'im.message.receive_v1': async (ctx) => {
      if (!ctx.event.message.content.includes('记账')) return;
      flaky.calls++;
      if (flaky.failuresLeft-- > 0) throw new Error('the directory service timed out');
    },
  },
};

/** A command with a bug: it answers twice. */
const chatty: BotModule = {
  name: 'chatty-test',
  commands: [
    {
      name: 'twice',
      words: ['说两遍'],
      summary: '测试用：回复两次',
      async run(ctx) {
        await ctx.reply(
          card({ title: { zh: '第一遍' }, template: 'blue', elements: [markdown({ zh: '一' })] }),
        );
        await ctx.reply(
          card({ title: { zh: '第二遍' }, template: 'blue', elements: [markdown({ zh: '二' })] }),
        );
      },
    },
  ],
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    modules: [writer, unreliable, chatty],
    inboxRetry: { maxAttempts: 3, delayMs: () => 0 },
  });
  h.emulator.addUser({ open_id: member, name: '周九' });
});
afterAll(() => h.close());

async function settle(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await h.bot.inbox.idle();
    await h.bot.inbox.poll();
  }
  await h.bot.outbox.idle();
}

async function effects(messageId: string): Promise<number> {
  const doc = await h.conn.db!.collection('effects').findOne({ _id: messageId as never });
  return (doc?.n as number | undefined) ?? 0;
}

describe('handlers that write', () => {
  it('a re-delivered event is not handled again: one write for three deliveries', async () => {
    const chat = 'oc_p2p_redeliver';
    const first = await h.emulator.sendText({
      chat_id: chat,
      chat_type: 'p2p',
      sender_open_id: member,
      text: '记账 一',
    });
    await settle();
    const again = {
      sender: { sender_id: { open_id: member }, sender_type: 'user' },
      message: {
        message_id: first.message_id,
        chat_id: chat,
        chat_type: 'p2p',
        message_type: 'text',
        content: JSON.stringify({ text: '记账 一' }),
      },
    };
    await h.emulator.deliverEvent('im.message.receive_v1', again, { eventId: first.event_id });
    await h.emulator.deliverEvent('im.message.receive_v1', again, { eventId: first.event_id });
    await settle();
    expect(await effects(first.message_id)).toBe(1);
    expect(h.emulator.botMessages({ chat_id: chat })).toHaveLength(1);
  });

  it('when one of several handlers fails, the retry runs only that one: the others write once', async () => {
    flaky.failuresLeft = 1;
    flaky.calls = 0;
    const chat = 'oc_p2p_partial';
    const sent = await h.emulator.sendText({
      chat_id: chat,
      chat_type: 'p2p',
      sender_open_id: member,
      text: '记账 二',
    });
    await settle();
    expect(flaky.calls).toBe(2); // failed, then succeeded on the retry
    expect(await effects(sent.message_id)).toBe(1);
    expect(await h.bot.inbox.queue.finished(sent.event_id)).not.toBeNull();
    expect(h.emulator.botMessages({ chat_id: chat })).toHaveLength(1); // the help card, once
    expect(h.logs.some((l) => l.eventId === sent.event_id && l.msg === 'inbox item will be retried')).toBe(
      true,
    );
  });
});

describe('CommandContext.reply', () => {
  it('a second reply to one message fails loudly: logged with a clear reason, and the member is told', async () => {
    const chat = 'oc_p2p_twice';
    const sent = await h.emulator.sendText({
      chat_id: chat,
      chat_type: 'p2p',
      sender_open_id: member,
      text: '说两遍',
    });
    await settle();
    const cards = h.emulator.botMessages({ chat_id: chat }).map((m) => JSON.stringify(m.content));
    expect(cards.filter((c) => c.includes('第一遍'))).toHaveLength(1);
    expect(cards.some((c) => c.includes('第二遍'))).toBe(false);
    expect(cards.filter((c) => c.includes('已经记录下来'))).toHaveLength(1);
    const letter = await h.bot.deadLetters.collection.findOne({ _id: sent.event_id });
    expect(letter!.reason).toContain('reply() was called twice');
  });
});
