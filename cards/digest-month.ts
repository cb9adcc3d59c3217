/**
 * 月度公开摘要 in the office channel: for every branch the channel serves, records submitted, the rating
 * distribution (once published) and pledge items closed (销号), with one line per member; one chart of the
 * grades. 点线面: the channel's total, each branch, each member.
 */
import { card, escapeMarkdown, markdown, type CardJson, type Element } from './kit.js';
import { memberLines, name, scopeOf, share, stackedBars } from './digest-kit.js';

export interface GradeCount {
  grade: string;
  count: number;
}

export interface BranchMonth {
  name: string;
  members: number;
  recorded: number;
  /** Ratings published (确认公示) for the month. */
  published: boolean;
  distribution: GradeCount[];
  closed: number;
  people: Array<{ name: string; recorded: boolean; late?: boolean; grade?: string; closed: number }>;
}

export interface MonthDigestView {
  periodLabel: string;
  branches: BranchMonth[];
}

export function monthTotals(v: MonthDigestView) {
  const sum = (f: (b: BranchMonth) => number) => v.branches.reduce((n, b) => n + f(b), 0);
  return { members: sum((b) => b.members), recorded: sum((b) => b.recorded), closed: sum((b) => b.closed) };
}

function branchSection(b: BranchMonth): Element[] {
  const grades = b.published
    ? b.distribution.map((d) => `${d.grade} ${d.count}`).join('\u3000')
    : '评定尚未公示';
  const people = b.people.map(
    (p) =>
      `${escapeMarkdown(p.name)}\u3000${p.recorded ? (p.late ? '已记实（补录）' : '已记实') : '未记实'}` +
      `${p.grade ? `\u3000${p.grade}` : ''}${p.closed ? `\u3000销号 ${p.closed} 项` : ''}`,
  );
  return [
    markdown({
      zh: `${name(b.name)}\u3000记实 ${share(b.recorded, b.members)}\u3000销号 ${b.closed} 项\n评定：${grades}`,
    }),
    ...(people.length ? [markdown({ zh: memberLines(people) })] : []),
  ];
}

export function monthDigestCard(v: MonthDigestView): CardJson {
  const t = monthTotals(v);
  const chart = v.branches
    .filter((b) => b.published)
    .flatMap((b) => b.distribution.map((d) => ({ row: b.name, part: d.grade, count: d.count })));
  return card({
    title: { zh: `月度公开摘要 · ${v.periodLabel}`, en: 'Monthly digest' },
    subtitle: { zh: scopeOf(v.branches) },
    template: 'red',
    elements: [
      markdown({
        zh: `党员 **${t.members}** 人，提交记实 **${share(t.recorded, t.members)}**，承诺销号 **${t.closed}** 项`,
      }),
      ...(chart.length ? [stackedBars(chart)] : []),
      ...v.branches.flatMap(branchSection),
    ],
  });
}
