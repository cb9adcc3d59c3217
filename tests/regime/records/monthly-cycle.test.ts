/**
 * The monthly cycle as a branch of five lives it, through the emulator with a fake clock: one member
 * answers on the first day, one after a chase, one edits, one answers after the close (refused, then
 * reopened by the secretary), one never answers; the secretary rates part, then the rest, publishes; one
 * objection is answered. Each card reaches the right chat exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../../src/org/index.js';
import { ratingsModule } from '../../../src/regime/ratings/index.js';
import { recordsAccess, recordsModule } from '../../../src/regime/records/index.js';
import type { Connection } from 'mongoose';
import type { LarkEmulator, RecordedMessage } from '../../../src/sandbox/emulator/index.js';
import { cardText, press, say, settle, shanghai, tickAt } from '../../support/chat.js';
import { FakeClock } from '../../support/fake-clock.js';
import { openTestDatabase } from '../../support/database.js';
import { startEmulator, startHarness, type Harness } from '../../support/harness.js';
import { GROUP, OFFICE, members, secretary, setUpBranch } from './fixture.js';
import { addLine, findLine, testLedger } from './test-ledger.js';

const { chen, li, liu, zhang, zhao } = members;
let h: Harness;
let mark = 0;
// Kept apart from the harness so that a restarted bot finds the same database and the same Lark.
const clock = new FakeClock(shanghai('2026-11-24 08:00'));
let conn: Connection;
let emulator: LarkEmulator;
const startBot = () =>
  startHarness({
    assembled: true,
    conn,
    emulator,
    clock,
    modules: [recordsModule({ ledger: testLedger }), ratingsModule({ ledger: testLedger })],
  });

beforeAll(async () => {
  conn = await openTestDatabase();
  emulator = await startEmulator({ clock });
  h = await startBot();
  await setUpBranch(h);
  await addLine(h.conn, { id: 'L-li-1', branchId: 'zx-1', ownerId: li.open_id, text: '走访联系群众十户' });
  // The first evaluation makes up October's runs (this month's window); what follows counts from here.
  await tickAt(h, '2026-11-24 09:00');
  mark = h.emulator.messages.length;
});
afterAll(async () => {
  await h.close();
  await emulator.close();
  await conn.dropDatabase();
  await conn.close();
});

/** The bot's messages since the mark, in one chat (a person's private chat or a group). */
function sent(o: { to?: string; chat?: string }): RecordedMessage[] {
  const chat = o.chat ?? h.emulator.p2pChatOf(o.to!);
  return h.emulator.messages.slice(mark).filter((m) => m.sender === 'bot' && m.chat_id === chat);
}
/** The card as it stands now (answers replace it in place). */
const text = (m: RecordedMessage) => cardText(h.emulator.cardOf(m.message_id));
/** The card as the bot sent it. */
const sentText = (m: RecordedMessage) => cardText(m.content);
const only = (o: { to?: string; chat?: string }, has: string) => {
  const found = sent(o).filter((m) => sentText(m).includes(has));
  expect(found, `${o.to ?? o.chat} got 「${has}」`).toHaveLength(1);
  return found[0]!;
};

