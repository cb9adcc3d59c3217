/**
 * Every kind of message Lark may deliver gets a sensible answer or a deliberate silence: never an error,
 * never a member left wondering. Sent through the emulator over HTTP, shaped as Lark sends them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

const member = 'ou_member00000000000000000000000031';
const colleague = 'ou_member00000000000000000000000032';
const group = 'oc_group_types000000000000000000001';
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  h.emulator.addUser({ open_id: member, name: '赵六' });
  h.emulator.addUser({ open_id: colleague, name: '钱七' });
  h.emulator.addChat({ chat_id: group, name: '第三支部', members: [member, colleague] });
});
afterAll(() => h.close());

/** Waits until the bot has handled everything and sent everything it was going to. */
async function settle(): Promise<void> {
  await h.bot.inbox.idle();
  await h.bot.outbox.idle();
}

const text = (card: unknown) => JSON.stringify(card);
let n = 0;
const p2p = () => `oc_p2p_types_${++n}`;

describe('messages the bot cannot read are answered, not ignored (private chat)', () => {
  const kinds: Array<[string, Record<string, unknown>]> = [
    ['image', { image_key: 'img_v3_0001' }],
    ['file', { file_key: 'file_v3_0001', file_name: '承诺书.docx' }],
    ['sticker', { file_key: 'sticker_0001' }],
    ['audio', { file_key: 'audio_0001', duration: 2000 }],
    ['merge_forward', {}],
  ];
  it.each(kinds)('a %s message gets "我目前只能读懂文字消息" as a reply', async (type, content) => {
    const chat = p2p();
    const sent = await h.emulator.sendMessage({
      chat_id: chat,
      chat_type: 'p2p',
      sender_open_id: member,
      message_type: type,
      content,
    });
    expect(sent.status).toBe(200);
    const [reply] = await h.emulator.waitForBotMessages(1, { chat_id: chat });
    expect(reply!.reply_to).toBe(sent.message_id);
    expect(text(reply!.content)).toContain('我目前只能读懂文字消息');
  });
});

describe('rich text and replies are read as text', () => {
  it('a rich-text (post) message is read as its text, so 帮助 works', async () => {
    const chat = p2p();
    const sent = await h.emulator.sendMessage({
      chat_id: chat,
      chat_type: 'p2p',
      sender_open_id: member,
      message_type: 'post',
      content: { title: '', content: [[{ tag: 'text', text: '帮助', style: ['bold'] }]] },
    });
    const [reply] = await h.emulator.waitForBotMessages(1, { chat_id: chat });
    expect(reply!.reply_to).toBe(sent.message_id);
    expect(text(reply!.content)).toContain('使用帮助');
    expect(text(reply!.content)).not.toContain('没有听懂');
  });

  it('a rich-text message in a group that @-mentions the bot runs the command after the mention', async () => {
    const sent = await h.emulator.sendMessage({
      chat_id: group,
      chat_type: 'group',
      sender_open_id: member,
      message_type: 'post',
      content: {
        title: '请教',
        content: [
          [
            { tag: 'at', user_id: '@_user_1', user_name: '一诺助手' },
            { tag: 'text', text: ' 帮助' },
          ],
        ],
      },
      mentions: ['bot'],
    });
    await settle();
    const reply = h.emulator.botMessages({ chat_id: group }).find((m) => m.reply_to === sent.message_id);
    expect(text(reply!.content)).toContain('使用帮助');
    expect(text(reply!.content)).not.toContain('没有听懂');
  });

  it('a message in a thread is answered in reply to that message', async () => {
    const sent = await h.emulator.sendMessage({
      chat_id: group,
      chat_type: 'group',
      sender_open_id: member,
      message_type: 'text',
      content: { text: '@_user_1 帮助' },
      mentions: ['bot'],
      root_id: 'om_thread_root0000000000000000001',
      parent_id: 'om_thread_root0000000000000000001',
      thread_id: 'omt_thread0000000001',
    });
    await settle();
    const reply = h.emulator.botMessages({ chat_id: group }).find((m) => m.reply_to === sent.message_id);
    expect(text(reply!.content)).toContain('使用帮助');
  });

  it("a reply to the bot's own card is read like any message (the command works)", async () => {
    const chat = p2p();
    await h.emulator.sendText({ chat_id: chat, chat_type: 'p2p', sender_open_id: member, text: '帮助' });
    const [card] = await h.emulator.waitForBotMessages(1, { chat_id: chat });
    const sent = await h.emulator.sendMessage({
      chat_id: chat,
      chat_type: 'p2p',
      sender_open_id: member,
      message_type: 'text',
      content: { text: 'help' },
      root_id: card!.message_id,
      parent_id: card!.message_id,
    });
    const replies = await h.emulator.waitForBotMessages(2, { chat_id: chat });
    expect(replies[1]!.reply_to).toBe(sent.message_id);
    expect(text(replies[1]!.content)).toContain('使用帮助');
  });
});

