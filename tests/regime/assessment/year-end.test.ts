/**
 * 年终考核 through the chat: a branch's generated 2026 adds up to the hand-computed figures and places;
 * an admin's weights change the ranking; 确认公示 posts the result to the branch group and the summary to
 * the reviewer; a member objects and the secretary changes the 等次; after the notice period it is final.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgModule, listAudit } from '../../../src/org/index.js';
import { ASSESSMENT_SOURCES } from '../../../src/regime/index.js';
import { assessmentModule } from '../../../src/regime/assessment/index.js';
import { cardText, lastCard, press, say, shanghai } from '../../support/chat.js';
import { FakeClock } from '../../support/fake-clock.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { GROUP, people, setUpYear } from './year-data.js';

let h: Harness;
const { secretary, admin, reviewer, wang, li, zhang } = people;

beforeAll(async () => {
  h = await startHarness({
    clock: new FakeClock(shanghai('2027-01-12 10:00')),
    modules: [orgModule, assessmentModule({ sources: ASSESSMENT_SOURCES })],
  });
  await setUpYear(h);
}, 120_000);
afterAll(() => h.close());

const weightsForm = (w: Record<string, string>) => ({
  pledge: '30',
  rating: '30',
  survey: '20',
  comments: '10',
  records: '5',
  honours: '5',
  excellent: '85',
  pass: '60',
  basic: '45',
  ...w,
});

describe('year-end assessment', () => {
  it('a member cannot run it', async () => {
    const reply = await say(h, wang.open_id, '考核');
    expect(cardText(reply)).toContain('只有支部书记可以进行年终考核');
  });

  it('adds up the year as counted by hand and ranks it', async () => {
    const text = cardText(await say(h, secretary.open_id, '年终考核 2026'));
    expect(text).toContain('2026年度党员年终考核');
    expect(text).toContain('1. **李二** 85.00 分 · **优秀**');
    expect(text).toContain('2. **王一** 79.08 分 · **合格**');
    expect(text).toContain('3. **张三** 0.00 分 · **不合格**');
    expect(text).toContain(
      '承诺 按期2 逾期1 未兑现1 · 评定 优秀6 良好6 一般0 较差0 · 记实 12月 · 点评 1次 · 满意率 90.0% · 优秀共产党员',
    );
    expect(text).toContain('优秀 1 · 合格 1 · 基本合格 0 · 不合格 1');
  });

  it('an admin changes the weights with the form, audited; bad input writes nothing', async () => {
    const form = await say(h, admin.open_id, '考核权重');
    expect(cardText(form)).toContain('年终考核权重');
    const bad = await press(h, form, admin.open_id, {
      button: '保存权重',
      form: weightsForm({ pledge: '多' }),
    });
    expect(bad.toast?.content).toBe('承诺践诺应为 0–100 的数字');
    const saved = await press(h, form, admin.open_id, {
      button: '保存权重',
      form: weightsForm({
        pledge: '0',
        rating: '0',
        survey: '0',
        comments: '60',
        records: '0',
        honours: '40',
      }),
    });
    expect(saved.toast?.content).toBe('考核权重已保存');
    const audit = await listAudit(h.conn, { action: 'assessment.weights' });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.changes).toMatchObject({ comments: { from: 10, to: 60 } });

    const text = cardText(await say(h, secretary.open_id, '考核 2026'));
    expect(text).toContain('1. **王一** 84.00 分 · **合格**');
    // Equal scores share the place and list by name.
    expect(text).toContain('2. **李二** 0.00 分');
    expect(text).toContain('2. **张三** 0.00 分');
    expect(text.indexOf('**李二**')).toBeLessThan(text.indexOf('**张三**'));
  });

  it('公示, an objection answered with a new 等次, then final', async () => {
    const sheet = await say(h, secretary.open_id, '考核 2026');
    // What the secretary sees is the sheet turning to 公示中 (the toast may be Lark's 正在处理 on a busy machine).
    await press(h, sheet, secretary.open_id, { button: '确认公示' });
    const board = lastCard(h, { chat: GROUP, has: '年终考核结果公示' });
    expect(cardText(board)).toContain('1. **王一** 84.00 分');
    expect(cardText(lastCard(h, { to: reviewer.open_id, has: '年终考核汇总' }))).toContain('公示中');
    const frozen = cardText(h.emulator.cardOf(sheet.message_id));
    expect(frozen).toContain('公示中');
    expect(frozen).not.toContain('确认公示');

    expect((await press(h, board, zhang.open_id, { button: '我有异议' })).toast?.content).toContain('私信');
    const form = lastCard(h, { to: zhang.open_id, has: '提出异议' });
    await press(h, form, zhang.open_id, {
      button: '提交异议',
      form: { reason: '全年参加支部活动，记实漏录' },
    });
    const ask = lastCard(h, { to: secretary.open_id, has: '全年参加支部活动' });
    const answered = await press(h, ask, secretary.open_id, {
      button: '答复',
      form: { decision: '基本合格', reason: '核实后补录记实' },
    });
    expect(answered.toast?.content).toBe('已答复张三');
    expect(cardText(lastCard(h, { to: zhang.open_id, has: '考核异议已答复' }))).toContain('改为基本合格');
    expect(cardText(await say(h, secretary.open_id, '考核 2026'))).toContain(
      '2. **张三** 0.00 分 · **基本合格**',
    );

    h.clock.set(shanghai('2027-01-16 10:00'));
    const final = cardText(await say(h, secretary.open_id, '考核 2026'));
    expect(final).toContain('**已确定**');
    expect(final).not.toContain('确认公示');
    expect(cardText(lastCard(h, { to: reviewer.open_id, has: '年终考核汇总' }))).toContain('已确定');
    expect((await press(h, board, li.open_id, { button: '我有异议' })).toast?.content).toContain(
      '公示期已结束',
    );
  });
});
