import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { card, markdown } from '../../cards/kit.js';
import { RateLimiter } from '../../src/lark/rate-limiter.js';
import { FakeClock } from '../support/fake-clock.js';
import { startHarness, type Harness } from '../support/harness.js';

const chat = 'oc_outbox_branch_group';
const notice = (n: number) =>
  card({
    title: { zh: `通知 ${n}` },
    template: 'blue',
    elements: [markdown({ zh: '请于本月 28 日前提交记实' })],
  });

describe('the outbox', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    h.emulator.addChat({ chat_id: chat, name: '第三支部', members: [] });
  });
  afterAll(() => h.close());

  const messagesPath = '/open-apis/im/v1/messages';
  const sends = () => h.emulator.calls.filter((c) => c.method === 'POST' && c.path === messagesPath);

  it('retries after a rate-limit answer and sends the message exactly once', async () => {
    h.emulator.failNext(
      1,
      {
        status: 429,
        code: 99991400,
        msg: 'request trigger frequency limit',
        headers: { 'x-ogw-ratelimit-limit': '50', 'x-ogw-ratelimit-reset': '1' },
      },
      { method: 'POST', pathPrefix: messagesPath },
    );
    const before = sends().length;
    await h.bot.outbox.enqueue('test:rate-limited', {
      op: 'send',
      receiveIdType: 'chat_id',
      receiveId: chat,
      card: notice(1),
    });
    await h.bot.outbox.idle();
    expect(
      sends()
        .slice(before)
        .map((c) => c.status),
    ).toEqual([429]);
    const item = await h.conn.db!.collection('outbox').findOne({ _id: 'test:rate-limited' as never });
    expect(item).toMatchObject({ status: 'retry', attempts: 1 });
    // Lark said "come back in 1 s": the retry is due once that time has passed.
    h.clock.advance(1_100);
    await h.bot.outbox.poll();
    await h.bot.outbox.idle();
    expect(
      sends()
        .slice(before)
        .map((c) => c.status),
    ).toEqual([429, 200]);
    expect(
      h.emulator.botMessages({ chat_id: chat }).filter((m) => JSON.stringify(m.content).includes('通知 1')),
    ).toHaveLength(1);
    expect(await h.bot.outbox.queue.finished('test:rate-limited')).toMatchObject({
      messageId: expect.stringMatching(/^om_/),
    });
    const scraped = await (await fetch(`${h.url}/metrics`)).text();
    expect(scraped).toMatch(/lark_sends_total\{op="send",result="rate_limited"\} [1-9]/);
    expect(scraped).toMatch(/lark_sends_total\{op="send",result="sent"\} [1-9]/);
  });

  it('retries a server error, and the same key queued again sends nothing more', async () => {
    h.emulator.failNext(
      1,
      { status: 503, code: 1, msg: 'upstream unavailable' },
      { method: 'POST', pathPrefix: messagesPath },
    );
    const message = {
      op: 'send' as const,
      receiveIdType: 'chat_id' as const,
      receiveId: chat,
      card: notice(2),
    };
    expect(await h.bot.outbox.enqueue('record-remind:branch-3:2026-11:chat', message)).toBe(true);
    await h.bot.outbox.idle();
    h.clock.advance(5 * 60_000);
    await h.bot.outbox.poll();
    await h.bot.outbox.idle();
    expect(await h.bot.outbox.enqueue('record-remind:branch-3:2026-11:chat', message)).toBe(false);
    await h.bot.outbox.idle();
    expect(
      h.emulator.botMessages({ chat_id: chat }).filter((m) => JSON.stringify(m.content).includes('通知 2')),
    ).toHaveLength(1);
  });

  it('gives up on a message Lark rejects as invalid, without retrying', async () => {
    const bad = { schema: '2.0', config: { update_multi: false }, body: { elements: [] } };
    await h.bot.outbox.enqueue('test:invalid-card', {
      op: 'send',
      receiveIdType: 'chat_id',
      receiveId: chat,
      card: bad,
    });
    await h.bot.outbox.idle();
    expect(
      await h.conn.db!.collection('outbox').findOne({ _id: 'test:invalid-card' as never }),
    ).toMatchObject({ status: 'dead', attempts: 1, lastError: expect.stringContaining('update_multi') });
  });
});

describe('a burst of messages to one chat', () => {
  it('keeps to 5 a second, so Lark never has to refuse one', async () => {
    // Lark (the emulator) counts real seconds here, so this bot's clock runs in real time too.
    const h = await startHarness({ clock: new FakeClock(new Date(), { ticking: true }) });
    try {
      const burstChat = 'oc_outbox_burst';
      h.emulator.addChat({ chat_id: burstChat, name: '第四支部', members: [] });
      for (let i = 0; i < 8; i++) {
        await h.bot.outbox.enqueue(`burst:${i}`, {
          op: 'send',
          receiveIdType: 'chat_id',
          receiveId: burstChat,
          card: notice(100 + i),
        });
      }
      const got = await h.emulator.waitForBotMessages(8, { chat_id: burstChat, timeoutMs: 10_000 });
      expect(got).toHaveLength(8);
      expect(h.emulator.calls.filter((c) => c.code === 230020)).toHaveLength(0);
      // Five went at once; the rest waited for the next second.
      expect(got[7]!.created_at - got[0]!.created_at).toBeGreaterThanOrEqual(900);
    } finally {
      await h.close();
    }
  });
});

describe('the rate limiter', () => {
  it('spaces sends per chat and per app on its own clock', () => {
    let now = 0;
    const limiter = new RateLimiter({ appPerSecond: 3, appPerMinute: 100, chatPerSecond: 2 }, () => now);
    expect([limiter.tryAcquire('a'), limiter.tryAcquire('a')]).toEqual([0, 0]);
    expect(limiter.tryAcquire('a')).toBe(1150); // third in a second for chat a (plus a margin for jitter)
    expect(limiter.tryAcquire('b')).toBe(0); // other chats still go…
    expect(limiter.tryAcquire('c')).toBe(1150); // …until the app's 3/s is used
    now = 1150;
    expect(limiter.tryAcquire('a')).toBe(0);
    limiter.pauseApp(2500);
    expect(limiter.tryAcquire('d')).toBe(2500);
  });
});

describe('a tenant token Lark no longer accepts', () => {
  it('is dropped and fetched again, and the message still goes out once', async () => {
    const h = await startHarness();
    try {
      const chat = 'oc_token_revoked';
      h.emulator.addChat({ chat_id: chat, name: '第五支部', members: [] });
      await h.bot.outbox.enqueue('token:1', {
        op: 'send',
        receiveIdType: 'chat_id',
        receiveId: chat,
        card: notice(201),
      });
      await h.bot.outbox.idle();
      // Lark's tokens last two hours; the SDK still holds the old one when the clock has moved on.
      h.clock.advance(3 * 3600_000);
      await h.bot.outbox.enqueue('token:2', {
        op: 'send',
        receiveIdType: 'chat_id',
        receiveId: chat,
        card: notice(202),
      });
      await h.bot.outbox.idle();
      expect(await h.bot.outbox.queue.finished('token:2')).toMatchObject({
        messageId: expect.stringMatching(/^om_/),
      });
      expect(h.emulator.botMessages({ chat_id: chat })).toHaveLength(2);
      expect(h.emulator.calls.some((c) => c.code === 99991663)).toBe(true);
    } finally {
      await h.close();
    }
  });
});
