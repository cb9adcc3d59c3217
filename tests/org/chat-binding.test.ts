import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/org/audit.js';
import { findBranchChats, findChatBinding, findPerson, orgModule, rolesOf } from '../../src/org/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { bindChatAs, importFixture, people } from './fixtures.js';

const group = 'oc_group000000000000000000000000001';
const newcomers = [
  { open_id: 'ou_new0000000000000000000000000001', name: '新同志甲' },
  { open_id: 'ou_new0000000000000000000000000002', name: '新同志乙' },
];
const asBranchGroup = { branch: 'zx-1', kind: 'branch_group' };

let h: Harness;
let cardId: string;

beforeAll(async () => {
  h = await startHarness({ modules: [orgModule] });
  for (const p of [...Object.values(people), ...newcomers]) h.emulator.addUser(p);
  const { secretary1, member1, leader, member3 } = people;
  h.emulator.addChat({
    chat_id: group,
    name: '第一党支部',
    members: [
      secretary1.open_id,
      member1.open_id,
      leader.open_id,
      member3.open_id,
      ...newcomers.map((n) => n.open_id),
    ],
  });
  await importFixture(h.conn);
});
afterAll(() => h.close());

const text = (v: unknown) => JSON.stringify(v);
/** Presses 绑定 with the form filled in (on this card while it offers 绑定, else on a fresh one). */
const bind = (operator: string, form: { branch?: string; kind?: string }) =>
  bindChatAs(h, {
    chat: group,
    operator,
    cardId,
    form: { ...(form.branch && { branch: [form.branch] }), ...(form.kind && { kind: form.kind }) },
  });
/** Presses 同步群成员 on the card as it stands. */
const sync = (operator: string) =>
  h.emulator.press({ message_id: cardId, operator_open_id: operator, button: '同步群成员' });

describe('the bot is added to a group and asks what the group is for', () => {
  it('posts the binding card once, however often Lark delivers the event', async () => {
    const event = { chat_id: group, operator_id: { open_id: people.secretary1.open_id }, name: '第一党支部' };
    const first = await h.emulator.deliverEvent('im.chat.member.bot.added_v1', event);
    await h.emulator.deliverEvent('im.chat.member.bot.added_v1', event, { eventId: first.event_id });
    const [card] = await h.emulator.waitForBotMessages(1, { chat_id: group });
    await h.bot.inbox.idle();
    await h.bot.outbox.idle();
    expect(h.emulator.botMessages({ chat_id: group })).toHaveLength(1);
    cardId = card!.message_id;
    expect(text(card!.content)).toContain('请设置本群的用途');
    expect(text(card!.content)).toContain('第一党支部');
    expect(text(card!.content)).toContain('评议群');
  });

  it('refuses a plain member: a toast naming who may bind, and nothing written', async () => {
    const answer = await bind(people.member1.open_id, asBranchGroup);
    expect(answer.body.toast.content).toBe('只有管理员或该支部书记可以绑定群聊');
    expect(answer.body.card).toBeUndefined();
    expect(await findChatBinding(h.conn, group)).toBeUndefined();
    expect(await listAudit(h.conn, { targetId: group })).toEqual([]);
  });

  it("refuses another branch's secretary", async () => {
    const answer = await bind(people.secretary2.open_id, asBranchGroup);
    expect(answer.body.toast.content).toBe('只有管理员或该支部书记可以绑定群聊');
    expect(await findChatBinding(h.conn, group)).toBeUndefined();
  });

  it('asks for the missing choice when the form is incomplete', async () => {
    // Lark itself will not submit the card with the purpose left empty (the field is required) …
    await expect(bind(people.secretary1.open_id, { branch: 'zx-1' })).rejects.toThrow('required field kind');
    // … and a callback that arrives without it anyway (an old client, a forged card) gets a toast.
    const answer = await h.emulator.clickButton({
      message_id: cardId,
      operator_open_id: people.secretary1.open_id,
      value: { action: 'org.bind_chat' },
      form_value: { branch: ['zx-1'] },
    });
    expect(answer.body.toast.content).toBe('请先选择支部和本群的用途');
    expect(await findChatBinding(h.conn, group)).toBeUndefined();
  });

  it("binds it for the branch's secretary, once however often the button is pressed, and confirms in the card", async () => {
    const [a, b] = await Promise.all([
      bind(people.secretary1.open_id, asBranchGroup),
      bind(people.secretary1.open_id, asBranchGroup),
    ]);
    expect(a.body.toast.content).toBe('已绑定为第一党支部的支部群');
    expect(b.body).toEqual(a.body);
    const shown = text(h.emulator.cardOf(cardId));
    expect(shown).toContain('群聊已绑定');
    expect(shown).toContain('本群已绑定为 **第一党支部** 的 **支部群**（王建国 绑定）');
    expect(shown).toContain('同步群成员');

    expect(await findBranchChats(h.conn, 'zx-1')).toEqual({ branch_group: group });
    const audit = await listAudit(h.conn, { targetId: group, action: 'chat.bind' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: people.secretary1.open_id,
      actorName: '王建国',
      branchId: 'zx-1',
      changes: { kind: { to: 'branch_group' }, branchIds: { to: ['zx-1'] } },
      source: { via: 'card', messageId: cardId, chatId: group, ref: 'org.bind_chat' },
    });
    // Whichever of the two clicks reached the bot first did the work.
    expect([a.event_id, b.event_id]).toContain(audit[0]!.source.eventId);
  });

  it('binding it the same way again changes nothing', async () => {
    const answer = await bind(people.admin.open_id, asBranchGroup);
    expect(answer.body.toast.content).toBe('本群已是第一党支部的支部群');
    expect(await listAudit(h.conn, { targetId: group, action: 'chat.bind' })).toHaveLength(1);
  });

  it("does not let another branch's secretary take the group away", async () => {
    const answer = await bind(people.secretary2.open_id, { branch: 'zx-2', kind: 'branch_group' });
    expect(answer.body.toast.content).toBe('本群目前属于第一党支部，只有管理员或该支部书记可以绑定群聊');
    expect(await findChatBinding(h.conn, group)).toMatchObject({
      branchIds: ['zx-1'],
      kind: 'branch_group',
      active: true,
    });
  });
});

