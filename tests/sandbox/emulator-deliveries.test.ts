/** Deliveries from the emulator to a bot webhook: envelopes, encryption, signatures, card callbacks. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as lark from '@larksuiteoapi/node-sdk';
import { decryptBody, signBody } from '../../src/lark/crypto.js';
import type { LarkEmulator } from '../../src/sandbox/emulator/index.js';
import {
  APP,
  Clock,
  card2,
  sdkClient,
  startEmulator,
  startReceiver,
  type Loose,
} from './emulator-fixtures.js';

const GROUP = 'oc_group000000000000000000000000001';
const ALICE = 'ou_alice00000000000000000000000001';

let clock: Clock;
let em: LarkEmulator;
let bot: Awaited<ReturnType<typeof startReceiver>>;

beforeEach(async () => {
  clock = new Clock();
  bot = await startReceiver();
  em = await startEmulator(clock);
  em.setWebhook(`${bot.url}/lark/events`, `${bot.url}/lark/cards`);
  em.addUser({ open_id: ALICE, name: '张三', union_id: 'on_alice', user_id: 'alice' });
  em.addChat({ chat_id: GROUP, name: '第一党支部', members: [ALICE] });
});

afterEach(async () => {
  await em.close();
  await bot.close();
});

const header = (name: string): string => String(bot.received.at(-1)?.headers[name]);
const decrypted = (): Loose =>
  JSON.parse(decryptBody(JSON.parse(bot.received.at(-1)!.raw).encrypt, APP.encryptKey));

/** The SDK's own view of a delivery, as the bot's webhook would rebuild it. */
const asSdkData = (): Record<string, unknown> => {
  const r = bot.received.at(-1)!;
  return Object.assign(Object.create({ headers: r.headers }), JSON.parse(r.raw));
};

async function sendBotCard(): Promise<string> {
  const res = await sdkClient(em).im.v1.message.create({
    params: { receive_id_type: 'chat_id' },
    data: { receive_id: GROUP, msg_type: 'interactive', content: JSON.stringify(card2('v1')) },
  });
  return res.data!.message_id!;
}

