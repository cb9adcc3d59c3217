/**
 * 群众评议 end to end: invited by the 15 June job, opened with a work report, answered in the evaluators'
 * group by 33 people (three change their answer) and by two one-time links in a real Chromium, an outsider
 * and a late answer refused, closed by the 22 June job; then the rates are exact and the database holds no
 * way to tell who chose what.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultsChartValues } from '../../../cards/survey-results.js';
import { listAudit } from '../../../src/org/index.js';
import {
  surveyResultsFor,
  surveysModule,
  tally,
  type Choice,
  type Survey,
} from '../../../src/regime/surveys/index.js';
import { withBrowser, openPage, screenshot } from '../../support/browser.js';
import { cardText, lastCard, press, say, settle, tickAt } from '../../support/chat.js';
import { FakeClock } from '../../support/fake-clock.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { shanghai } from '../../support/chat.js';
import { CHATS, evaluators1, outsider, sec1, setUpSurveyOrg } from './survey-org.js';

const LABEL: Record<Choice, string> = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' };

/** The final choice of evaluator i (0..34) for the targets in card order: the branch, then members by name. */
function finalChoices(i: number): Choice[] {
  return [
    i < 25 ? 'satisfied' : i < 32 ? 'basic' : 'unsatisfied', // 第一党支部
    i % 5 === 0 ? 'unsatisfied' : 'satisfied', // 李秀英
    i < 30 ? 'satisfied' : 'basic', // 王建国
    'basic', // 张伟
  ];
}
const formOf = (c: Choice[]) => Object.fromEntries(c.map((x, t) => [`t${t}`, LABEL[x]]));

let h: Harness;
let baseUrl: string;
beforeAll(async () => {
  h = await startHarness({
    modules: [surveysModule],
    assembled: true,
    clock: new FakeClock(shanghai('2026-06-15 08:00')),
  });
  await setUpSurveyOrg(h);
  baseUrl = `http://127.0.0.1:${(h.bot.app.server.address() as AddressInfo).port}`;
});
afterAll(() => h.close());

const surveyId = 'zx-1:2026-H1';
const db = () => h.conn.db!;

