/** 年终考核 summary for the reviewer (上级党组织): the branch's year in figures and its first places. */
import { card, escapeMarkdown, markdown, type CardJson } from './kit.js';

export interface AssessmentSummaryView {
  branchName: string;
  year: number;
  status: string;
  members: number;
  grades: ReadonlyArray<{ grade: string; count: number }>;
  pledges: { onTime: number; late: number; open: number };
  ratings: ReadonlyArray<{ grade: string; count: number }>;
  comments: number;
  /** '91.3%', or absent without a closed survey. */
  satisfaction?: string | undefined;
  honours: readonly string[];
  top: ReadonlyArray<{ rank: number; name: string; score: number; grade: string }>;
}

export function assessmentSummaryCard(v: AssessmentSummaryView): CardJson {
  const p = v.pledges;
  const total = p.onTime + p.late + p.open;
  const list = (xs: ReadonlyArray<{ grade: string; count: number }>) =>
    xs.map((x) => `${x.grade} ${x.count}`).join(' · ');
  return card({
    title: { zh: `${v.year}年度年终考核汇总`, en: 'Year-end assessment summary' },
    subtitle: { zh: `${v.branchName} · ${v.status}` },
    template: 'indigo',
    elements: [
      markdown({
        zh: [
          `党员 **${v.members}** 人 · 等次：${list(v.grades)}`,
          `承诺事项 ${total} 项：按期兑现 ${p.onTime} · 逾期兑现 ${p.late} · 未兑现 ${p.open}`,
          `月度评定：${list(v.ratings)}`,
          `领导点评 ${v.comments} 次 · 群众满意率 ${v.satisfaction ?? '—'}`,
          `荣誉：${v.honours.length ? v.honours.map(escapeMarkdown).join('、') : '无'}`,
        ].join('\n'),
        en: `${v.members} members.`,
      }),
      markdown({
        zh: `**前${v.top.length}名**\n${v.top.map((t) => `${t.rank}. ${escapeMarkdown(t.name)} ${t.score.toFixed(2)} 分 · ${t.grade}`).join('\n')}`,
      }),
    ],
  });
}
