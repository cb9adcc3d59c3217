import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

const member = 'ou_member00000000000000000000000001';
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  h.emulator.addUser({ open_id: member, name: '张三' });
  h.emulator.addChat({ chat_id: 'oc_branch0000000000000000000000001', name: '第一支部', members: [member] });
});
afterAll(() => h.close());

function cardText(card: unknown): string {
  return JSON.stringify(card);
}

describe('a member asks the bot for help', () => {
  it('answers 帮助 in a private chat with the help card, as a reply to the message', async () => {
    const sent = await h.emulator.sendText({
      chat_id: 'oc_p2p_zhangsan',
      chat_type: 'p2p',
      sender_open_id: member,
      text: '帮助',
    });
    expect(sent.status).toBe(200);
    const [reply] = await h.emulator.waitForBotMessages(1, { chat_id: 'oc_p2p_zhangsan' });
    expect(reply!.reply_to).toBe(sent.message_id);
    expect(reply!.msg_type).toBe('interactive');
    const card = reply!.content as { schema: string; header: { title: { content: string } } };
    expect(card.schema).toBe('2.0');
    expect(card.header.title.content).toContain('使用帮助');
    expect(cardText(card)).toContain('**帮助**');
    expect(cardText(card)).not.toContain('没有听懂');
  });

  it('understands "help" in English and ignores case', async () => {
    const chat = 'oc_p2p_help_en';
    await h.emulator.sendText({ chat_id: chat, chat_type: 'p2p', sender_open_id: member, text: '  HELP ' });
    const [reply] = await h.emulator.waitForBotMessages(1, { chat_id: chat });
    expect(cardText(reply!.content)).toContain('使用帮助');
  });

  it('answers an @-mention in a group, and explains how to use it there', async () => {
    const chat = 'oc_branch0000000000000000000000001';
    await h.emulator.sendText({
      chat_id: chat,
      chat_type: 'group',
      sender_open_id: member,
      text: '帮助',
      mentionBot: true,
    });
    const [reply] = await h.emulator.waitForBotMessages(1, { chat_id: chat });
    expect(cardText(reply!.content)).toContain('@我');
  });

  it('stays quiet when people talk in a group without mentioning it', async () => {
    h.emulator.addChat({ chat_id: 'oc_quiet', name: '第二支部', members: [member] });
    const sent = await h.emulator.sendText({
      chat_id: 'oc_quiet',
      chat_type: 'group',
      sender_open_id: member,
      text: '帮助一下小王',
    });
    expect(sent.status).toBe(200);
    await h.bot.inbox.idle();
    await h.bot.outbox.idle();
    expect(h.emulator.botMessages({ chat_id: 'oc_quiet' })).toHaveLength(0);
    expect(await h.bot.inbox.queue.finished(sent.event_id)).not.toBeNull();
  });

  it('answers anything it does not understand with the help card, naming what it did not understand', async () => {
    const chat = 'oc_p2p_unknown';
    await h.emulator.sendText({
      chat_id: chat,
      chat_type: 'p2p',
      sender_open_id: member,
      text: '今天天气怎么样',
    });
    const [reply] = await h.emulator.waitForBotMessages(1, { chat_id: chat });
    expect(cardText(reply!.content)).toContain('没有听懂「今天天气怎么样」');
    expect(cardText(reply!.content)).toContain('**帮助**');
  });
});

describe('regime words whose capability is not built yet', () => {
  it('answers 记实 with what is coming, not "没有听懂"', async () => {
    const chat = 'oc_p2p_record_soon';
    await h.emulator.sendText({ chat_id: chat, chat_type: 'p2p', sender_open_id: member, text: '记实' });
    const [reply] = await h.emulator.waitForBotMessages(1, { chat_id: chat });
    expect(cardText(reply!.content)).toContain('每月记实 · 即将开放');
    expect(cardText(reply!.content)).not.toContain('没有听懂');
  });
});

describe('the bot menu', () => {
  const menuClick = (event_key: string) => ({
    operator: { operator_name: '张三', operator_id: { open_id: member } },
    event_key,
    timestamp: String(Date.now()),
  });

  /** Cards the bot sent to the member by open_id, i.e. not as a reply to a message. */
  const sentToMember = () =>
    h.emulator.messages.filter(
      (m) => m.sender === 'bot' && m.receive_id_type === 'open_id' && m.receive_id === member,
    );
  const settle = async () => {
    await h.bot.inbox.idle();
    await h.bot.outbox.idle();
  };

  it('runs the command a menu item names, answering in the private chat of whoever clicked', async () => {
    const before = sentToMember().length;
    const click = await h.emulator.deliverEvent('application.bot.menu_v6', menuClick('help'));
    expect(click.status).toBe(200);
    await settle();
    expect(sentToMember()).toHaveLength(before + 1);
    expect(cardText(sentToMember().at(-1)!.content)).toContain('使用帮助');
    // Lark re-delivering the same click sends nothing more.
    await h.emulator.deliverEvent('application.bot.menu_v6', menuClick('help'), { eventId: click.event_id });
    await settle();
    expect(sentToMember()).toHaveLength(before + 1);
  });

  it('answers a menu key it does not know with the help card', async () => {
    const before = sentToMember().length;
    await h.emulator.deliverEvent('application.bot.menu_v6', menuClick('nosuchitem'));
    await settle();
    expect(sentToMember()).toHaveLength(before + 1);
    expect(cardText(sentToMember().at(-1)!.content)).toContain('没有听懂「nosuchitem」');
  });
});
