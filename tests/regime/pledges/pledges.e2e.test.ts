/**
 * 一诺 end to end, through the emulator over HTTP on a fake clock: a branch of five members, a secretary and
 * a reviewer goes from the January invitation to a published book and cards — with suggestions, a quality
 * warning, a return and resubmission, a revision after publication — then ticks items off over two quarters
 * and gets each quarterly briefing exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedMessage } from '../../../src/sandbox/emulator/index.js';
import { listAudit } from '../../../src/org/index.js';
import { pledgeLedger, pledgesModule } from '../../../src/regime/pledges/index.js';
import { cardText, lastCard, press, say, settle, shanghai, tickAt } from '../../support/chat.js';
import { FakeClock } from '../../support/fake-clock.js';
import { startHarness, type Harness } from '../../support/harness.js';
import {
  addPeople,
  evaluators,
  group,
  importBranch,
  members,
  names,
  office,
  reviewer,
  sec,
} from './fixtures.js';

let h: Harness;
/** Cards that change in place as people press them, kept by message. */
let book: RecordedMessage;
const invites = new Map<string, RecordedMessage>();
const [m1, m2, m3, m4, m5] = members;
const pledges = () =>
  h.conn.db!.collection<{ _id: string; status: string; rounds: unknown[]; published: unknown[] }>('pledges');
const inChat = (chat: string, has: string) =>
  h.emulator
    .botMessages({ chat_id: chat })
    .filter((m) => cardText(h.emulator.cardOf(m.message_id)).includes(has));
const privately = (to: string, has: string) => inChat(h.emulator.p2pChatOf(to), has);

beforeAll(async () => {
  const clock = new FakeClock(shanghai('2026-01-05 08:00'));
  h = await startHarness({ clock, assembled: true, modules: [pledgesModule] });
  addPeople(h);
  await importBranch(h.conn, clock.now());
});
afterAll(() => h.close());

/** Writes items page by page in the draft card, as a person does: fill, 下一条, …, 保存. */
async function writeItems(card: RecordedMessage, who: string, items: ReadonlyArray<Record<string, string>>) {
  for (const [i, form] of items.entries())
    await press(h, card, who, { button: i === items.length - 1 ? '保存' : '下一条', form });
}

const item = (theme: string, text: string, result: string, due = '2026-10-31') => ({
  theme,
  text,
  result,
  due,
});