describe('November: the records', () => {
  it('on the 25th every member gets the form privately, once; the secretary, not a member, none', async () => {
    await tickAt(h, '2026-11-25 09:00');
    for (const m of Object.values(members)) only({ to: m.open_id }, '2026年11月记实');
    expect(sent({ to: secretary.open_id })).toHaveLength(0);
    expect(sent({ chat: GROUP })).toHaveLength(0);
    // Only the member with an open pledge line is offered it.
    expect(text(only({ to: li.open_id }, '11月记实'))).toContain('走访联系群众十户');
    expect(text(only({ to: zhang.open_id }, '11月记实'))).not.toContain('勾选即销号');
  });

  it('answering inside the card turns it into 「已提交」 in place and ticks the pledge off', async () => {
    const card = only({ to: li.open_id }, '2026年11月记实');
    const answer = await press(h, card, li.open_id, {
      button: '提交',
      form: { text: '走访了十户群众，整理了三条意见', lines: ['走访联系群众十户'] },
    });
    expect(answer.toast).toMatchObject({ type: 'success', content: '已提交，谢谢！' });
    expect(text(card)).toContain('已提交');
    expect(h.emulator.buttonsOf(card.message_id)).toEqual(['修改']);
    expect((await findLine(h.conn, 'L-li-1'))?.status).toBe('fulfilled');
  });

  it('an empty answer gets a clear toast and writes nothing', async () => {
    const card = only({ to: liu.open_id }, '2026年11月记实');
    const answer = await press(h, card, liu.open_id, { button: '提交', form: { text: '好' } });
    expect(answer.toast?.content).toContain('请填写本月做了什么');
    expect(await h.conn.db!.collection('records').countDocuments({ openId: liu.open_id })).toBe(0);
  });

  it('修改 brings the form back with the answer; the edit is kept and audited', async () => {
    const card = only({ to: liu.open_id }, '2026年11月记实');
    await press(h, card, liu.open_id, { button: '提交', form: { text: '完成了提案办理汇总' } });
    await press(h, card, liu.open_id, { button: '修改' });
    expect(text(card)).toContain('完成了提案办理汇总');
    const answer = await press(h, card, liu.open_id, {
      button: '提交',
      form: { text: '完成了提案办理汇总，并走访两个委员' },
    });
    expect(answer.toast?.content).toBe('已修改');
    expect(text(card)).toContain('并走访两个委员');
    const audit = await listAudit(h.conn, { targetId: `zx-1:2026-11:${liu.open_id}` });
    expect(audit.map((a) => a.action)).toEqual(['record.submit', 'record.edit']);
  });

  it('the chase (28th is a Saturday: Monday the 30th) reaches only those who have not answered', async () => {
    await tickAt(h, '2026-11-28 09:00');
    expect(sent({ to: zhang.open_id }).filter((m) => sentText(m).includes('提醒'))).toHaveLength(0);
    await tickAt(h, '2026-11-30 09:00');
    for (const m of [chen, zhang, zhao]) only({ to: m.open_id }, '提醒：2026年11月记实未提交');
    for (const m of [li, liu]) expect(sent({ to: m.open_id })).toHaveLength(1);
    expect(sent({ chat: GROUP })).toHaveLength(0);
    const chase = only({ to: zhang.open_id }, '提醒：');
    expect(
      (await press(h, chase, zhang.open_id, { button: '提交', form: { text: '参加了机关读书班' } })).toast
        ?.type,
    ).toBe('success');
  });

  it('the last chase on the 1st, then the secretary gets one private list of who has not answered', async () => {
    await tickAt(h, '2026-12-01 09:00');
    for (const m of [chen, zhao]) {
      expect(sent({ to: m.open_id }).filter((x) => sentText(x).includes('提醒：2026年11月'))).toHaveLength(2);
    }
    expect(sent({ to: zhang.open_id }).filter((x) => sentText(x).includes('提醒'))).toHaveLength(1);
    const list = only({ to: secretary.open_id }, '2人未提交');
    expect(text(list)).toContain('陈静、赵敏');
    expect(sent({ chat: GROUP })).toHaveLength(0);
  });

  it('after the close a late answer is refused; 补录 by the secretary reopens it, audited', async () => {
    await tickAt(h, '2026-12-03 09:00'); // rating.remind: the secretary's card
    only({ to: secretary.open_id }, '2026年11月党员评定');
    await tickAt(h, '2026-12-03 23:59'); // record.close
    h.clock.set(shanghai('2026-12-04 08:40'));
    const chase = sent({ to: chen.open_id }).at(-1)!;
    const late = await press(h, chase, chen.open_id, { button: '提交', form: { text: '整理了档案材料' } });
    expect(late.toast?.content).toContain('2026年11月记实已截止');
    expect(await h.conn.db!.collection('records').countDocuments({ openId: chen.open_id })).toBe(0);

    expect(cardText(await say(h, chen.open_id, '补录 陈静'))).toContain('只有支部书记可以为党员补录记实');
    expect(cardText(await say(h, secretary.open_id, '补录 陈静'))).toContain('已为 **陈静** 重新打开');
    const reopened = only({ to: chen.open_id }, '已为您重新打开');
    expect(
      (await press(h, reopened, chen.open_id, { button: '提交', form: { text: '整理了档案材料' } })).toast
        ?.type,
    ).toBe('success');
    expect((await listAudit(h.conn, { action: 'record.reopen' })).map((a) => a.actor)).toEqual([
      secretary.open_id,
    ]);
  });
});

