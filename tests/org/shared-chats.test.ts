/**
 * One office channel for many branches: binding it in chat for several branches or 「全部支部」, who may,
 * which chat wins, and a digest-like send that reaches a shared channel once, through the emulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeCard } from '../../cards/org-notice.js';
import type { BotModule } from '../../src/bot/module.js';
import { listAudit } from '../../src/org/audit.js';
import {
  findBranchChats,
  findChatBinding,
  findSharedChat,
  resolveChats,
  sendToChats,
} from '../../src/org/index.js';
import { defineJob } from '../../src/schedule/index.js';
import { FakeClock } from '../support/fake-clock.js';
import { startHarness, type Harness } from '../support/harness.js';
import { bindChatAs, importFixture, people } from './fixtures.js';

const office = 'oc_office00000000000000000000000001';
const own4 = 'oc_office00000000000000000000000004';
const evaluators = 'oc_evaluators000000000000000000001';
const other = 'oc_other0000000000000000000000000001';

const YAML = `
organisation: { id: zxjg, name: 县政协机关党总支 }
branches:
  - { id: zx-1, name: 第一党支部 }
  - { id: zx-2, name: 第二党支部 }
  - { id: zx-3, name: 第三党支部 }
  - { id: zx-4, name: 第四党支部, chats: { office_channel: ${own4} } }
people:
  - { open_id: ${people.secretary1.open_id}, name: 王建国, roles: { secretary: zx-1, member: zx-1 } }
  - { open_id: ${people.member1.open_id}, name: 李秀英, roles: { member: zx-1 } }
  - { open_id: ${people.admin.open_id}, name: 郑小燕, roles: { admin: all } }
`;

/** A digest-like job: each branch's run sends one card per office channel, covering the branches sharing it. */
const names: Record<string, string> = { 'zx-1': '第一', 'zx-2': '第二', 'zx-3': '第三', 'zx-4': '第四' };
const digest: BotModule = {
  name: 'digest-test',
  jobs: [
    defineJob('disclosure.monthly', async (ctx) => {
      const chat = await findSharedChat(ctx.conn, ctx.branch.id, 'office_channel');
      if (!chat) return;
      await sendToChats(ctx, {
        branchIds: chat.branchIds,
        purpose: 'office_channel',
        key: `disclosure.monthly:${ctx.periodKey}`,
        card: (c) =>
          noticeCard({
            title: { zh: `${ctx.periodKey} 公开` },
            text: { zh: c.branchIds.map((id) => names[id]).join('、') },
            tone: 'done',
          }),
      });
    }),
  ],
};

let h: Harness;
const cards = new Map<string, string>();

beforeAll(async () => {
  // Monday 7 December 2026, 10:00 in Shanghai: November's disclosure (due Sunday the 6th) is due.
  h = await startHarness({
    assembled: true,
    modules: [digest],
    clock: new FakeClock('2026-12-07T02:00:00Z'),
  });
  for (const p of Object.values(people)) h.emulator.addUser(p);
  for (const chat of [office, own4, evaluators, other])
    h.emulator.addChat({
      chat_id: chat,
      name: chat,
      members: [people.admin.open_id, people.secretary1.open_id],
    });
  await importFixture(h.conn, YAML);
  for (const chat of [office, evaluators, other]) {
    await h.emulator.deliverEvent('im.chat.member.bot.added_v1', { chat_id: chat, name: chat });
    const [card] = await h.emulator.waitForBotMessages(1, { chat_id: chat });
    cards.set(chat, card!.message_id);
  }
});
afterAll(() => h.close());

const bind = (chat: string, operator: string, branch: string | string[], kind: string) =>
  bindChatAs(h, {
    chat,
    operator,
    cardId: cards.get(chat)!,
    form: { branch: Array.isArray(branch) ? branch : [branch], kind },
  });

