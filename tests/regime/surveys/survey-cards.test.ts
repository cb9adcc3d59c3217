/** Every survey card is one Lark accepts, with registered buttons, even at its largest. */
import { describe, expect, it } from 'vitest';
import { surveyFormCard, surveyReportCard, surveyThanksCard } from '../../../cards/survey-form.js';
import { surveyManageCard } from '../../../cards/survey-manage.js';
import { surveyResultsCard } from '../../../cards/survey-results.js';
import { CHOICES, tally } from '../../../src/regime/surveys/index.js';
import { checkCard } from '../../cards/card-check.js';

const longName = (i: number) => `欧阳${'长'.repeat(6)}名字${i}`;
const long = (n: number) => '这是一段很长的文字，'.repeat(Math.ceil(n / 10)).slice(0, n);

describe('survey cards', () => {
  it('the form page at its fullest: 8 targets with drafts, both page buttons', () => {
    const c = surveyFormCard({
      surveyId: 'zx-1:2026-H1',
      branchName: '第一党支部',
      periodLabel: '2026年上半年',
      answered: 29,
      quorum: 30,
      page: 1,
      pages: 9,
      targets: Array.from({ length: 8 }, (_, i) => ({
        index: 8 + i,
        name: longName(i),
        kind: 'member' as const,
        draft: 'basic',
      })),
    });
    expect(checkCard(c).actions).toEqual(['survey.page', 'survey.page']);
  });

  it('the last page submits', () => {
    const c = surveyFormCard({
      surveyId: 's',
      branchName: '支部',
      periodLabel: '2026年上半年',
      answered: 0,
      quorum: 30,
      page: 0,
      pages: 1,
      targets: [{ index: 0, name: '支部', kind: 'branch' }],
    });
    expect(checkCard(c).actions).toEqual(['survey.submit']);
  });

  it('the report, the thanks and the manage cards', () => {
    checkCard(
      surveyReportCard({
        branchName: '第一党支部',
        periodLabel: '2026年上半年',
        report: long(2000),
        link: 'https://docs.example.cn/r',
      }),
    );
    checkCard(surveyThanksCard({ branchName: '第一党支部', replaced: true }));
    checkCard(
      surveyManageCard({
        state: 'none',
        branchId: 'zx-1',
        branchName: '第一党支部',
        periodLabel: '2026年上半年',
      }),
    );
    const open = surveyManageCard({
      state: 'open',
      surveyId: 'zx-1:2026-H1',
      branchName: '第一党支部',
      periodLabel: '2026年上半年',
      answered: 10,
      quorum: 30,
      notice: `**老刘** 的一次性评议链接：\n[https://bot.example.cn/survey/${'x'.repeat(32)}](https://bot.example.cn/survey/${'x'.repeat(32)})`,
      pending: Array.from({ length: 200 }, (_, i) => longName(i)),
    });
    expect(checkCard(open).actions).toEqual(['survey.pending', 'survey.link', 'survey.close']);
  });

  it('the results card for a branch of 60 members stays within 30 KB with one chart', () => {
    const targets = [
      { id: 'branch', kind: 'branch' as const, name: '第一党支部' },
      ...Array.from({ length: 60 }, (_, i) => ({
        id: `ou_${i}`,
        kind: 'member' as const,
        name: longName(i),
      })),
    ];
    const ballots = Array.from({ length: 300 }, (_, b) => ({
      _id: String(b),
      surveyId: 's',
      answers: targets.map((t, i) => ({
        targetId: t.id,
        choice: CHOICES[(b + i) % 3]!,
      })),
    }));
    const c = surveyResultsCard({
      branchName: '第一党支部',
      periodLabel: '2026年上半年',
      respondents: 300,
      quorum: 30,
      belowQuorum: false,
      results: tally(targets, ballots),
    });
    const { bytes } = checkCard(c);
    expect(bytes).toBeLessThan(30 * 1024);
  });
});
