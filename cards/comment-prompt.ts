/**
 * 点评提示: whom a commenter must comment on for a period, each with a 点评 button; done and still due first,
 * paged so a leader with thirty contact points gets a card within Lark's limits. Also the ad-hoc picker.
 */
import { button, card, divider, escapeMarkdown, markdown, type CardJson } from './kit.js';
import { pageOf, pager, rowWithButton } from './comment-kit.js';

export interface PromptRow {
  type: 'member' | 'branch';
  id: string;
  name: string;
  branchName: string;
  state: 'done' | 'draft' | 'due';
}

export interface PromptView {
  kind: string;
  kindName: string;
  period: string;
  periodName: string;
  /** YYYY-MM-DD; absent for ad-hoc. */
  due?: string;
  rows: PromptRow[];
  page: number;
  /** A reminder while the window is open: says so first. */
  reminder?: boolean;
}

const STATE = { done: '✅ 已点评', draft: '📝 草稿', due: '⏳ 待点评' } as const;

export function commentPromptCard(v: PromptView): CardJson {
  const done = v.rows.filter((r) => r.state === 'done').length;
  const { items, page } = pageOf(v.rows, v.page);
  const adHoc = v.kind === 'ad-hoc';
  const head = adHoc
    ? `请选择要点评的对象（共 ${v.rows.length} 个）`
    : `**已完成 ${done}/${v.rows.length}**${v.due ? ` · 截止 ${v.due.slice(5)}` : ''}`;
  const rows = items.map((r) =>
    rowWithButton(
      `**${escapeMarkdown(r.name)}**${r.type === 'branch' ? '（支部）' : ''}\n${escapeMarkdown(r.branchName)}${adHoc ? '' : ` · ${STATE[r.state]}`}`,
      r.state === 'done' && !adHoc
        ? undefined
        : button({
            text: { zh: '点评' },
            type: 'primary',
            value: { action: 'comment.open', kind: v.kind, period: v.period, type: r.type, id: r.id },
          }),
    ),
  );
  return card({
    title: { zh: adHoc ? '点评' : `${v.periodName}${v.kindName}` },
    template: done === v.rows.length && !adHoc ? 'green' : 'blue',
    elements: [
      ...(v.reminder ? [markdown({ zh: `⏰ **提醒**：还有 ${v.rows.length - done} 个待点评` })] : []),
      markdown({ zh: head }),
      divider(),
      ...(rows.length ? rows : [markdown({ zh: '暂无需要点评的对象' })]),
      ...pager(page, v.rows.length, (p) => ({
        action: 'comment.page',
        kind: v.kind,
        period: v.period,
        page: p,
      })),
    ],
  });
}
