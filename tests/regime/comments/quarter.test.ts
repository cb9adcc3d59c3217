/**
 * One quarter of leader comments as the branch lives it, through the emulator with a fake clock: prompts,
 * partial completion, reminders, a comment with two things to put right, publication, acknowledgement, one
 * item closed and one overdue; then the half-year check; and the register says exactly what was said.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedMessage } from '../../../src/sandbox/emulator/index.js';
import { listAudit } from '../../../src/org/index.js';
import { commentsModule, commentsReceived } from '../../../src/regime/comments/index.js';
import { cardText, lastCard, press, say, shanghai, tickAt } from '../../support/chat.js';
import { FakeClock } from '../../support/fake-clock.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { GROUP, setUp, who } from './fixtures.js';

let h: Harness;
const text = (m: RecordedMessage) => cardText(h.emulator.cardOf(m.message_id));
const cardsTo = (p: { open_id: string }, has: string) =>
  h.emulator.botMessages({ chat_id: h.emulator.p2pChatOf(p.open_id) }).filter((m) => text(m).includes(has));

const GRADES = { g0: '好', g1: '较好', g2: '好', g3: '一般', g4: '好' };

/** Opens the form from the prompt card, fills page 1, goes on, fills page 2 and submits. */
async function comment(
  by: { open_id: string },
  prompt: RecordedMessage,
  target: string,
  page2: Record<string, string> = {},
) {
  const opened = await press(h, prompt, by.open_id, { button: '点评', near: target });
  expect(opened.toast?.content).toBe(`已发送对${target}的点评表`);
  const form = lastCard(h, { to: by.open_id, has: `点评：${target}` });
  const next = await press(h, form, by.open_id, {
    button: '下一页',
    form: { ...GRADES, t0: '政治立场坚定' },
  });
  expect(next.toast?.content).toBe('草稿已保存');
  const submitted = await press(h, form, by.open_id, {
    button: '提交点评',
    form: { s0: '思路清晰', ...page2 },
  });
  expect(submitted.toast?.content).toBe('点评已提交');
  return form;
}

beforeAll(async () => {
  h = await startHarness({
    modules: [commentsModule({})],
    assembled: true,
    clock: new FakeClock(shanghai('2026-03-31 12:00')),
  });
  await setUp(h);
});
afterAll(() => h.close());

