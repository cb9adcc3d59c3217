/**
 * 群众评议结果: per target the counts and both rates, key figure first, and one stacked bar chart drawn
 * from the same tally (Lark's chart element takes a VChart spec). No names of voters exist to show.
 */
import { card, escapeMarkdown, markdown, type CardJson } from './kit.js';
import type { TargetResult } from '../src/regime/surveys/survey.entity.js';
import { percent } from '../src/regime/surveys/tally.js';

export interface SurveyResultsView {
  branchName: string;
  periodLabel: string;
  respondents: number;
  quorum: number;
  belowQuorum: boolean;
  results: readonly TargetResult[];
}

/** The chart's data: one row per target and choice, in the card's order. */
export function resultsChartValues(results: readonly TargetResult[]) {
  return results.flatMap((r) => [
    { target: r.name, choice: '满意', count: r.satisfied },
    { target: r.name, choice: '基本满意', count: r.basic },
    { target: r.name, choice: '不满意', count: r.unsatisfied },
  ]);
}

export function surveyResultsCard(v: SurveyResultsView): CardJson {
  const lines = v.results.map(
    (r) =>
      `**${escapeMarkdown(r.name)}**${r.kind === 'branch' ? '（支部）' : ''}\u3000满意率 **${percent(r.approvalRate)}**\n` +
      `满意 ${r.satisfied}\u3000基本满意 ${r.basic}\u3000不满意 ${r.unsatisfied}\u3000（满意 ${percent(r.satisfiedRate)}）`,
  );
  return card({
    title: { zh: `群众评议结果 · ${v.branchName}`, en: 'Survey results' },
    subtitle: { zh: v.periodLabel },
    template: v.belowQuorum ? 'orange' : 'green',
    elements: [
      markdown({
        zh:
          `参与评议 **${v.respondents}** 人` +
          (v.belowQuorum ? `，**未达到法定人数**（至少 ${v.quorum} 人），结果仅供参考` : ''),
      }),
      markdown({ zh: '满意率 =（满意 + 基本满意）÷ 参与人数。评议匿名，不显示个人选择。' }),
      {
        tag: 'chart',
        aspect_ratio: '4:3',
        chart_spec: {
          type: 'bar',
          direction: 'horizontal',
          data: [{ id: 'votes', values: resultsChartValues(v.results) }],
          xField: 'count',
          yField: 'target',
          seriesField: 'choice',
          stack: true,
          legends: { visible: true, orient: 'bottom' },
        },
      },
      markdown({ zh: lines.join('\n\n') }),
    ],
  });
}
