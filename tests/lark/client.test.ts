import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { card, markdown } from '../../cards/kit.js';
import { LarkApiError, LarkClient } from '../../src/lark/client.js';
import type { LarkEmulator } from '../../src/sandbox/emulator/index.js';
import { FakeClock } from '../support/fake-clock.js';
import { startEmulator, TEST_APP } from '../support/harness.js';

const notice = (text: string) =>
  card({ title: { zh: '通知' }, template: 'blue', elements: [markdown({ zh: text })] });
let emulator: LarkEmulator;
let client: LarkClient;

beforeAll(async () => {
  emulator = await startEmulator({ clock: new FakeClock(new Date()) });
  client = new LarkClient({
    appId: TEST_APP.appId,
    appSecret: TEST_APP.appSecret,
    domain: emulator.url,
    log: pino({ level: 'silent' }),
  });
  const members = Array.from({ length: 130 }, (_, i) => `ou_member${String(i).padStart(26, '0')}`);
  members.forEach((open_id, i) => emulator.addUser({ open_id, name: `党员${i + 1}` }));
  emulator.addChat({
    chat_id: 'oc_client_branch',
    name: '第一支部',
    members: [emulator.botOpenId, ...members],
  });
});
afterAll(() => emulator.close());

describe('the Lark client', () => {
  it('lists every member of a large group across pages, without the bot', async () => {
    const members = await client.chatMembers('oc_client_branch');
    expect(members).toHaveLength(130);
    expect(members[0]).toEqual({ openId: 'ou_member00000000000000000000000000', name: '党员1' });
    expect(members.some((m) => m.openId === emulator.botOpenId)).toBe(false);
  });

  it("looks up a person's name and knows its own open_id", async () => {
    expect(await client.userName('ou_member00000000000000000000000001')).toBe('党员2');
    expect(await client.botOpenId()).toBe(emulator.botOpenId);
  });

  it('sends, replies to and updates a card; the same uuid sends once', async () => {
    const { messageId } = await client.sendCard('chat_id', 'oc_client_branch', notice('第一版'), 'uuid-1');
    const again = await client.sendCard('chat_id', 'oc_client_branch', notice('第一版'), 'uuid-1');
    expect(again.messageId).toBe(messageId);
    await client.updateCard(messageId, notice('第二版'));
    expect(JSON.stringify(emulator.cardOf(messageId))).toContain('第二版');
    const reply = await client.replyCard(messageId, notice('回复'));
    expect(emulator.messages.find((m) => m.message_id === reply.messageId)?.reply_to).toBe(messageId);
  });

  it('uploads a file and gets its key', async () => {
    const { fileKey } = await client.uploadFile('2026年11月记实汇总.xls', Buffer.from('记实'), 'xls');
    expect(fileKey).toMatch(/^file_/);
    expect(emulator.files.at(-1)).toMatchObject({
      file_name: '2026年11月记实汇总.xls',
      size: Buffer.byteLength('记实'),
    });
  });

  it("reports Lark's refusals as coded errors that say whether to retry", async () => {
    emulator.failNext(
      1,
      { status: 429, code: 99991400, headers: { 'x-ogw-ratelimit-reset': '2' } },
      { pathPrefix: '/open-apis/im/v1/messages' },
    );
    const limited = await client
      .sendCard('chat_id', 'oc_client_branch', notice('x'))
      .catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(LarkApiError);
    expect(limited).toMatchObject({ isAppRateLimit: true, retryable: true, retryAfterMs: 2000 });
    const unknownChat = await client.sendCard('chat_id', 'oc_nobody', notice('x')).catch((e: unknown) => e);
    expect(unknownChat).toMatchObject({ retryable: false });
  });
});