describe('a quarter of leader comments', () => {
  let secPrompt: RecordedMessage;
  let form: RecordedMessage;

  it('after the quarter, every commenter gets one card of whom to comment on; leaders their monthly reminder', async () => {
    await tickAt(h, '2026-04-01 09:00');
    secPrompt = lastCard(h, { to: who.secretary.open_id, has: '2026年第一季度点评' });
    expect(text(secPrompt)).toContain('已完成 0/5');
    expect(text(secPrompt)).not.toContain(`**${who.secretary.name}**`);
    expect(text(lastCard(h, { to: who.reviewer.open_id, has: '2026年第一季度点评' }))).toContain(
      '已完成 0/1',
    );
    expect(text(lastCard(h, { to: who.leader1.open_id, has: '2026年第一季度点评' }))).toContain('已完成 0/7');
    expect(text(lastCard(h, { to: who.leader2.open_id, has: '2026年第一季度点评' }))).toContain('已完成 0/2');
    expect(cardsTo(who.leader1, '2026年第一季度点评')).toHaveLength(1);
    expect(text(lastCard(h, { to: who.leader2.open_id, has: '4月点评提醒' }))).toContain('待点评 2');
    expect(cardsTo(who.m1, '点评')).toHaveLength(0);
  });

  it('a member cannot use a commenter’s button', async () => {
    const answer = await press(h, secPrompt, who.m3.open_id, { button: '点评', near: who.m1.name });
    expect(answer.toast?.content).toBe('只有上级党组织或支部书记或联系领导可以点评');
  });

  it('the secretary comments with two things to put right; the prompt card updates in place', async () => {
    form = await comment(who.secretary, secPrompt, who.m1.name, {
      i0: '补齐学习笔记',
      d0: '2026-04-30',
      i1: '按时交纳党费',
      d1: '2026-04-22',
    });
    expect(text(form)).toContain('整改事项');
    expect(h.emulator.buttonsOf(form.message_id)).toEqual(['公开']);
    expect(text(secPrompt)).toContain('已完成 1/5');
  });

  it('a double submit has one effect', async () => {
    const again = await h.emulator.clickButton({
      message_id: form.message_id,
      operator_open_id: who.secretary.open_id,
      value: {
        action: 'comment.submit',
        id: `quarterly:2026-Q1:${who.secretary.open_id}:member:${who.m1.open_id}`,
      },
      form_value: { s0: '另一段话' },
    });
    expect((again.body as { toast: { content: string } }).toast.content).toBe('这条点评已提交');
    const submits = await listAudit(h.conn, { action: 'comment.submit' });
    expect(submits).toHaveLength(1);
  });

  it('公开 posts it to the branch group and asks the member to acknowledge; others cannot acknowledge', async () => {
    const refused = await press(h, form, who.m2.open_id, { button: '公开' });
    expect(refused.toast?.content).toBe('只有点评人或该支部书记可以公开点评');
    const published = await press(h, form, who.secretary.open_id, { button: '公开' });
    expect(published.toast?.content).toBe('已公开到支部群，并通知被点评人');
    expect(text(lastCard(h, { chat: GROUP }))).toContain(`点评公开：${who.m1.name}`);
    const mine = lastCard(h, { to: who.m1.open_id, has: '确认收到' });
    const wrong = await press(h, mine, who.m2.open_id, { button: '确认收到' });
    expect(wrong.toast?.content).toBe('只有被点评的党员可以确认收到');
    const ack = await press(h, mine, who.m1.open_id, { button: '确认收到' });
    expect(ack.toast?.content).toBe('已确认收到');
    expect(text(mine)).toContain('已确认收到');
  });

  it('the member reports progress; the secretary closes the item', async () => {
    const mine = lastCard(h, { to: who.m1.open_id, has: '确认收到' });
    const asked = await press(h, mine, who.m1.open_id, { button: '报告进展', near: '补齐学习笔记' });
    expect(asked.toast?.content).toBe('请直接回复整改事项1的进展');
    const reply = await say(h, who.m1.open_id, '学习笔记已补齐');
    expect(cardText(reply)).toContain('进展已报告');
    const told = lastCard(h, { to: who.secretary.open_id, has: '学习笔记已补齐' });
    const wrong = await press(h, told, who.m1.open_id, { button: '办结', near: '补齐学习笔记' });
    expect(wrong.toast?.content).toBe('只有点评人可以办结整改事项');
    const closed = await press(h, told, who.secretary.open_id, { button: '办结', near: '补齐学习笔记' });
    expect(closed.toast?.content).toBe('整改事项1已办结');
  });

  it('partial completion: leader 2 finishes, leader 1 only saves a draft', async () => {
    const p2 = lastCard(h, { to: who.leader2.open_id, has: '2026年第一季度点评' });
    await comment(who.leader2, p2, who.m1.name);
    await comment(who.leader2, p2, who.m2.name);
    expect(text(p2)).toContain('已完成 2/2');
    const p1 = lastCard(h, { to: who.leader1.open_id, has: '2026年第一季度点评' });
    await press(h, p1, who.leader1.open_id, { button: '点评', near: '（支部）' });
    const draft = lastCard(h, { to: who.leader1.open_id, has: '点评：第一党支部' });
    expect(text(draft)).toContain('群众热点难点问题解决');
    const saved = await press(h, draft, who.leader1.open_id, { button: '保存草稿', form: { g0: '好' } });
    expect(saved.toast?.content).toBe('草稿已保存');
    expect(text(p1)).toContain('已完成 0/7');
    expect(text(p1)).toContain('📝 草稿');
  });

  it('the weekly follow-up chases who is behind, and tells the secretary and the reviewer', async () => {
    await tickAt(h, '2026-04-07 09:00');
    expect(cardsTo(who.leader1, '⏰')).toHaveLength(1);
    expect(text(lastCard(h, { to: who.leader1.open_id, has: '⏰' }))).toContain('📝 草稿');
    expect(cardsTo(who.leader2, '还有')).toHaveLength(0);
    const behind = lastCard(h, { to: who.secretary.open_id, has: '点评进度' });
    expect(text(behind)).toContain('3 人未完成');
    expect(text(behind)).toContain(`${who.leader2.name}：2/2`);
    expect(text(lastCard(h, { to: who.reviewer.open_id, has: '点评进度' }))).toContain(
      `${who.secretary.name}：1/5`,
    );
  });

  it('an item due soon is reminded, then once overdue both sides hear of it', async () => {
    await tickAt(h, '2026-04-20 09:00');
    expect(text(lastCard(h, { to: who.m1.open_id, has: '即将到期' }))).toContain('按时交纳党费');
    await tickAt(h, '2026-04-27 09:00');
    expect(text(lastCard(h, { to: who.m1.open_id, has: '已逾期' }))).toContain('按时交纳党费');
    expect(text(lastCard(h, { to: who.secretary.open_id, has: '整改事项已逾期' }))).toContain(who.m1.name);
    const items = await say(h, who.m1.open_id, '整改');
    expect(cardText(items)).toContain('已逾期 1');
    expect(cardText(items)).toContain('已办结');
  });

  it('the register lists exactly what was said, filterable by period and commenter', async () => {
    const all = cardText(await say(h, who.secretary.open_id, '点评登记 2026-Q1'));
    expect(all).toContain('共 3 条');
    expect(all).toContain(`**${who.m1.name}** ← ${who.secretary.name}`);
    expect(all).toContain('德好 能较好 勤好 绩一般 廉好');
    expect(all).toContain('补齐学习笔记（04-30 已办结）');
    expect(all).toContain('按时交纳党费（04-22 已逾期）');
    expect(all).not.toContain('第一党支部** ←');
    const byLeader = cardText(await say(h, who.secretary.open_id, `点评登记 2026-Q1 ${who.leader2.name}`));
    expect(byLeader).toContain('共 2 条');
    const refused = cardText(await say(h, who.m1.open_id, '点评登记'));
    expect(refused).toContain('只有支部书记或上级党组织或联系领导或管理员可以查看点评登记');
    const received = await commentsReceived(h.conn, {
      branchId: 'zx-1',
      targetId: who.m1.open_id,
      year: 2026,
    });
    const summary = received.map((c) => [c.commenterName, c.items.map((i) => i.state)]);
    expect(summary.sort()).toEqual([
      [who.leader2.name, []],
      [who.secretary.name, ['done', 'open']],
    ]);
  });

  it('the half-year check runs the same flow on its own date', async () => {
    await tickAt(h, '2026-06-01 09:00');
    const prompt = lastCard(h, { to: who.secretary.open_id, has: '2026年上半年检查' });
    expect(text(prompt)).toContain('已完成 0/5');
    expect(text(lastCard(h, { to: who.leader1.open_id, has: '6月点评提醒' }))).toContain('待点评 7');
    await comment(who.secretary, prompt, who.m3.name);
    expect(text(prompt)).toContain('已完成 1/5');
    const reg = cardText(await say(h, who.secretary.open_id, '点评登记 2026-H1'));
    expect(reg).toContain('共 1 条');
    expect(reg).toContain(`**${who.m3.name}** ← ${who.secretary.name}`);
  });
});