describe('syncing the members of a bound branch group', () => {
  it('refuses a plain member and registers nobody', async () => {
    const answer = await sync(people.member1.open_id);
    expect(answer.body.toast.content).toBe('只有管理员或该支部书记可以同步群成员');
    expect(await findPerson(h.conn, newcomers[0]!.open_id)).toBeUndefined();
  });

  it('registers newcomers as members with their Lark names, and lists the rest for the secretary to decide', async () => {
    const answer = await sync(people.secretary1.open_id);
    expect(answer.body.toast.content).toBe('同步完成，新登记 2 人');
    const shown = text(h.emulator.cardOf(cardId));
    expect(shown).toContain('新登记为党员 **2** 人：新同志甲、新同志乙');
    // The secretary, the member and the branch's contact leader hold roles in the branch already.
    expect(shown).toContain('已在册 3 人');
    expect(shown).toContain('**不在本群的本支部党员**（1 人，未做改动');
    expect(shown).toContain('张伟');
    expect(shown).toContain('**群内非本支部党员**（1 人，未做改动）：杨帆');

    expect(await findPerson(h.conn, newcomers[0]!.open_id)).toMatchObject({
      name: '新同志甲',
      active: true,
      managedBy: 'chat',
    });
    expect((await rolesOf(h.conn, newcomers[1]!.open_id)).map((r) => `${r.role}@${r.branchId}`)).toEqual([
      'member@zx-1',
    ]);
    // Nobody was removed: the member who is not in the group is still a member.
    expect((await rolesOf(h.conn, people.member2.open_id)).map((r) => r.role)).toEqual(['member']);

    const audit = await listAudit(h.conn, { actor: people.secretary1.open_id, branchId: 'zx-1' });
    expect(audit.map((e) => `${e.action} ${e.target.id}`)).toEqual([
      `chat.bind ${group}`,
      `person.create ${newcomers[0]!.open_id}`,
      `role.create ${newcomers[0]!.open_id}/member@zx-1`,
      `person.create ${newcomers[1]!.open_id}`,
      `role.create ${newcomers[1]!.open_id}/member@zx-1`,
    ]);
    expect(audit[1]!.source).toMatchObject({
      via: 'card',
      eventId: answer.event_id,
      messageId: cardId,
      ref: 'org.sync_members',
    });
  });

  it('syncing again from the updated card adds nobody twice', async () => {
    const before = (await listAudit(h.conn)).length;
    const answer = await sync(people.secretary1.open_id);
    expect(answer.body.toast.content).toBe('同步完成，新登记 0 人');
    expect(text(h.emulator.cardOf(cardId))).toContain('没有需要新登记的成员');
    expect((await listAudit(h.conn)).length).toBe(before);
  });
});

describe('the bot leaves the group', () => {
  it('keeps the binding on record, inactive, and audits it', async () => {
    await h.emulator.deliverEvent('im.chat.member.bot.deleted_v1', {
      chat_id: group,
      operator_id: { open_id: people.admin.open_id },
    });
    await h.bot.inbox.idle();
    expect(await findChatBinding(h.conn, group)).toMatchObject({ branchIds: ['zx-1'], active: false });
    expect(await findBranchChats(h.conn, 'zx-1')).toEqual({});
    expect(await listAudit(h.conn, { targetId: group, action: 'chat.unbind' })).toHaveLength(1);
  });
});