describe('November: the rating and its disclosure', () => {
  it('the secretary rates part, is stopped from publishing, rates the rest and publishes', async () => {
    const sheet = only({ to: secretary.open_id }, '2026年11月党员评定');
    const part = await press(h, sheet, secretary.open_id, {
      button: '保存本页',
      form: { g0: '良好', g1: '优秀' },
    });
    expect(part.toast?.content).toBe('已保存 2 人，还有 3 人未评定');
    expect(text(sheet)).toContain('已评 **2/5**');
    const early = await press(h, sheet, secretary.open_id, { button: '确认公示' });
    h.clock.advance(60_000); // a later press, not a double click
    expect(early.toast?.content).toContain('还有 3 人未评定：刘洋、张伟、赵敏');
    expect(sent({ chat: GROUP })).toHaveLength(0);
    const rest = await press(h, sheet, secretary.open_id, {
      button: '保存本页',
      form: { g2: '良好', g3: '优秀', g4: '一般', n4: '本月未记实' },
    });
    expect(rest.toast?.content).toContain('全部已评定');
    const stale = await say(h, secretary.open_id, '评定');
    h.clock.advance(60_000);
    const published = await press(h, sheet, secretary.open_id, { button: '确认公示' });
    expect(published.toast?.content).toContain('已公示，已发到支部群和公开频道');
    expect(text(sheet)).toContain('已公示');

    const group = only({ chat: GROUP }, '党员每月公开记实');
    expect(text(group)).toContain('本月未提交记实');
    expect(text(group)).toContain('走访了十户群众');
    const digest = only({ chat: OFFICE }, '2026年11月公开');
    expect(text(digest)).toContain('**4/5** 人已提交；未提交：赵敏');
    expect(text(digest)).toContain('本月销号承诺 **1** 项');
    expect(text(digest)).toContain('优秀 **2** · 良好 **2** · 一般 **1**');

    // A second confirmation later (a stale card) posts nothing again.
    h.clock.advance(60_000);
    expect((await press(h, stale, secretary.open_id, { button: '确认公示' })).toast?.content).toBe(
      '本月评定此前已公示',
    );
    expect(sent({ chat: GROUP })).toHaveLength(1);
    expect(sent({ chat: OFFICE })).toHaveLength(1);
  });

  it('a member objects from the group card; the secretary changes the grade, shown on the group card', async () => {
    const group = only({ chat: GROUP }, '党员每月公开记实');
    const notMember = await press(h, group, secretary.open_id, { button: '我有异议' });
    expect(notMember.toast?.content).toBe('只有该支部党员可以对本人评定提出异议');
    const open = await press(h, group, zhang.open_id, { button: '我有异议' });
    expect(open.toast?.content).toContain('已私信您异议表单');
    const form = only({ to: zhang.open_id }, '对2026年11月评定提出异议');
    h.clock.advance(60_000);
    const objected = await press(h, form, zhang.open_id, {
      button: '提交异议',
      form: { reason: '本月还完成了两项督办任务' },
    });
    expect(objected.toast?.content).toBe('异议已提交');
    const ask = only({ to: secretary.open_id }, '评定异议 · 张伟');
    const answered = await press(h, ask, secretary.open_id, {
      button: '答复',
      form: { decision: '改为良好', reason: '督办任务属常规工作' },
    });
    expect(answered.toast?.content).toBe('已答复张伟');
    expect(text(only({ to: zhang.open_id }, '评定异议已答复'))).toContain('改为良好');
    // The group sees the corrected grade on the card it already has, not in a second post.
    await settle(h);
    expect(sent({ chat: GROUP })).toHaveLength(1);
    expect(text(group)).toContain('**张伟** · 良好（经异议改定）');
    expect(sentText(group)).toContain('**张伟** · 优秀');
    // The office channel's digest shows the new counts, also in place.
    const digest = only({ chat: OFFICE }, '2026年11月公开');
    expect(sent({ chat: OFFICE })).toHaveLength(1);
    expect(text(digest)).toContain(
      '优秀 **1** · 良好 **3** · 一般 **1** · 较差 **0**（其中 1 人经异议改定）',
    );
    expect(sentText(digest)).toContain('优秀 **2** · 良好 **2** · 一般 **1**');
    const again = await h.emulator
      .press({ message_id: ask.message_id, operator_open_id: secretary.open_id, button: '答复' })
      .catch(() => undefined);
    expect(again).toBeUndefined(); // the answered card has no 答复 button left
    const rating = await h.conn
      .db!.collection<{ _id: string }>('ratings')
      .findOne({ _id: `zx-1:2026-11:${zhang.open_id}` });
    expect(rating).toMatchObject({
      grade: '良好',
      objections: [{ answer: { decision: 'change', grade: '良好' } }],
    });
  });

  it('the 6th sends nothing once published; after 公示 the rating is final', async () => {
    const before = h.emulator.messages.length;
    await tickAt(h, '2026-12-07 09:00');
    expect(h.emulator.messages.slice(before).filter((m) => m.sender === 'bot')).toHaveLength(0);
    h.clock.set(shanghai('2026-12-15 10:00'));
    const facts = await recordsAccess.recentMonths(h.conn, {
      branchId: 'zx-1',
      openId: zhang.open_id,
      months: 2,
      now: h.clock.now(),
    });
    expect(facts).toEqual([
      { month: '2026-12' },
      { month: '2026-11', recordText: '参加了机关读书班', rating: '良好', ratingFinal: true },
    ]);
    expect(cardText(await say(h, zhang.open_id, '我的记实'))).toContain('评定 **良好**');
  });
});