describe('events', () => {
  it('delivers an encrypted, signed im.message.receive_v1 that decrypts and verifies', async () => {
    const ans = await em.sendText({
      chat_id: GROUP,
      chat_type: 'group',
      sender_open_id: ALICE,
      text: '打卡',
      mentionBot: true,
    });
    expect(ans.status).toBe(200);
    expect(bot.received).toHaveLength(1);
    const r = bot.received[0]!;
    expect(r.path).toBe('/lark/events');
    expect(Object.keys(JSON.parse(r.raw))).toEqual(['encrypt']);
    expect(header('x-lark-request-timestamp')).toBe(String(Math.floor(clock.t / 1000)));
    expect(header('x-lark-signature')).toBe(
      signBody(header('x-lark-request-timestamp'), header('x-lark-request-nonce'), APP.encryptKey, r.raw),
    );

    const env = decrypted();
    expect(env.schema).toBe('2.0');
    expect(env.header).toMatchObject({
      event_id: ans.event_id,
      event_type: 'im.message.receive_v1',
      create_time: String(clock.t),
      token: APP.verificationToken,
      app_id: APP.appId,
    });
    expect(env.event.sender).toMatchObject({
      sender_id: { open_id: ALICE, union_id: 'on_alice', user_id: 'alice' },
      sender_type: 'user',
    });
    expect(env.event.message).toMatchObject({
      message_id: ans.message_id,
      chat_id: GROUP,
      chat_type: 'group',
      message_type: 'text',
      content: JSON.stringify({ text: '@_user_1 打卡' }),
      mentions: [{ key: '@_user_1', id: { open_id: em.botOpenId }, name: '一诺三评助手' }],
    });
    expect(em.messages).toMatchObject([
      { message_id: ans.message_id, sender: ALICE, content: { text: '@_user_1 打卡' } },
    ]);

    // The SDK accepts it with its own signature check and decryption.
    const dispatcher = new lark.EventDispatcher({ ...APP, loggerLevel: lark.LoggerLevel.error }).register({
      'im.message.receive_v1': async (d) => d.message.message_id,
    });
    expect(await dispatcher.invoke(asSdkData())).toBe(ans.message_id);
  });

  it('a forged signature differs and the SDK refuses it', async () => {
    await em.sendText(
      { chat_id: GROUP, chat_type: 'group', sender_open_id: ALICE, text: 'x' },
      { forgeSignature: true },
    );
    const r = bot.received[0]!;
    const good = signBody(
      header('x-lark-request-timestamp'),
      header('x-lark-request-nonce'),
      APP.encryptKey,
      r.raw,
    );
    expect(header('x-lark-signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(header('x-lark-signature')).not.toBe(good);
    const dispatcher = new lark.EventDispatcher({ ...APP, loggerLevel: lark.LoggerLevel.error }).register({
      'im.message.receive_v1': async () => 'handled',
    });
    expect(await dispatcher.invoke(asSdkData())).toBeUndefined();
  });

  it('honours delivery options: re-used event id, stale timestamp, plaintext, token override', async () => {
    const a = await em.deliverEvent('im.chat.member.bot.added_v1', { chat_id: GROUP, name: '第一党支部' });
    const b = await em.deliverEvent(
      'im.chat.member.bot.added_v1',
      { chat_id: GROUP },
      { eventId: a.event_id, timestamp: 1_000, encrypt: false, sign: false, token: 'wrong' },
    );
    expect(b.event_id).toBe(a.event_id);
    const plain = JSON.parse(bot.received[1]!.raw);
    expect(plain.header).toMatchObject({ event_id: a.event_id, token: 'wrong' });
    expect(bot.received[1]!.headers['x-lark-signature']).toBeUndefined();

    await em.deliverEvent('x.y', {}, { timestamp: 1_000 });
    expect(header('x-lark-request-timestamp')).toBe('1000');
  });

  it('without an encrypt key deliveries are plain compact JSON and unsigned', async () => {
    const plainEm = await startEmulator(clock, { encryptKey: undefined });
    plainEm.setWebhook(`${bot.url}/lark/events`);
    try {
      await plainEm.deliverEvent('x.y', { a: 1 });
      const r = bot.received[0]!;
      expect(r.raw).toBe(JSON.stringify(JSON.parse(r.raw)));
      expect(JSON.parse(r.raw).header.token).toBe(APP.verificationToken);
      expect(r.headers['x-lark-signature']).toBeUndefined();
      expect(r.headers['content-type']).toMatch(/^application\/json/);
    } finally {
      await plainEm.close();
    }
  });

  it('sends the URL challenge encrypted or plain, never signed', async () => {
    bot.respond((r) => {
      const body = JSON.parse(r.raw);
      const inner = body.encrypt ? JSON.parse(decryptBody(body.encrypt, APP.encryptKey)) : body;
      return { challenge: inner.challenge };
    });
    const enc = await em.challenge();
    expect(enc.body).toEqual({ challenge: enc.challenge });
    expect(decrypted()).toEqual({
      challenge: enc.challenge,
      token: APP.verificationToken,
      type: 'url_verification',
    });
    expect(bot.received[0]!.headers['x-lark-signature']).toBeUndefined();
    const plain = await em.challenge({ encrypt: false, token: 't' });
    expect(JSON.parse(bot.received[1]!.raw)).toEqual({
      challenge: plain.challenge,
      token: 't',
      type: 'url_verification',
    });
  });

  it('postRaw sends arbitrary bytes to the webhook origin', async () => {
    bot.respond(() => 'ok');
    const ans = await em.postRaw('/lark/events', '{"broken"');
    expect(ans).toMatchObject({ status: 200, body: 'ok' });
    expect(bot.received[0]).toMatchObject({ path: '/lark/events', raw: '{"broken"' });
  });
});

describe('card callbacks', () => {
  it('delivers card.action.trigger with µs create_time and applies a card in the answer', async () => {
    const id = await sendBotCard();
    bot.respond(() => ({
      toast: { type: 'success', content: '已批准' },
      card: { type: 'raw', data: card2('approved') },
    }));
    const ans = await em.clickButton({
      message_id: id,
      operator_open_id: ALICE,
      value: { action: 'approve' },
      form_value: { note: '好' },
    });
    expect(ans.body.toast.content).toBe('已批准');
    const env = decrypted();
    expect(env.header.event_type).toBe('card.action.trigger');
    expect(env.header.create_time).toBe(String(clock.t * 1000));
    expect(env.event).toMatchObject({
      operator: { open_id: ALICE, union_id: 'on_alice', user_id: 'alice' },
      action: { value: { action: 'approve' }, tag: 'button', form_value: { note: '好' } },
      host: 'im_message',
      context: { open_message_id: id, open_chat_id: GROUP },
    });
    expect(env.event.token).toMatch(/^c-/);
    expect(em.cardOf(id)).toEqual(card2('approved'));
    expect(em.messages[0]?.updates.map((u) => u.via)).toEqual(['callback_response']);
  });

  it('fails loudly when the bot answers with an invalid card', async () => {
    const id = await sendBotCard();
    bot.respond(() => ({ card: { type: 'raw', data: { ...card2('x'), config: {} } } }));
    await expect(em.clickButton({ message_id: id, operator_open_id: ALICE, value: {} })).rejects.toThrow(
      /update_multi/,
    );
    expect(em.cardOf(id)).toEqual(card2('v1'));
  });

  it('accepts two delayed updates per token within 30 minutes', async () => {
    const id = await sendBotCard();
    const client = sdkClient(em);
    const update = (token: string, text: string) =>
      client.request({
        method: 'POST',
        url: '/open-apis/interactive/v1/card/update',
        data: { token, card: card2(text) },
      });
    await em.clickButton({ message_id: id, operator_open_id: ALICE, value: {} });
    const token: string = decrypted().event.token;
    expect(await update(token, 'u1')).toMatchObject({ code: 0 });
    await update(token, 'u2');
    await expect(update(token, 'u3')).rejects.toMatchObject({
      response: { data: { msg: expect.stringContaining('used up') } },
    });
    expect(em.cardOf(id)).toEqual(card2('u2'));
    expect(em.messages[0]?.updates.map((u) => u.via)).toEqual(['delayed_update', 'delayed_update']);

    await em.clickButton({ message_id: id, operator_open_id: ALICE, value: {} });
    const late: string = decrypted().event.token;
    clock.advance(30 * 60 * 1000 + 1);
    await expect(update(late, 'late')).rejects.toMatchObject({
      response: { data: { msg: expect.stringContaining('expired') } },
    });
    await expect(update('c-unknown', 'x')).rejects.toMatchObject({ response: { status: 400 } });
  });

  it('delivers the legacy flat callback signed with the verification token', async () => {
    const id = await sendBotCard();
    await em.clickLegacyButton({ message_id: id, operator_open_id: ALICE, value: { k: 'v' } });
    const r = bot.received[0]!;
    expect(r.path).toBe('/lark/cards');
    expect(JSON.parse(r.raw)).toMatchObject({
      open_id: ALICE,
      open_message_id: id,
      action: { value: { k: 'v' } },
    });
    const handler = new lark.CardActionHandler(
      { verificationToken: APP.verificationToken, loggerLevel: lark.LoggerLevel.error },
      async (d: { open_message_id: string }) => d.open_message_id,
    );
    expect(await handler.invoke(asSdkData())).toBe(id);
  });
});

describe('waiting for the bot', () => {
  it('resolves when the bot sends asynchronously after acknowledging', async () => {
    const client = sdkClient(em);
    bot.respond(() => {
      // Acknowledge first, work afterwards — as the bot is meant to.
      setImmediate(() => {
        void client.im.v1.message.create({
          params: { receive_id_type: 'chat_id' },
          data: { receive_id: GROUP, msg_type: 'text', content: JSON.stringify({ text: 'pong' }) },
        });
      });
      return {};
    });
    const wait = em.waitForBotMessages(1, { chat_id: GROUP });
    await em.sendText({
      chat_id: GROUP,
      chat_type: 'group',
      sender_open_id: ALICE,
      text: 'ping',
      mentionBot: true,
    });
    const [m] = await wait;
    expect(m?.content).toEqual({ text: 'pong' });
  });

  it('rejects with a clear message on timeout', async () => {
    await expect(em.waitForBotMessages(2, { timeoutMs: 20 })).rejects.toThrow(
      /expected 2 bot message\(s\) within 20 ms, got 0/,
    );
  });
});
