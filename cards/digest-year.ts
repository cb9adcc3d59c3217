/**
 * 年度公开摘要, the year in one card: per branch the records kept, the year's grades, pledge fulfilment,
 * comments, both surveys and the honours; per member one line; one chart of fulfilment.
 */
import { card, escapeMarkdown, markdown, type CardJson, type Element } from './kit.js';
import { memberLines, name, rate, scopeOf, share } from './digest-kit.js';
import type { GradeCount } from './digest-month.js';
import { progressChart, type Progress } from './digest-quarter.js';

export interface BranchYear {
  name: string;
  /** Member-months recorded, of member-months expected. */
  records: { recorded: number; expected: number };
  grades: GradeCount[];
  progress: Progress;
  comments: number;
  /** Per half year: 上半年 / 下半年 and the branch's satisfaction (approved, of respondents). */
  surveys: Array<{ label: string; approved: number; total: number }>;
  honours: Array<{ name: string; honour: string }>;
  people: Array<{ name: string; recorded: number; top: number; fulfilled: number; total: number }>;
}

export interface YearDigestView {
  periodLabel: string;
  /** The best grade of the scale (优秀), named in member lines. */
  topGrade: string;
  branches: BranchYear[];
}

function branchSection(b: BranchYear, top: string): Element[] {
  const p = b.progress;
  const surveys = b.surveys.map((s) => `${s.label} ${rate(s.approved, s.total)}`).join('，') || '无';
  const honours = b.honours.map((h) => `${escapeMarkdown(h.name)}（${h.honour}）`).join('、') || '无';
  const people = b.people.map(
    (m) =>
      `${escapeMarkdown(m.name)}\u3000记实 ${m.recorded} 个月\u3000${top} ${m.top} 次\u3000兑现 ${m.fulfilled}/${m.total}`,
  );
  return [
    markdown({
      zh:
        `${name(b.name)}\u3000记实 ${share(b.records.recorded, b.records.expected)}\u3000承诺兑现 ${share(p.fulfilled, p.total)}\n` +
        `全年评定：${b.grades.map((g) => `${g.grade} ${g.count}`).join('\u3000')}\n` +
        `点评 ${b.comments} 条；群众满意率：${surveys}；表彰：${honours}`,
    }),
    ...(people.length ? [markdown({ zh: memberLines(people) })] : []),
  ];
}

export function yearDigestCard(v: YearDigestView): CardJson {
  const total = v.branches.reduce((n, b) => n + b.progress.total, 0);
  const done = v.branches.reduce((n, b) => n + b.progress.fulfilled, 0);
  return card({
    title: { zh: `年度公开摘要 · ${v.periodLabel}`, en: 'Annual digest' },
    subtitle: { zh: scopeOf(v.branches) },
    template: 'carmine',
    elements: [
      markdown({ zh: `一诺三评三公开全年情况：承诺兑现 **${share(done, total)}**` }),
      ...(total ? [progressChart(v.branches)] : []),
      ...v.branches.flatMap((b) => branchSection(b, v.topGrade)),
    ],
  });
}