describe('December: a scheduler restart mid-chase, and the overdue rating', () => {
  it('记实 opens this month’s form any time; the reminder skips who answered already', async () => {
    await press(h, await say(h, li.open_id, '记实'), li.open_id, {
      button: '提交',
      form: { text: '参加了志愿服务' },
    });
    mark = h.emulator.messages.length;
    await tickAt(h, '2026-12-25 09:00');
    expect(sent({ to: li.open_id })).toHaveLength(0);
    for (const m of [chen, liu, zhang, zhao]) only({ to: m.open_id }, '2026年12月记实');
  });

  it('a chase interrupted by a crash is finished by the next instance, each card once', async () => {
    await settle(h);
    await h.close();
    // The first instance dies while chasing: it had queued the chase to only one member.
    clock.set(shanghai('2026-12-28 09:00'));
    await conn.db!.collection('schedule_runs').insertOne({
      _id: 'record.chase:zx-1:2026-12',
      job: 'record.chase',
      branchId: 'zx-1',
      periodKey: '2026-12',
      plannedAt: clock.now(),
      deliverAt: clock.now(),
      trigger: 'schedule',
      status: 'running',
      attempts: 1,
      owner: 'dead-instance',
      leaseUntil: clock.now(),
      createdAt: clock.now(),
      startedAt: clock.now(),
    } as never);
    h = await startBot();
    await tickAt(h, '2026-12-28 09:20');
    for (const m of [chen, liu, zhang, zhao]) only({ to: m.open_id }, '提醒：2026年12月记实未提交');
    await tickAt(h, '2026-12-28 09:40');
    for (const m of [chen, liu, zhang, zhao]) only({ to: m.open_id }, '提醒：2026年12月记实未提交');
  });

  it('on the 6th an unpublished month comes back to the secretary, marked overdue', async () => {
    await tickAt(h, '2027-01-04 09:00');
    await tickAt(h, '2027-01-06 09:00');
    const overdue = sent({ to: secretary.open_id }).filter((m) => sentText(m).includes('本月评定还未公示'));
    expect(overdue).toHaveLength(1);
    expect(text(overdue[0]!)).toContain('2026年12月党员评定');
  });
});
