/**
 * 季度公开摘要 in the office channel: pledge fulfilment per branch (a bar chart of fulfilled / open /
 * overdue), items closed in the quarter, the comments made and published, and each member's progress.
 */
import { card, escapeMarkdown, markdown, type CardJson, type Element } from './kit.js';
import { memberLines, name, rate, scopeOf, share, stackedBars } from './digest-kit.js';

export interface Progress {
  total: number;
  fulfilled: number;
  open: number;
  overdue: number;
}

export interface BranchQuarter {
  name: string;
  progress: Progress;
  closedInQuarter: number;
  comments: { submitted: number; published: number; commenters: string[] };
  people: Array<{ name: string } & Progress>;
}

export interface QuarterDigestView {
  periodLabel: string;
  branches: BranchQuarter[];
}

export function progressChart(rows: ReadonlyArray<{ name: string; progress: Progress }>): Element {
  return stackedBars(
    rows.flatMap((b) => [
      { row: b.name, part: '已兑现', count: b.progress.fulfilled },
      { row: b.name, part: '进行中', count: b.progress.open },
      { row: b.name, part: '已逾期', count: b.progress.overdue },
    ]),
  );
}

function branchSection(b: BranchQuarter): Element[] {
  const p = b.progress;
  const who = b.comments.commenters.length
    ? `（${b.comments.commenters.map(escapeMarkdown).join('、')}）`
    : '';
  const people = b.people.map(
    (m) =>
      `${escapeMarkdown(m.name)}\u3000兑现 ${m.fulfilled}/${m.total}${m.overdue ? `\u3000逾期 ${m.overdue}` : ''}`,
  );
  return [
    markdown({
      zh:
        `${name(b.name)}\u3000承诺兑现 ${share(p.fulfilled, p.total)}，进行中 ${p.open}，逾期 ${p.overdue}\n` +
        `本季度销号 ${b.closedInQuarter} 项；点评 ${b.comments.submitted} 条，已公开 ${b.comments.published} 条${who}`,
    }),
    ...(people.length ? [markdown({ zh: memberLines(people) })] : []),
  ];
}

export function quarterDigestCard(v: QuarterDigestView): CardJson {
  const total = v.branches.reduce((n, b) => n + b.progress.total, 0);
  const done = v.branches.reduce((n, b) => n + b.progress.fulfilled, 0);
  const published = v.branches.reduce((n, b) => n + b.comments.published, 0);
  return card({
    title: { zh: `季度公开摘要 · ${v.periodLabel}`, en: 'Quarterly digest' },
    subtitle: { zh: scopeOf(v.branches) },
    template: 'orange',
    elements: [
      markdown({
        zh: `承诺事项 **${total}** 项，已兑现 **${done}** 项（${rate(done, total)}）；本季度公开点评 **${published}** 条`,
      }),
      ...(total ? [progressChart(v.branches)] : []),
      ...v.branches.flatMap(branchSection),
    ],
  });
}
