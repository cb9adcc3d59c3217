/**
 * 一年一总评: the January prompt for the year just ended, an annual comment on the branch with a thing to put
 * right, publication and acknowledgement, the chase while the window is open, the register and the year
 * end's read — through the emulator with a fake clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentsModule, commentsReceived } from '../../../src/regime/comments/index.js';
import type { RecordedMessage } from '../../../src/sandbox/emulator/index.js';
import { cardText, lastCard, press, say, shanghai, tickAt } from '../../support/chat.js';
import { FakeClock } from '../../support/fake-clock.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { GROUP, setUp, who } from './fixtures.js';

let h: Harness;
const text = (m: RecordedMessage) => cardText(h.emulator.cardOf(m.message_id));
const cardsTo = (p: { open_id: string }, has: string) =>
  h.emulator.botMessages({ chat_id: h.emulator.p2pChatOf(p.open_id) }).filter((m) => text(m).includes(has));

beforeAll(async () => {
  h = await startHarness({
    modules: [commentsModule({})],
    assembled: true,
    clock: new FakeClock(shanghai('2027-01-04 12:00')),
  });
  await setUp(h);
});
afterAll(() => h.close());

describe('the annual overall review (一年一总评)', () => {
  let prompt: RecordedMessage;
  let form: RecordedMessage;

  it('in January every commenter gets one card for the year just ended, apart from the quarter’s', async () => {
    await tickAt(h, '2027-01-05 09:00');
    prompt = lastCard(h, { to: who.leader1.open_id, has: '2026年度总评' });
    expect(text(prompt)).toContain('已完成 0/7');
    expect(text(prompt)).toContain('截止 01-31');
    expect(cardsTo(who.leader1, '2026年度总评')).toHaveLength(1);
    expect(text(lastCard(h, { to: who.secretary.open_id, has: '2026年度总评' }))).toContain('已完成 0/5');
    expect(text(lastCard(h, { to: who.reviewer.open_id, has: '2026年度总评' }))).toContain('已完成 0/1');
    expect(text(lastCard(h, { to: who.leader2.open_id, has: '2026年度总评' }))).toContain('已完成 0/2');
    expect(cardsTo(who.leader1, '2026年第四季度点评')).toHaveLength(1);
  });

  it('a leader makes the annual comment on the branch with a thing to put right', async () => {
    const opened = await press(h, prompt, who.leader1.open_id, { button: '点评', near: '（支部）' });
    expect(opened.toast?.content).toBe('已发送对第一党支部的点评表');
    form = lastCard(h, { to: who.leader1.open_id, has: '点评：第一党支部' });
    expect(text(form)).toContain('2026年度总评');
    await press(h, form, who.leader1.open_id, {
      button: '下一页',
      form: { g0: '好', g1: '较好', g2: '好', g3: '好', g4: '一般', t4: '群众反映的停车难还没解决' },
    });
    const done = await press(h, form, who.leader1.open_id, {
      button: '提交点评',
      form: { s0: '全年引领有力', i0: '解决机关停车难', d0: '2027-03-31' },
    });
    expect(done.toast?.content).toBe('点评已提交');
    expect(text(prompt)).toContain('已完成 1/7');
  });

  it('公开 posts it to the branch group; the secretary acknowledges for the branch', async () => {
    const published = await press(h, form, who.leader1.open_id, { button: '公开' });
    expect(published.toast?.content).toBe('已公开到支部群，并通知被点评人');
    const posted = text(lastCard(h, { chat: GROUP }));
    expect(posted).toContain('点评公开：第一党支部');
    expect(posted).toContain('2026年度总评');
    expect(posted).toContain('解决机关停车难');
    const mine = lastCard(h, { to: who.secretary.open_id, has: '确认收到' });
    const ack = await press(h, mine, who.secretary.open_id, { button: '确认收到' });
    expect(ack.toast?.content).toBe('已确认收到');
  });

  it('the weekly follow-up chases the annual review while its window is open, and stops after', async () => {
    await tickAt(h, '2027-01-11 09:00');
    const chase = lastCard(h, { to: who.leader1.open_id, has: '⏰' });
    expect(text(chase)).toContain('2026年度总评');
    expect(text(chase)).toContain('还有 6 个待点评');
    const behind = text(lastCard(h, { to: who.secretary.open_id, has: '2026年度总评进度' }));
    expect(behind).toContain(`${who.leader1.name}：1/7 ⏳`);
    expect(behind).toContain('截止 01-31');
    const chased = cardsTo(who.leader1, '⏰').length;
    await tickAt(h, '2027-02-01 09:00');
    expect(cardsTo(who.leader1, '⏰')).toHaveLength(chased);
  });

  it('the register of 2026 lists the annual comment; the year end reads it', async () => {
    const reg = cardText(await say(h, who.secretary.open_id, '点评登记 2026'));
    expect(reg).toContain('共 1 条');
    expect(reg).toContain(`**第一党支部** ← ${who.leader1.name}`);
    expect(reg).toContain('2026 年度总评');
    expect(reg).toContain('已公开（支部群） · 已确认');
    expect(reg).toContain('履行职能好 班子建设较好');
    expect(reg).toContain('解决机关停车难（03-31 整改中）');
    const received = await commentsReceived(h.conn, { branchId: 'zx-1', targetId: 'zx-1', year: 2026 });
    expect(received.map((c) => [c.kind, c.period, c.commenterName])).toEqual([
      ['annual', '2026', who.leader1.name],
    ]);
  });
});
