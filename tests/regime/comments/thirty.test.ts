/**
 * A leader with thirty contact points in two branches: one prompt card and one monthly reminder however
 * many branch runs there are, paged on the phone; and ad-hoc comments by the 点评 command.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CARD_BYTES } from '../../../src/sandbox/emulator/index.js';
import { commentsModule } from '../../../src/regime/comments/index.js';
import type { LedgerAccess, RecordsAccess } from '../../../src/regime/ports.js';
import { cardText, lastCard, press, say, shanghai, tickAt } from '../../support/chat.js';
import { FakeClock } from '../../support/fake-clock.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { importFixture } from '../../org/fixtures.js';

const oid = (tag: string, n: number) => `ou_${tag}${String(n).padStart(29 - tag.length, '0')}`;
const leader = { open_id: oid('lead', 1), name: '周志强' };
const member = { open_id: oid('solo', 1), name: '路人甲' };
const members = Array.from({ length: 28 }, (_, i) => ({ open_id: oid('m', i + 1), name: `党员${i + 1}` }));

const ORG = `
organisation: { id: zxjg, name: 县政协机关党总支 }
branches:
  - { id: zx-1, name: 第一党支部 }
  - { id: zx-2, name: 第二党支部 }
people:
  - open_id: ${leader.open_id}
    name: ${leader.name}
    roles: { leader: { branches: [zx-1, zx-2] } }
  - { open_id: ${member.open_id}, name: ${member.name}, roles: { member: zx-2 } }
${members.map((m, i) => `  - { open_id: ${m.open_id}, name: ${m.name}, roles: { member: zx-${i < 14 ? 1 : 2} } }`).join('\n')}
`;

/** Small stand-ins for the sibling capabilities: the form shows their facts. */
const ledger: LedgerAccess = {
  openLines: async () => [],
  tickOff: async () => ({ ok: false, message: '' }),
  progress: async () => ({ total: 5, fulfilled: 3, open: 1, overdue: 1 }),
  fulfilledBetween: async () => [],
};
const records: RecordsAccess = {
  recentMonths: async () => [
    { month: '2026-03', recordText: '参加调研三次', rating: '优秀', ratingFinal: true },
  ],
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    modules: [commentsModule({ ledger, records })],
    assembled: true,
    clock: new FakeClock(shanghai('2026-03-31 12:00')),
  });
  for (const p of [leader, member, ...members]) h.emulator.addUser(p);
  await importFixture(h.conn, ORG);
});
afterAll(() => h.close());

describe('a leader with 30 targets', () => {
  it('gets one prompt and one reminder across both branches, paged within Lark’s limits', async () => {
    await tickAt(h, '2026-04-01 09:00');
    const chat = h.emulator.p2pChatOf(leader.open_id);
    const all = h.emulator
      .botMessages({ chat_id: chat })
      .map((m) => cardText(h.emulator.cardOf(m.message_id)));
    expect(all.filter((t) => t.includes('2026年第一季度点评'))).toHaveLength(1);
    expect(all.filter((t) => t.includes('4月点评提醒'))).toHaveLength(1);
    expect(all.find((t) => t.includes('4月点评提醒'))).toContain('待点评 31');
    const prompt = lastCard(h, { to: leader.open_id, has: '2026年第一季度点评' });
    expect(cardText(h.emulator.cardOf(prompt.message_id))).toContain('已完成 0/31');
    expect(h.emulator.buttonsOf(prompt.message_id)).toEqual([...Array(8).fill('点评'), '下一页']);
    expect(Buffer.byteLength(JSON.stringify(h.emulator.cardOf(prompt.message_id)))).toBeLessThan(
      MAX_CARD_BYTES,
    );
    await press(h, prompt, leader.open_id, { button: '下一页' });
    const page2 = cardText(h.emulator.cardOf(prompt.message_id));
    expect(page2).toContain('第 2/4 页');
    expect(h.emulator.buttonsOf(prompt.message_id)).toEqual([...Array(8).fill('点评'), '上一页', '下一页']);
  });

  it('the form shows the facts from the pledge ledger and the monthly records', async () => {
    const prompt = lastCard(h, { to: leader.open_id, has: '2026年第一季度点评' });
    // The card stands at page 2 now: comment on someone listed there.
    const name = /\*\*(党员\d+)\*\*/.exec(cardText(h.emulator.cardOf(prompt.message_id)))![1]!;
    await press(h, prompt, leader.open_id, { button: '点评', near: name });
    const form = cardText(lastCard(h, { to: leader.open_id, has: `点评：${name}` }));
    expect(form).toContain('承诺：已兑现 3/5，逾期 1');
    expect(form).toContain('评定优秀；参加调研三次');
  });
});

describe('点评 at any time', () => {
  it('opens the form for a named contact point, offers the list without a name, refuses others', async () => {
    const form = await say(h, leader.open_id, '点评 党员3');
    expect(cardText(form)).toContain('点评：党员3');
    // The quarter's window is open and 党员3 is still due there: the named comment is the quarter's one.
    expect(cardText(form)).toContain('2026年第一季度点评');
    const picker = await say(h, leader.open_id, '点评');
    expect(cardText(picker)).toContain('请选择要点评的对象（共 31 个）');
    expect(cardText(await say(h, leader.open_id, '点评 张三'))).toContain('「张三」不是您的点评对象');
    expect(cardText(await say(h, member.open_id, '点评'))).toContain(
      '只有上级党组织或支部书记或联系领导可以点评',
    );
  });

  it('refuses a form that does not make sense and writes nothing', async () => {
    const form = await say(h, leader.open_id, '点评 党员4');
    const p2 = await press(h, form, leader.open_id, { button: '下一页', form: { g0: '好' } });
    expect(p2.toast?.content).toBe('草稿已保存');
    const early = await press(h, form, leader.open_id, { button: '提交点评', form: { i0: '补课' } });
    expect(early.toast?.content).toBe('整改事项1：请选择完成期限');
    const missing = await press(h, form, leader.open_id, {
      button: '提交点评',
      form: { i0: '补课', d0: '2026-05-01' },
    });
    expect(missing.toast?.content).toBe('请先评价：能、勤、绩、廉（第1页）');
    const reg = await say(h, leader.open_id, '点评登记');
    expect(cardText(reg)).toContain('共 0 条');
  });
});
