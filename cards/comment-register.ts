/**
 * 点评情况登记表: every comment with its period, kind, commenter, target, time, content and the state of
 * its things to put right; filterable by period and commenter, paged.
 */
import { card, divider, escapeMarkdown, markdown, type CardJson } from './kit.js';
import { pageOf, pager } from './comment-kit.js';

export interface RegisterRow {
  period: string;
  kindName: string;
  commenterName: string;
  targetName: string;
  date: string;
  status: string;
  /** e.g. 德好 能较好 … */
  grades: string;
  items: Array<{ text: string; due: string; label: string }>;
}

export interface RegisterView {
  scope: string;
  period?: string;
  commenter?: string;
  rows: RegisterRow[];
  page: number;
}

const e = escapeMarkdown;

export function commentRegisterCard(v: RegisterView): CardJson {
  const { items, page } = pageOf(v.rows, v.page);
  const filter = [v.period, v.commenter].filter(Boolean).join(' · ');
  const lines = items.map((r) => {
    const its = r.items.map((i, n) => `- ${n + 1}. ${e(i.text)}（${i.due.slice(5)} ${i.label}）`).join('\n');
    return markdown({
      zh: `**${e(r.targetName)}** ← ${e(r.commenterName)}\n${r.period} ${r.kindName} · ${r.date} · ${r.status}\n${r.grades}${its ? `\n整改：\n${its}` : ''}`,
    });
  });
  return card({
    title: { zh: '点评情况登记表' },
    subtitle: { zh: `${v.scope}${filter ? ` · ${filter}` : ''}` },
    template: 'indigo',
    elements: [
      markdown({ zh: `**共 ${v.rows.length} 条**${filter ? `（${e(filter)}）` : ''}` }),
      divider(),
      ...(lines.length ? lines : [markdown({ zh: '暂无点评记录' })]),
      ...pager(page, v.rows.length, (p) => ({
        action: 'comment.register-page',
        ...(v.period ? { period: v.period } : {}),
        ...(v.commenter ? { commenter: v.commenter } : {}),
        page: p,
      })),
      markdown({ zh: '筛选：发送「点评登记 2026-Q3 姓名」' }),
    ],
  });
}
