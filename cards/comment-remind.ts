/**
 * Reminders of the comment cycle: the leaders' monthly card (一月一提醒), who is behind (for the secretary
 * and the reviewer), and a thing to put right that is nearly or already past due.
 */
import { button, card, divider, escapeMarkdown, markdown, type CardJson, type Element } from './kit.js';

const e = escapeMarkdown;
const MAX_ITEMS_SHOWN = 10;

export interface LeaderRemindView {
  monthName: string;
  periodName: string;
  kind: string;
  period: string;
  /** Per branch, the names still due a comment. */
  due: Array<{ branchName: string; names: string[] }>;
  items: Array<{ text: string; who: string; due: string; label: string }>;
}

export function leaderRemindCard(v: LeaderRemindView): CardJson {
  const dueCount = v.due.reduce((n, b) => n + b.names.length, 0);
  const overdue = v.items.filter((i) => i.label === '已逾期').length;
  const elements: Element[] = [
    markdown({
      zh: `**待点评 ${dueCount}** · 未办结整改 ${v.items.length}${overdue ? `（逾期 ${overdue}）` : ''}`,
    }),
  ];
  if (dueCount) {
    elements.push(divider(), markdown({ zh: `**${v.periodName}待点评**` }));
    for (const b of v.due)
      if (b.names.length) elements.push(markdown({ zh: `${e(b.branchName)}：${b.names.map(e).join('、')}` }));
    elements.push(
      button({
        text: { zh: '点评' },
        type: 'primary',
        value: { action: 'comment.page', kind: v.kind, period: v.period, page: 1 },
      }),
    );
  }
  if (v.items.length) {
    elements.push(divider(), markdown({ zh: '**未办结的整改事项**' }));
    const shown = v.items.slice(0, MAX_ITEMS_SHOWN);
    elements.push(
      markdown({
        zh: shown.map((i) => `${e(i.who)}：${e(i.text)}（${i.due.slice(5)} ${i.label}）`).join('\n'),
      }),
    );
    if (v.items.length > shown.length)
      elements.push(markdown({ zh: `另有 ${v.items.length - shown.length} 项，发送「整改」查看全部` }));
  }
  if (!dueCount && !v.items.length) elements.push(markdown({ zh: '本月没有待办的点评事项。' }));
  return card({
    title: { zh: `${v.monthName}点评提醒` },
    template: dueCount || overdue ? 'orange' : 'green',
    elements,
  });
}

export interface BehindView {
  heading: string;
  branchName: string;
  due: string;
  rows: Array<{ commenter: string; pending: number; total: number }>;
}

export function commentBehindCard(v: BehindView): CardJson {
  const behind = v.rows.filter((r) => r.pending > 0);
  return card({
    title: { zh: `${v.heading}进度` },
    subtitle: { zh: v.branchName },
    template: behind.length ? 'orange' : 'green',
    elements: [
      markdown({ zh: `**${behind.length} 人未完成** · 截止 ${v.due.slice(5)}` }),
      markdown({
        zh: v.rows
          .map((r) => `${e(r.commenter)}：${r.total - r.pending}/${r.total}${r.pending ? ' ⏳' : ' ✅'}`)
          .join('\n'),
      }),
    ],
  });
}

export function itemReminderCard(v: {
  overdue: boolean;
  targetName: string;
  commenterName: string;
  text: string;
  due: string;
  commentId: string;
  no: number;
  forTarget: boolean;
}): CardJson {
  return card({
    title: { zh: v.overdue ? '整改事项已逾期' : '整改事项即将到期' },
    template: v.overdue ? 'red' : 'yellow',
    elements: [
      markdown({
        zh: `**${e(v.text)}**\n期限 ${v.due}\n${v.forTarget ? `点评人：${e(v.commenterName)}` : `整改人：${e(v.targetName)}`}`,
      }),
      v.forTarget
        ? button({
            text: { zh: '报告进展' },
            value: { action: 'comment.progress', id: v.commentId, no: v.no },
          })
        : button({
            text: { zh: '办结' },
            type: 'primary',
            value: { action: 'comment.close', id: v.commentId, no: v.no },
          }),
    ],
  });
}
