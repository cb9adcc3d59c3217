/**
 * 点评 from another module's card: 台账 shows a 点评 button beside each person (and the branch) the viewer
 * comments on, and only to them, and so does the secretary's 评定 sheet beside each member; it opens the
 * form for the comment still due in an open window, else an ad-hoc one. The pledges and ratings modules
 * know nothing of comments but the CommentEntry port.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentEntry, commentsModule } from '../../../src/regime/comments/index.js';
import { pledgeLedger, pledgesModuleWith } from '../../../src/regime/pledges/index.js';
import { ratingsModule } from '../../../src/regime/ratings/index.js';
import type { RecordedMessage } from '../../../src/sandbox/emulator/index.js';
import { cardText, lastCard, press, say, shanghai, tickAt } from '../../support/chat.js';
import { FakeClock } from '../../support/fake-clock.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { GROUP, setUp, who } from './fixtures.js';

let h: Harness;
const text = (m: RecordedMessage) => cardText(h.emulator.cardOf(m.message_id));
const buttons = (m: RecordedMessage) => h.emulator.buttonsOf(m.message_id).filter((b) => b === '点评');

beforeAll(async () => {
  h = await startHarness({
    modules: [
      pledgesModuleWith({ comments: commentEntry }),
      commentsModule({ ledger: pledgeLedger }),
      ratingsModule({ ledger: pledgeLedger, comments: commentEntry }),
    ],
    assembled: true,
    clock: new FakeClock(shanghai('2026-03-31 12:00')),
  });
  await setUp(h);
});
afterAll(() => h.close());

describe('点评 on the ledger card (台账)', () => {
  let ledger: RecordedMessage;

  it('the secretary sees 点评 beside each member but not beside themself or the branch', async () => {
    ledger = await say(h, who.secretary.open_id, '台账');
    expect(text(ledger)).toContain('台账 · 第一党支部');
    expect(buttons(ledger)).toHaveLength(5);
  });

  it('the reviewer sees it beside the branch only; a member sees none', async () => {
    const reviewer = await say(h, who.reviewer.open_id, '台账 第一党支部');
    expect(buttons(reviewer)).toHaveLength(1);
    const opened = await press(h, reviewer, who.reviewer.open_id, { button: '点评', near: '支部承诺书' });
    expect(opened.toast?.content).toBe('已发送对第一党支部的点评表');
    expect(buttons(await say(h, who.m1.open_id, '台账'))).toHaveLength(0);
  });

  it('outside a window it opens an ad-hoc comment, sent privately', async () => {
    const opened = await press(h, ledger, who.secretary.open_id, { button: '点评', near: who.m2.name });
    expect(opened.toast?.content).toBe(`已发送对${who.m2.name}的点评表`);
    const form = lastCard(h, { to: who.secretary.open_id, has: `点评：${who.m2.name}` });
    expect(text(form)).toContain('随时点评');
  });

  it('someone else pressing it is refused, and writes nothing', async () => {
    const member = await press(h, ledger, who.m3.open_id, { button: '点评', near: who.m4.name });
    expect(member.toast?.content).toBe('只有上级党组织或支部书记或联系领导可以点评');
    const notMine = await press(h, ledger, who.leader2.open_id, { button: '点评', near: who.m4.name });
    expect(notMine.toast?.content).toBe('这不是您的点评对象');
    expect(h.emulator.botMessages({ chat_id: h.emulator.p2pChatOf(who.leader2.open_id) })).toHaveLength(0);
  });

  it('while the quarter’s window is open it opens that comment, and the prompt counts it', async () => {
    await tickAt(h, '2026-04-01 09:00');
    const prompt = lastCard(h, { to: who.secretary.open_id, has: '2026年第一季度点评' });
    const fresh = await say(h, who.secretary.open_id, '台账');
    await press(h, fresh, who.secretary.open_id, { button: '点评', near: who.m3.name });
    const form = lastCard(h, { to: who.secretary.open_id, has: `点评：${who.m3.name}` });
    expect(text(form)).toContain('2026年第一季度点评');
    await press(h, form, who.secretary.open_id, {
      button: '下一页',
      form: { g0: '好', g1: '好', g2: '好', g3: '好', g4: '好' },
    });
    const done = await press(h, form, who.secretary.open_id, { button: '提交点评' });
    expect(done.toast?.content).toBe('点评已提交');
    expect(text(prompt)).toContain('已完成 1/5');
    const typed = await say(h, who.secretary.open_id, `点评 ${who.m4.name}`);
    expect(text(typed)).toContain('2026年第一季度点评');
  });
});

describe('点评 on the secretary’s rating sheet (评定)', () => {
  let sheet: RecordedMessage;

  it('the secretary sees 点评 beside each member but not beside themself', async () => {
    sheet = await say(h, who.secretary.open_id, '评定');
    expect(text(sheet)).toContain('党员评定');
    expect(buttons(sheet)).toHaveLength(5);
    expect(h.emulator.buttonsOf(sheet.message_id)).toContain('保存本页');
  });

  it('pressing it sends that member’s comment form to the secretary alone', async () => {
    const before = h.emulator.botMessages({ chat_id: GROUP }).length;
    const opened = await press(h, sheet, who.secretary.open_id, { button: '点评', near: who.m5.name });
    expect(opened.toast?.content).toBe(`已发送对${who.m5.name}的点评表`);
    const form = lastCard(h, { to: who.secretary.open_id, has: `点评：${who.m5.name}` });
    expect(text(form)).toContain('2026年第一季度点评');
    expect(h.emulator.botMessages({ chat_id: GROUP })).toHaveLength(before);
  });

  it('a member gets no sheet and so no 点评', async () => {
    const refused = await say(h, who.m1.open_id, '评定');
    expect(buttons(refused)).toHaveLength(0);
    expect(text(refused)).toContain('只有支部书记可以评定党员');
  });
});
