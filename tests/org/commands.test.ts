import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/org/audit.js';
import { findBranchChats, findChatBinding, findPerson, orgModule } from '../../src/org/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { importFixture, people } from './fixtures.js';

const group = 'oc_group100000000000000000000000001';
const office = 'oc_office00000000000000000000000001';
const newcomer = { open_id: 'ou_new1000000000000000000000000001', name: '新同志丙' };
const stranger = { open_id: 'ou_strg000000000000000000000000001', name: '路人' };

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ modules: [orgModule] });
  for (const p of [...Object.values(people), newcomer, stranger]) h.emulator.addUser(p);
  h.emulator.addChat({
    chat_id: group,
    name: '第二党支部',
    members: [people.secretary2.open_id, people.member3.open_id, newcomer.open_id],
  });
  h.emulator.addChat({ chat_id: office, name: '机关公开', members: [people.admin.open_id] });
  await importFixture(h.conn);
});
afterAll(() => h.close());

const text = (v: unknown) => JSON.stringify(v);

/** Sends a message (an @-mention in a group) and returns the card the bot replied with. */
async function say(chat: string, sender: string, words: string): Promise<string> {
  const chatType = chat.startsWith('oc_p2p') ? 'p2p' : 'group';
  const sent = await h.emulator.sendText({
    chat_id: chat,
    chat_type: chatType,
    sender_open_id: sender,
    text: words,
    mentionBot: chatType === 'group',
  });
  await h.bot.inbox.idle();
  await h.bot.outbox.idle();
  const reply = h.emulator.botMessages({ chat_id: chat }).find((m) => m.reply_to === sent.message_id);
  if (!reply) throw new Error(`no reply to "${words}"`);
  return text(reply.content);
}

describe('绑定 / bind', () => {
  it('in a private chat, explains that it works in the group to bind', async () => {
    expect(await say('oc_p2p_sec2', people.secretary2.open_id, '绑定')).toContain(
      '请在要设置的群里 **@我** 发送「绑定」',
    );
  });

  it('in a group, posts the binding card, which an admin can use for any branch', async () => {
    const card = await say(office, people.admin.open_id, 'bind');
    expect(card).toContain('请设置本群的用途');
    const message = h.emulator.botMessages({ chat_id: office }).at(-1)!;
    const answer = await h.emulator.press({
      message_id: message.message_id,
      operator_open_id: people.admin.open_id,
      button: '绑定',
      form: { branch: ['zx-2'], kind: 'office_channel' },
    });
    expect(answer.body.toast.content).toBe('已绑定为第二党支部的公开频道');
    expect(text(h.emulator.cardOf(message.message_id))).not.toContain('同步群成员');
    expect(await findBranchChats(h.conn, 'zx-2')).toEqual({ office_channel: office });
  });

  it('says how the group is bound now when asked again', async () => {
    expect(await say(office, people.admin.open_id, '绑定')).toContain(
      '本群目前是 **第二党支部** 的 **公开频道**，可以重新选择',
    );
  });
});

describe('同步成员 / sync members', () => {
  it('asks for the group to be bound first', async () => {
    expect(await say(group, people.secretary2.open_id, '同步成员')).toContain('本群还不是支部群');
  });

  it('refuses a member with a reply naming who may sync, and registers nobody', async () => {
    const before = h.emulator.botMessages({ chat_id: group }).length;
    await h.emulator.deliverEvent('im.chat.member.bot.added_v1', {
      chat_id: group,
      operator_id: { open_id: people.secretary2.open_id },
    });
    const card = (await h.emulator.waitForBotMessages(before + 1, { chat_id: group })).at(-1);
    // The card was posted before the group was bound: the secretary binds it now.
    await h.emulator.press({
      message_id: card!.message_id,
      operator_open_id: people.secretary2.open_id,
      button: '绑定',
      form: { branch: ['zx-2'], kind: 'branch_group' },
    });
    expect(await say(group, people.member3.open_id, '同步成员')).toContain(
      '只有管理员或该支部书记可以同步群成员',
    );
    expect(await findPerson(h.conn, newcomer.open_id)).toBeUndefined();
  });

  it("registers the group's newcomers for the secretary, and audits the message it came from", async () => {
    const reply = await say(group, people.secretary2.open_id, 'sync members');
    expect(reply).toContain('新登记为党员 **1** 人：新同志丙');
    expect(await findPerson(h.conn, newcomer.open_id)).toMatchObject({ name: '新同志丙', managedBy: 'chat' });
    const [entry] = await listAudit(h.conn, { targetId: newcomer.open_id });
    expect(entry).toMatchObject({
      action: 'person.create',
      actor: people.secretary2.open_id,
      source: { via: 'command', chatId: group },
    });
    expect(entry!.source.messageId).toMatch(/^om_/);
  });
});

describe('我的身份 / whoami', () => {
  it("lists a person's roles in each branch", async () => {
    const card = await say('oc_p2p_leader', people.leader.open_id, '我的身份');
    expect(card).toContain('**周志强**（县政协副主席）');
    expect(card).toContain('**联系领导** · 第一党支部（联系本支部）');
    expect(card).toContain('**联系领导** · 第二党支部（联系党员：杨帆）');
  });

  it('shows a deployment-wide role as covering every branch', async () => {
    expect(await say('oc_p2p_admin', people.admin.open_id, 'whoami')).toContain('**管理员** · 全部支部');
  });

  it('tells someone the bot does not know how to get registered', async () => {
    expect(await say('oc_p2p_stranger', stranger.open_id, '我的身份')).toContain('你还没有登记在组织架构中');
  });
});

describe('one chat per branch and purpose', () => {
  it('binding a new office channel for a branch retires the old one, on record', async () => {
    const other = 'oc_office00000000000000000000000002';
    h.emulator.addChat({ chat_id: other, name: '新公开频道', members: [people.secretary2.open_id] });
    await h.emulator.deliverEvent('im.chat.member.bot.added_v1', { chat_id: other });
    const [card] = await h.emulator.waitForBotMessages(1, { chat_id: other });
    const answer = await h.emulator.press({
      message_id: card!.message_id,
      operator_open_id: people.secretary2.open_id,
      button: '绑定',
      form: { branch: ['zx-2'], kind: 'office_channel' },
    });
    expect(answer.body.toast.content).toBe('已绑定为第二党支部的公开频道');
    expect(await findBranchChats(h.conn, 'zx-2')).toEqual({ branch_group: group, office_channel: other });
    expect(await findChatBinding(h.conn, office)).toMatchObject({ active: false });
    expect(await listAudit(h.conn, { targetId: office, action: 'chat.deactivate' })).toHaveLength(1);
  });
});