describe('group mentions', () => {
  it('@所有人 without naming the bot is an announcement to people: deliberately silent', async () => {
    const before = h.emulator.botMessages({ chat_id: group }).length;
    const sent = await h.emulator.sendMessage({
      chat_id: group,
      chat_type: 'group',
      sender_open_id: member,
      message_type: 'text',
      content: { text: '@_all 今晚七点开支部大会' },
      mentions: ['all'],
    });
    expect(sent.status).toBe(200);
    await settle();
    expect(h.emulator.botMessages({ chat_id: group })).toHaveLength(before);
  });

  it('several mentions, the bot among them: the command after the mentions is run', async () => {
    const sent = await h.emulator.sendMessage({
      chat_id: group,
      chat_type: 'group',
      sender_open_id: member,
      message_type: 'text',
      content: { text: '@_user_1 @_user_2 帮助' },
      mentions: [{ open_id: colleague }, 'bot'],
    });
    await settle();
    const reply = h.emulator.botMessages({ chat_id: group }).find((m) => m.reply_to === sent.message_id);
    expect(text(reply!.content)).toContain('使用帮助');
    expect(text(reply!.content)).not.toContain('没有听懂');
  });

  it('the bot mentioned in the middle of the text: what follows the mention is the command', async () => {
    const sent = await h.emulator.sendText({
      chat_id: group,
      chat_type: 'group',
      sender_open_id: member,
      text: '麻烦 帮助',
      mentionBot: 'middle',
    });
    await settle();
    const reply = h.emulator.botMessages({ chat_id: group }).find((m) => m.reply_to === sent.message_id);
    expect(text(reply!.content)).toContain('使用帮助');
    expect(text(reply!.content)).not.toContain('没有听懂');
  });

  it('a mention of another person only (not the bot) is a remark between people: silent', async () => {
    const before = h.emulator.botMessages({ chat_id: group }).length;
    await h.emulator.sendMessage({
      chat_id: group,
      chat_type: 'group',
      sender_open_id: member,
      message_type: 'text',
      content: { text: '@_user_1 帮助' },
      mentions: [{ open_id: colleague }],
    });
    await settle();
    expect(h.emulator.botMessages({ chat_id: group })).toHaveLength(before);
  });
});

describe('a recalled message', () => {
  it('is acknowledged and deliberately ignored (nothing to answer once the member took it back)', async () => {
    const chat = p2p();
    const sent = await h.emulator.sendText({
      chat_id: chat,
      chat_type: 'p2p',
      sender_open_id: member,
      text: '帮助',
    });
    await h.emulator.waitForBotMessages(1, { chat_id: chat });
    const recalled = await h.emulator.deliverEvent('im.message.recalled_v1', {
      message_id: sent.message_id,
      chat_id: chat,
      recall_time: String(h.clock.now().getTime()),
      recall_type: 'message_owner',
    });
    expect(recalled.status).toBe(200);
    await settle();
    expect(h.emulator.botMessages({ chat_id: chat })).toHaveLength(1);
  });
});