describe('a survey with 35 evaluators', () => {
  let surveyCard: string;
  const links: string[] = [];

  it('the 15 June job invites the secretary, who opens it: the report first, then the survey card', async () => {
    await tickAt(h, '2026-06-15 09:00');
    const invite = lastCard(h, { to: sec1.open_id, has: '本期群众评议开始了' });
    const refused = await press(h, invite, evaluators1[0]!.open_id, {
      button: '开启评议',
      form: { report: '上半年支部围绕中心工作……认真履职。' },
    });
    expect(refused.toast?.content).toBe('只有该支部书记或管理员可以开启或结束群众评议');
    const tooShort = await press(h, invite, sec1.open_id, { button: '开启评议', form: { report: '短' } });
    expect(tooShort.toast?.content).toBe('请填写工作报告（至少10个字）后再开启');
    expect(await db().collection('surveys').countDocuments()).toBe(0);

    const opened = await press(h, invite, sec1.open_id, {
      button: '开启评议',
      form: {
        report: '上半年支部围绕中心工作，完成承诺事项十二项。',
        link: 'https://docs.example.cn/report',
      },
    });
    expect(opened.toast?.content).toContain('评议已开启');
    const inGroup = h.emulator.botMessages({ chat_id: CHATS.eval1 });
    expect(inGroup.map((m) => cardText(m).includes('工作报告'))).toEqual([true, false]);
    expect(cardText(inGroup[1])).toContain('已参与 **0** 人（至少 30 人）');
    expect(cardText(inGroup[1])).toContain('匿名');
    expect(h.emulator.buttonsOf(inGroup[1]!.message_id)).toEqual(['提交评议']);
    surveyCard = inGroup[1]!.message_id;
  });

  it('33 evaluators answer in the group card; three change their answer; an outsider is refused', async () => {
    for (const i of [1, 2, 3]) {
      const first = await press(h, surveyCard, evaluators1[i]!.open_id, {
        button: '提交评议',
        form: formOf(['unsatisfied', 'unsatisfied', 'unsatisfied', 'unsatisfied']),
      });
      expect(first.toast?.content).toBe('已提交评议，谢谢参与');
    }
    for (let i = 0; i < 33; i++) {
      const answer = await press(h, surveyCard, evaluators1[i]!.open_id, {
        button: '提交评议',
        form: formOf(finalChoices(i)),
      });
      expect(answer.toast?.content).toBe(
        [1, 2, 3].includes(i) ? '已更新你的评议（以最后一次为准）' : '已提交评议，谢谢参与',
      );
    }
    const half = await press(h, surveyCard, outsider.open_id, { button: '提交评议', form: { t0: '满意' } });
    expect(half.toast?.content).toBe('只有评议群成员或本支部评议代表可以参加本次评议');
    expect(await db().collection('survey_ballots').countDocuments({ surveyId })).toBe(33);
  });

  it('the secretary sees who has not answered, never what anyone chose, and makes two one-time links', async () => {
    const manage = await say(h, sec1.open_id, '评议');
    expect(cardText(manage)).toContain('已参与 **33** 人');
    await press(h, manage, sec1.open_id, { button: '未参与名单' });
    const listed = cardText(h.emulator.cardOf(manage.message_id));
    expect(listed).toContain('**未参与**（2）：评议代表34、评议代表35');
    expect(listed).not.toMatch(/基本满意|不满意/);
    for (const name of ['退休干部老刘', '退休干部老孙', '没来得及的人']) {
      await press(h, manage, sec1.open_id, { button: '生成链接', form: { name } });
      const path = /\/survey\/[A-Za-z0-9_-]+/.exec(cardText(h.emulator.cardOf(manage.message_id)))![0];
      links.push(`${baseUrl}${path}`);
    }
    expect(new Set(links).size).toBe(3);
  });

  it('two evaluators answer by one-time link in Chromium; a used link says so', async () => {
    await withBrowser(async (browser) => {
      for (const [n, i] of [
        [0, 33],
        [1, 34],
      ] as const) {
        const page = await openPage(browser, links[n]!);
        expect(await page.locator('h1').textContent()).toBe('群众评议 · 第一党支部');
        const choices = finalChoices(i);
        // The second one forgets 张伟 first and is told so, with the rest kept.
        const first = n === 1 ? choices.slice(0, 3) : choices;
        for (const [t, c] of first.entries())
          await page.getByRole('radio', { name: LABEL[c], exact: true }).nth(t).check();
        await screenshot(page, `survey-link-${n}-form`);
        await page.getByRole('button', { name: '提交评议' }).click();
        if (n === 1) {
          expect(await page.getByRole('alert').textContent()).toContain('还有 1 项没有选择');
          expect(await page.locator('input[name=t0][value=unsatisfied]').isChecked()).toBe(true);
          await page.locator('input[name=t3][value=basic]').check();
          await page.getByRole('button', { name: '提交评议' }).click();
        }
        expect(await page.locator('h1').textContent()).toBe('已提交，谢谢！');
        await screenshot(page, `survey-link-${n}-done`);
      }
      const again = await openPage(browser, links[0]!);
      expect(await again.locator('h1').textContent()).toBe('此链接已使用');
    });
    expect(await db().collection('survey_ballots').countDocuments({ surveyId })).toBe(35);
  });

  it('the 22 June job closes it; the rates are exact; late answers and links are refused', async () => {
    await tickAt(h, '2026-06-22 18:00');
    const [s] = await surveyResultsFor(h.conn, { branchId: 'zx-1', year: 2026 });
    expect(s).toMatchObject({ period: '2026-H1', respondents: 35, belowQuorum: false });
    const rows = s!.results.map((r) => [
      r.name,
      r.satisfied,
      r.basic,
      r.unsatisfied,
      r.approvalRate,
      r.satisfiedRate,
    ]);
    expect(rows).toEqual([
      ['第一党支部', 25, 7, 3, 0.9143, 0.7143],
      ['李秀英', 28, 0, 7, 0.8, 0.8],
      ['王建国', 30, 5, 0, 1, 0.8571],
      ['张伟', 0, 35, 0, 1, 0],
    ]);
    const late = await press(h, surveyCard, evaluators1[5]!.open_id, {
      button: '提交评议',
      form: formOf(finalChoices(0)),
    });
    expect(late.toast?.content).toBe('本期评议已结束，不能再提交');
    await withBrowser(async (browser) => {
      const page = await openPage(browser, links[2]!);
      expect(await page.locator('h1').textContent()).toBe('此链接已失效');
      await screenshot(page, 'survey-link-expired');
    });
    expect(await db().collection('survey_ballots').countDocuments({ surveyId })).toBe(35);
  });

  it('the results card goes to the branch group and the office channel; its chart is the ballots', async () => {
    for (const chat of [CHATS.group1, CHATS.office, CHATS.eval1]) {
      const results = lastCard(h, { chat, has: '群众评议结果' });
      expect(cardText(results)).toContain('参与评议 **35** 人');
      expect(cardText(results)).toContain('满意率 **91.4%**');
    }
    const card = h.emulator.cardOf(lastCard(h, { chat: CHATS.office, has: '群众评议结果' }).message_id) as {
      body: { elements: Array<{ tag: string; chart_spec?: { data: Array<{ values: unknown[] }> } }> };
    };
    const chart = card.body.elements.find((e) => e.tag === 'chart')!;
    const survey = (await db().collection<Survey>('surveys').findOne({ _id: surveyId }))!;
    const ballots = await db().collection('survey_ballots').find({ surveyId }).toArray();
    const fromBallots = resultsChartValues(tally(survey.targets, ballots as never));
    expect(chart.chart_spec!.data[0]!.values).toEqual(fromBallots);
    expect(fromBallots.filter((v) => v.target === '第一党支部').map((v) => v.count)).toEqual([25, 7, 3]);
  });

  it('after close the database holds no way to tell who chose what', async () => {
    await settle(h);
    expect(await db().collection('survey_voters').countDocuments()).toBe(0);
    const ballots = await db().collection('survey_ballots').find({ surveyId }).toArray();
    for (const b of ballots) {
      expect(Object.keys(b).sort()).toEqual(['_id', 'answers', 'surveyId']);
      expect(String(b._id)).toMatch(/^[0-9a-f-]{36}$/);
    }
    const voters = new Set([...evaluators1.map((e) => e.open_id), outsider.open_id]);
    // A choice as a value (a ballot's answer, a form field, a pre-filled option), not the results' counts.
    const choice = /:"(satisfied|basic|unsatisfied)"|基本满意|不满意|initial_option/;
    for (const { name } of await db().listCollections().toArray()) {
      for (const doc of await db().collection(name).find({}).toArray()) {
        const text = JSON.stringify(doc);
        const who = [...voters].find((v) => text.includes(v));
        if (who && choice.test(text))
          throw new Error(`${name} ties ${who} to a choice: ${text.slice(0, 400)}`);
      }
    }
    for (const line of h.rawLogs) {
      const who = [...voters].find((v) => line.includes(v));
      expect(who && choice.test(line) ? line : '').toBe('');
    }
    const audit = await listAudit(h.conn, { targetId: surveyId });
    expect(audit.map((a) => a.action)).toEqual([
      'survey.open',
      'survey.link',
      'survey.link',
      'survey.link',
      'survey.close',
    ]);
  });
});