describe('一诺 from invitation to 践诺', () => {
  it('pledge.open invites the secretary, every member, and both groups for suggestions', async () => {
    await tickAt(h, '2026-01-05 09:30');
    expect(privately(sec, '起草2026年支部承诺书')).toHaveLength(1);
    book = privately(sec, '起草2026年支部承诺书')[0]!;
    for (const m of members) expect(privately(m, '填写2026年承诺卡')).toHaveLength(1);
    for (const m of members) invites.set(m, privately(m, '填写2026年承诺卡')[0]!);
    expect(inChat(group, '征求意见')).toHaveLength(1);
    expect(inChat(evaluators, '征求意见')).toHaveLength(1);
  });

  it('suggestions come by 建议 and by the invitation card; the secretary takes one and its author is told', async () => {
    expect(cardText(await say(h, m5, '建议 多走访联系的帮扶村，为群众办实事', group))).toContain(
      '已转给支部书记',
    );
    const invite = inChat(evaluators, '征求意见')[0]!;
    const answer = await press(h, invite, m4, {
      button: '提建议',
      form: { theme: '工作机制好', text: '建立委员联系群众台账制度' },
    });
    expect(answer.toast?.content).toContain('已收到');

    await press(h, book, sec, { button: '起草承诺书' });
    await press(h, book, sec, { button: '查看建议（2）' });
    const shown = cardText(h.emulator.cardOf(book.message_id));
    expect(shown).toContain('群众反映好');
    expect(shown).toContain('工作机制好');
    await press(h, book, sec, { button: '采纳', near: '帮扶村' });
    expect(cardText(h.emulator.cardOf(book.message_id))).toContain('已采纳建议，加为第1条');
    expect(privately(m5, '你的建议被采纳了')).toHaveLength(1);
  });

  it('the secretary writes the book, the reviewer returns it with a reason, the resubmission is approved and published', async () => {
    await writeItems(book, sec, [
      item('群众反映好', '多走访联系的帮扶村，为群众办实事', '走访12次，办实事10件', '2026-11-30'),
      item('领导班子好', '班子成员带头讲党课', '每人讲党课1次'),
    ]);
    await press(h, book, sec, { button: '提交审核' });
    expect(cardText(h.emulator.cardOf(book.message_id))).toContain('已提交审核');
    const review = lastCard(h, { to: reviewer, has: '审核 · 第一党支部 2026年承诺书' });

    const wrong = await press(h, review, m1, { button: '通过' });
    expect(wrong.toast?.content).toBe('只有上级党组织可以审核支部承诺书');
    const noReason = await press(h, review, reviewer, { button: '退回' });
    expect(noReason.toast?.content).toContain('退回需要填写理由');
    await press(h, review, reviewer, { button: '退回', form: { reason: '请补充目标责任书的内容' } });
    expect(cardText(h.emulator.cardOf(review.message_id))).toContain('已退回');

    const back = lastCard(h, { to: sec, has: '审核退回' });
    expect(cardText(back)).toContain('请补充目标责任书的内容');
    await press(h, back, sec, { button: '修改' });
    await press(h, back, sec, { button: '下一条' });
    await press(h, back, sec, { button: '下一条' });
    await writeItems(back, sec, [
      item('目标责任书', '完成目标责任书全部任务', '考核达到优秀等次', '2026-12-20'),
    ]);
    await press(h, back, sec, { button: '提交审核' });

    const second = lastCard(h, { to: reviewer, has: '第 2 轮' });
    expect(cardText(second)).toContain('请补充目标责任书的内容'); // the first round is shown
    // A double click: the same button pressed twice at once.
    const click = () =>
      h.emulator.clickButton({
        message_id: second.message_id,
        operator_open_id: reviewer,
        value: { action: 'pledge.approve', p: '2026:zx-1:zx-1', round: 2 },
        form_value: {},
      });
    const [first] = await Promise.all([click(), click()]);
    // Lark re-delivers the very same callback.
    await h.emulator.clickButton(
      {
        message_id: second.message_id,
        operator_open_id: reviewer,
        value: { action: 'pledge.approve', p: '2026:zx-1:zx-1', round: 2 },
        form_value: {},
      },
      { eventId: first.event_id },
    );
    await settle(h);
    expect(inChat(group, '亮诺 · 第一党支部 2026年承诺书')).toHaveLength(1);
    expect(inChat(office, '亮诺 · 第一党支部 2026年承诺书')).toHaveLength(1);
    expect(privately(sec, '审核通过')).toHaveLength(1);
    expect(await listAudit(h.conn, { targetId: '2026:zx-1:zx-1', action: 'pledge.approve' })).toHaveLength(1);
    const stored = await pledges().findOne({ _id: '2026:zx-1:zx-1' });
    expect(stored).toMatchObject({ status: 'published' });
    expect(stored!.rounds).toHaveLength(2);
  });

  it('a member submits with a quality warning; the secretary sees it; wrong roles are refused', async () => {
    const invite = invites.get(m1)!;
    await press(h, invite, m1, { button: '填写承诺卡' });
    await writeItems(invite, m1, [
      item('带头学习提高', '积极参加理论学习', '认真'),
      item('带头服务群众', '办理委员提案', '按时办结提案30件', '2026-09-30'),
    ]);
    await press(h, invite, m1, { button: '提交审核' });
    const check = cardText(h.emulator.cardOf(invite.message_id));
    expect(check).toContain('第1条：结果不够具体');
    await press(h, invite, m1, { button: '仍然提交' });
    const review = lastCard(h, { to: sec, has: '李秀英 2026年承诺卡' });
    expect(cardText(review)).toContain('作者仍然提交的提示');
    expect((await press(h, review, m2, { button: '通过' })).toast?.content).toBe(
      '只有该支部书记可以审核党员承诺卡',
    );
    expect((await press(h, review, reviewer, { button: '通过' })).toast?.content).toBe(
      '只有该支部书记可以审核党员承诺卡',
    );
    await press(h, review, sec, { button: '通过' });
    expect(inChat(group, '亮诺 · 李秀英 2026年承诺卡')).toHaveLength(1);
  });

  it('members 2–3 publish in February; in March the chase reaches the rest and a review waiting too long', async () => {
    h.clock.set(shanghai('2026-02-24 10:00'));
    for (const [i, m] of [m2, m3, m4].entries()) {
      const invite = invites.get(m)!;
      await press(h, invite, m, { button: '填写承诺卡' });
      await writeItems(invite, m, [
        item('带头争创佳绩', `完成第${i + 1}项重点工作`, `按期完成并形成报告${i + 1}份`, '2026-06-30'),
      ]);
      await press(h, invite, m, { button: '提交审核' });
      if (m !== m4)
        await press(h, lastCard(h, { to: sec, has: `${names[i + 1]} 2026年承诺卡` }), sec, {
          button: '通过',
        });
    }
    await tickAt(h, '2026-03-02 09:30');
    expect(privately(m5, '请完成2026年承诺卡')).toHaveLength(1);
    expect(privately(m4, '请完成2026年承诺卡')).toHaveLength(0); // submitted: the secretary is chased instead
    const missing = privately(sec, '承诺卡未完成');
    expect(missing).toHaveLength(1);
    expect(cardText(missing[0])).toContain('杨帆');
    expect(cardText(missing[0])).toContain('陈静');
    expect(privately(sec, '已等待审核')).toHaveLength(1);
    await tickAt(h, '2026-03-02 11:00'); // the same week: nothing again
    expect(privately(sec, '承诺卡未完成')).toHaveLength(1);

    const queue = await say(h, sec, '待审');
    expect(cardText(queue)).toContain('陈静 2026年承诺卡');
    await press(h, queue, sec, { button: '审核' });
    await press(h, queue, sec, { button: '通过' });
    const invite = invites.get(m5)!;
    await press(h, invite, m5, { button: '填写承诺卡' });
    await writeItems(invite, m5, [item('带头遵纪守法', '学习党纪法规', '参加专题学习4次')]);
    await press(h, invite, m5, { button: '提交审核' });
    await press(h, lastCard(h, { to: sec, has: '杨帆 2026年承诺卡' }), sec, { button: '通过' });
    expect(cardText(await say(h, sec, '台账'))).toContain('已兑现 **0**/9');
  });

  it('a published card is read-only: a change is a new revision reviewed again, and both stay on record', async () => {
    const mine = await say(h, m1, '我的承诺');
    await press(h, mine, m1, { button: '修改承诺' });
    await press(h, mine, m1, { button: '保存', form: { result: '全年参加集中学习12次，撰写心得4篇' } });
    await press(h, mine, m1, { button: '提交审核' });
    const review = lastCard(h, { to: sec, has: '第 2 版修改稿' });
    await press(h, review, sec, { button: '通过' });
    expect(inChat(group, '亮诺 · 李秀英 2026年承诺卡')).toHaveLength(2);
    expect(cardText(inChat(group, '亮诺 · 李秀英')[1])).toContain('第 2 版');
    const stored = await pledges().findOne({ _id: `2026:zx-1:${m1}` });
    expect(stored!.published).toHaveLength(2);
  });

  it('items are ticked off over two quarters, confirmed or reopened; each briefing arrives exactly once', async () => {
    h.clock.set(shanghai('2026-03-10 10:00'));
    const mine = await say(h, m1, '我的承诺');
    await press(h, mine, m1, { button: '销号', near: '积极参加理论学习' });
    await press(h, mine, m1, {
      button: '销号',
      form: { done: '参加集中学习12次，撰写心得4篇', evidence: 'https://example.org/xd' },
    });
    expect(cardText(h.emulator.cardOf(mine.message_id))).toContain('待确认');
    // A photo of the activity, sent privately right after 销号, is kept as evidence — once, however often
    // Lark delivers it; the next words are read as usual.
    const photo = {
      chat_id: h.emulator.p2pChatOf(m1),
      chat_type: 'p2p' as const,
      sender_open_id: m1,
      message_type: 'image',
      content: { image_key: 'img_v3_study_photo' },
    };
    const sent = await h.emulator.sendMessage(photo);
    await h.emulator.sendMessage({ ...photo, message_id: sent.message_id });
    await settle(h);
    expect(privately(m1, '已附上佐证')).toHaveLength(1);
    expect(cardText(privately(m1, '已附上佐证')[0])).toContain('已有 1 份图片或文件佐证');
    const line = await h.conn
      .db!.collection<{ evidenceFiles?: Array<{ key: string }> }>('pledge_ledger')
      .findOne({ ownerId: m1, evidenceFiles: { $exists: true } } as never);
    expect(line?.evidenceFiles?.map((f) => f.key)).toEqual(['img_v3_study_photo']);
    expect(cardText(await say(h, m1, '台账 第一党支部'))).not.toContain('佐证');
    const confirm = lastCard(h, { to: sec, has: '销号待确认' });
    await press(h, confirm, sec, { button: '确认' });
    expect(cardText(h.emulator.cardOf(confirm.message_id))).toContain('已确认');

    h.clock.set(shanghai('2026-05-12 10:00'));
    const m2card = await say(h, m2, '我的承诺');
    await press(h, m2card, m2, { button: '销号' });
    await press(h, m2card, m2, { button: '销号', form: { done: '完成第1项重点工作，形成报告' } });
    const m3card = await say(h, m3, '我的承诺');
    await press(h, m3card, m3, { button: '销号' });
    await press(h, m3card, m3, { button: '销号', form: { done: '做了一部分' } });
    const reopen = lastCard(h, { to: sec, has: '刘洋' });
    await press(h, reopen, sec, { button: '重新打开', form: { reason: '报告尚未形成，请补充' } });
    expect(privately(m3, '销号被重新打开')).toHaveLength(1);

    await tickAt(h, '2026-04-10 09:30');
    await tickAt(h, '2026-04-13 09:30');
    const q1 = privately(sec, '践诺情况通报 · 第一党支部 2026年第1季度');
    expect(q1).toHaveLength(1);
    expect(cardText(q1[0])).toContain('参加集中学习12次');
    expect(cardText(q1[0])).toContain('践诺情况通报会');
    expect(inChat(office, '2026年第1季度')).toHaveLength(1);

    await tickAt(h, '2026-07-10 09:30');
    await tickAt(h, '2026-07-14 09:30');
    const q2 = privately(sec, '2026年第2季度');
    expect(q2).toHaveLength(1);
    expect(cardText(q2[0])).toContain('完成第1项重点工作');
    expect(cardText(q2[0])).not.toContain('做了一部分');
    expect(inChat(office, '2026年第2季度')).toHaveLength(1);
    expect(await listAudit(h.conn, { action: 'pledge.line.reopen' })).toHaveLength(1);
  });

  it('the ledger port lets another capability read and tick off lines, checking ownership', async () => {
    const open = await pledgeLedger.openLines(h.conn, { branchId: 'zx-1', ownerId: m4, year: 2026 });
    expect(open).toHaveLength(1);
    const source = { via: 'card' as const, ref: 'record.submit' };
    const now = shanghai('2026-07-20 10:00');
    const refused = await pledgeLedger.tickOff(h.conn, {
      lineId: open[0]!.id,
      actorOpenId: m1,
      text: '代办',
      source,
      now,
    });
    expect(refused).toEqual({ ok: false, message: '只能为自己的承诺销号' });
    const asked = privately(sec, '销号待确认').length;
    const done = await pledgeLedger.tickOff(h.conn, {
      lineId: open[0]!.id,
      actorOpenId: m4,
      text: '完成第3项重点工作',
      source,
      now,
      outbox: h.bot.outbox,
    });
    expect(done).toMatchObject({ ok: true, line: { status: 'fulfilled', ownerId: m4 } });
    // Ticked off in the monthly record (记实), the secretary is asked to confirm it as after 销号 on the ledger.
    await settle(h);
    const confirm = privately(sec, '销号待确认').slice(asked);
    expect(confirm).toHaveLength(1);
    expect(cardText(confirm[0])).toContain('完成第3项重点工作');
    await press(h, confirm[0]!, sec, { button: '确认' });
    expect(cardText(h.emulator.cardOf(confirm[0]!.message_id))).toContain('已确认');
    expect(await pledgeLedger.progress(h.conn, { branchId: 'zx-1', ownerId: m4, year: 2026 })).toEqual({
      total: 1,
      fulfilled: 1,
      open: 0,
      overdue: 0,
    });
    const q3 = await pledgeLedger.fulfilledBetween(h.conn, {
      branchId: 'zx-1',
      from: shanghai('2026-07-01 00:00'),
      to: shanghai('2026-10-01 00:00'),
    });
    expect(q3.map((l) => [l.ownerId, l.text, l.status])).toEqual([[m4, '完成第3项重点工作', 'fulfilled']]);
  });

  it('a member who left has their pledge closed, never deleted', async () => {
    await importBranch(h.conn, h.clock.now(), [m5]);
    expect(cardText(await say(h, sec, '台账'))).not.toContain('杨帆');
    expect(await pledges().findOne({ _id: `2026:zx-1:${m5}` })).toMatchObject({ status: 'closed' });
  });
});
