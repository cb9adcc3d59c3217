/**
 * A branch with ten members (eleven targets: two pages) and no evaluators' group: the survey goes to the
 * branch group, the second page comes privately with the first page kept, a half-filled answer is kept
 * until completed, and a survey the secretary closes at 20 answers is marked below quorum.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surveyResultsFor, surveysModule } from '../../../src/regime/surveys/index.js';
import { cardText, lastCard, press, say, shanghai } from '../../support/chat.js';
import { FakeClock } from '../../support/fake-clock.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { CHATS, evaluators2, members2, sec2, setUpSurveyOrg } from './survey-org.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ modules: [surveysModule], clock: new FakeClock(shanghai('2026-12-16 10:00')) });
  await setUpSurveyOrg(h);
});
afterAll(() => h.close());

/** What a form card shows as already chosen: its selects' initial options, by field name. */
function chosenOn(messageId: string): Record<string, string> {
  const body = (
    h.emulator.cardOf(messageId) as { body: { elements: Array<{ tag: string; elements?: unknown[] }> } }
  ).body;
  const form = body.elements.find((e) => e.tag === 'form')!;
  const selects = (form.elements ?? []) as Array<{ tag: string; name?: string; initial_option?: string }>;
  return Object.fromEntries(
    selects
      .filter((e) => e.tag === 'select_static' && e.initial_option)
      .map((e) => [e.name, e.initial_option]),
  );
}

const page1 = Object.fromEntries(Array.from({ length: 8 }, (_, t) => [`t${t}`, t % 2 ? '基本满意' : '满意']));

describe('a two-page survey closed at 20 answers', () => {
  let card: string;

  it('the secretary opens it from 评议; it goes to the branch group, paged', async () => {
    const manage = await say(h, sec2.open_id, '评议');
    expect(cardText(manage)).toContain('本期评议尚未开启');
    const bad = await press(h, manage, sec2.open_id, {
      button: '开启评议',
      form: { report: '下半年工作总结与承诺兑现情况报告', quorum: '三十' },
    });
    expect(bad.toast?.content).toBe('法定人数请填写正整数，如 30');
    await press(h, manage, sec2.open_id, {
      button: '开启评议',
      form: { report: '下半年工作总结与承诺兑现情况报告' },
    });
    const msg = lastCard(h, { chat: CHATS.group2, has: '第 1/2 页' });
    expect(h.emulator.buttonsOf(msg.message_id)).toEqual(['下一页']);
    card = msg.message_id;
  });

  it('a member being rated may not answer', async () => {
    const answer = await press(h, card, members2[0]!.open_id, { button: '下一页', form: page1 });
    expect(answer.toast?.content).toBe('被评议的党员不参加本次群众评议');
  });

  it('page 2 comes privately with page 1 kept; a half-filled answer is kept until completed', async () => {
    for (const [i, e] of evaluators2.entries()) {
      const next = await press(h, card, e.open_id, { button: '下一页', form: page1 });
      expect(next.toast?.content).toBe('已私信发送第 2 页，填写的内容已保存');
      const private2 = lastCard(h, { to: e.open_id, has: '第 2/2 页' });
      expect(h.emulator.buttonsOf(private2.message_id)).toEqual(['上一页', '提交评议']);
      if (i === 0) {
        const half = await press(h, private2, e.open_id, {
          button: '提交评议',
          form: { t8: '满意', t9: '满意' },
        });
        expect(half.toast?.content).toBe('还有未评价的：党员9。已选的已保存，请补全后再提交');
        await press(h, private2, e.open_id, { button: '上一页' });
        expect(chosenOn(private2.message_id)).toEqual({
          t0: 'satisfied',
          t1: 'basic',
          t2: 'satisfied',
          t3: 'basic',
          t4: 'satisfied',
          t5: 'basic',
          t6: 'satisfied',
          t7: 'basic',
        });
        await press(h, private2, e.open_id, { button: '下一页' });
        expect(chosenOn(private2.message_id)).toEqual({ t8: 'satisfied', t9: 'satisfied' });
      }
      // The first evaluator's page 2 shows 党员7 and 党员8 as chosen before; the others choose them now.
      const rest: Record<string, string> =
        i === 0 ? { t10: '不满意' } : { t8: '满意', t9: '满意', t10: '不满意' };
      const done = await press(h, private2, e.open_id, { button: '提交评议', form: rest });
      expect(done.toast?.content).toBe('已提交评议，谢谢参与');
      expect(cardText(h.emulator.cardOf(private2.message_id))).toContain('已提交评议');
    }
  });

  it('closed by the secretary at 20 answers, it is marked below quorum', async () => {
    const manage = await say(h, sec2.open_id, '评议');
    expect(cardText(manage)).toContain('已参与 **20** 人，至少 30 人');
    expect((await press(h, manage, members2[1]!.open_id, { button: '结束评议' })).toast?.content).toBe(
      '只有该支部书记或管理员可以开启或结束群众评议',
    );
    expect((await press(h, manage, sec2.open_id, { button: '结束评议' })).toast?.content).toBe(
      '评议已结束，结果已发布',
    );
    const results = cardText(lastCard(h, { chat: CHATS.group2, has: '群众评议结果' }));
    expect(results).toContain('参与评议 **20** 人，**未达到法定人数**（至少 30 人）');
    const [s] = await surveyResultsFor(h.conn, { branchId: 'zx-2', year: 2026 });
    expect(s).toMatchObject({ period: '2026-H2', respondents: 20, belowQuorum: true });
    expect(s!.results.map((r) => [r.name, r.satisfied, r.basic, r.unsatisfied])).toEqual([
      ['第二党支部', 20, 0, 0],
      ['陈静', 0, 20, 0],
      ...members2.slice(0, 6).map((m, i) => [m.name, i % 2 ? 0 : 20, i % 2 ? 20 : 0, 0]),
      ['党员7', 20, 0, 0],
      ['党员8', 20, 0, 0],
      ['党员9', 0, 0, 20],
    ]);
  });
});