describe('binding a chat for several branches or the whole organisation', () => {
  it('offers 「全部支部」 and every branch to pick from', () => {
    const shown = JSON.stringify(h.emulator.cardOf(cards.get(office)!));
    expect(shown).toContain('multi_select_static');
    expect(shown).toContain('全部支部');
    expect(shown).toContain('第三党支部');
  });

  it("refuses a branch's secretary binding for several branches, and writes nothing", async () => {
    const answer = await bind(office, people.secretary1.open_id, ['zx-1', 'zx-2'], 'office_channel');
    expect(answer.body.toast.content).toBe('只有管理员可以把群聊绑定到多个支部或全部支部');
    expect(await findChatBinding(h.conn, office)).toBeUndefined();
  });

  it('refuses a branch group for two branches', async () => {
    const answer = await bind(other, people.admin.open_id, ['zx-1', 'zx-2'], 'branch_group');
    expect(answer.body.toast.content).toBe('支部群只能属于一个支部，请只选择一个支部');
    expect(await findChatBinding(h.conn, other)).toBeUndefined();
  });

  it('binds one office channel for three branches for an admin', async () => {
    const answer = await bind(office, people.admin.open_id, ['zx-2', 'zx-1', 'zx-3'], 'office_channel');
    expect(answer.body.toast.content).toBe('已绑定为第一党支部、第二党支部、第三党支部的公开频道');
    expect(JSON.stringify(h.emulator.cardOf(cards.get(office)!))).toContain(
      '本群已绑定为 **第一党支部、第二党支部、第三党支部** 的 **公开频道**',
    );
    for (const id of ['zx-1', 'zx-2', 'zx-3'])
      expect((await findBranchChats(h.conn, id)).office_channel).toBe(office);
    expect(await resolveChats(h.conn, ['zx-1', 'zx-2', 'zx-3', 'zx-4'], 'office_channel')).toEqual([
      { chatId: office, branchIds: ['zx-1', 'zx-2', 'zx-3'] },
      { chatId: own4, branchIds: ['zx-4'] },
    ]);
  });

  it("binds the evaluators' group for the whole organisation; a branch's own chat still wins", async () => {
    const answer = await bind(evaluators, people.admin.open_id, ['org:zxjg'], 'evaluators_group');
    expect(answer.body.toast.content).toBe('已绑定为全部支部（县政协机关党总支）的评议群');
    expect(await findBranchChats(h.conn, 'zx-4')).toEqual({
      office_channel: own4,
      evaluators_group: evaluators,
    });
    const audit = await listAudit(h.conn, { targetId: evaluators, action: 'chat.bind' });
    expect(audit[0]).toMatchObject({ actor: people.admin.open_id, changes: { orgId: { to: 'zxjg' } } });

    // zx-1's secretary gives the branch a group of its own: it wins over the organisation's for zx-1 only.
    const own = await bind(other, people.secretary1.open_id, 'zx-1', 'evaluators_group');
    expect(own.body.toast.content).toBe('已绑定为第一党支部的评议群');
    expect((await findBranchChats(h.conn, 'zx-1')).evaluators_group).toBe(other);
    expect((await findBranchChats(h.conn, 'zx-2')).evaluators_group).toBe(evaluators);
  });

  it('does not let a secretary take a shared channel away from the other branches', async () => {
    const answer = await bind(office, people.secretary1.open_id, 'zx-1', 'office_channel');
    expect(answer.body.toast.content).toBe(
      '本群目前属于第一党支部、第二党支部、第三党支部，只有管理员可以把群聊绑定到多个支部或全部支部',
    );
    expect(await findChatBinding(h.conn, office)).toMatchObject({ branchIds: ['zx-1', 'zx-2', 'zx-3'] });
  });
});

describe('sending to a shared office channel', () => {
  it('reaches a channel shared by three branches once, covering all three, however often the runs go', async () => {
    await h.scheduler!.tick();
    await h.scheduler!.tick();
    await h.bot.outbox.idle();
    const sent = h.emulator
      .botMessages({ chat_id: office })
      .filter((m) => JSON.stringify(m.content).includes('2026-11 公开'));
    expect(sent).toHaveLength(1);
    const shown = JSON.stringify(sent[0]!.content);
    expect(shown).toContain('2026-11 公开');
    expect(shown).toContain('第一、第二、第三');
    // The branch with a channel of its own gets its own message.
    const own = h.emulator.botMessages({ chat_id: own4 });
    expect(own).toHaveLength(1);
    expect(JSON.stringify(own[0]!.content)).toContain('第四');
    // One outbox item per chat and period, however many branch runs asked for it.
    expect(await h.outboxCount({ _id: { $regex: '^disclosure\\.monthly:' } })).toBe(2);
    expect(await h.outboxCount({ _id: `disclosure.monthly:2026-11:${office}` })).toBe(1);
  });
});
