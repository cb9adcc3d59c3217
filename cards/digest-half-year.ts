/**
 * 半年公开摘要 in the office channel: the mass evaluation (群众评议) of each branch — respondents, the
 * branch's own satisfaction, each member's — with one chart of the branches' votes.
 */
import { card, escapeMarkdown, markdown, type CardJson, type Element } from './kit.js';
import { memberLines, name, rate, scopeOf, stackedBars } from './digest-kit.js';

export interface Votes {
  satisfied: number;
  basic: number;
  unsatisfied: number;
  total: number;
}

export interface BranchHalf {
  name: string;
  /** Undefined when the branch held no survey (or it is not closed). */
  survey?: {
    respondents: number;
    belowQuorum: boolean;
    branch?: Votes;
    members: Array<{ name: string } & Votes>;
  };
}

export interface HalfDigestView {
  periodLabel: string;
  branches: BranchHalf[];
}

const approval = (v: Votes) => rate(v.satisfied + v.basic, v.total);

function branchSection(b: BranchHalf): Element[] {
  const s = b.survey;
  if (!s) return [markdown({ zh: `${name(b.name)}\u3000本期没有已结束的群众评议` })];
  const people = s.members.map((m) => `${escapeMarkdown(m.name)}\u3000满意率 ${approval(m)}`);
  return [
    markdown({
      zh:
        `${name(b.name)}\u3000参与评议 ${s.respondents} 人${s.belowQuorum ? '（未达法定人数）' : ''}` +
        (s.branch ? `，支部满意率 **${approval(s.branch)}**` : ''),
    }),
    ...(people.length ? [markdown({ zh: memberLines(people) })] : []),
  ];
}

export function halfDigestCard(v: HalfDigestView): CardJson {
  const chart = v.branches.flatMap((b) => {
    const t = b.survey?.branch;
    return t
      ? [
          { row: b.name, part: '满意', count: t.satisfied },
          { row: b.name, part: '基本满意', count: t.basic },
          { row: b.name, part: '不满意', count: t.unsatisfied },
        ]
      : [];
  });
  return card({
    title: { zh: `半年公开摘要 · ${v.periodLabel}`, en: 'Half-year digest' },
    subtitle: { zh: scopeOf(v.branches) },
    template: 'green',
    elements: [
      markdown({ zh: '群众评议结果。满意率 =（满意 + 基本满意）÷ 参与人数。' }),
      ...(chart.length ? [stackedBars(chart)] : []),
      ...v.branches.flatMap(branchSection),
    ],
  });
}
