/** 整改: my things to put right (报告进展) and those I asked for (办结 / 重新打开), paged. */
import { button, card, divider, escapeMarkdown, markdown, type CardJson, type Element } from './kit.js';
import { pageOf, pager, rowWithButton } from './comment-kit.js';

export interface ItemRow {
  commentId: string;
  no: number;
  text: string;
  due: string;
  label: '已办结' | '已逾期' | '整改中';
  /** Whose item it is, or who asked for it. */
  who: string;
  mine: boolean;
}

export function commentItemsCard(v: { rows: ItemRow[]; page: number }): CardJson {
  const open = v.rows.filter((r) => r.label !== '已办结').length;
  const overdue = v.rows.filter((r) => r.label === '已逾期').length;
  const { items, page } = pageOf(v.rows, v.page);
  const rows: Element[] = items.map((r) => {
    const text = `**${escapeMarkdown(r.text)}**\n${r.mine ? '点评人' : '整改人'}：${escapeMarkdown(r.who)} · 期限 ${r.due} · ${r.label}`;
    const value = { id: r.commentId, no: r.no };
    const b = r.mine
      ? r.label === '已办结'
        ? undefined
        : button({ text: { zh: '报告进展' }, value: { action: 'comment.progress', ...value } })
      : r.label === '已办结'
        ? button({ text: { zh: '重新打开' }, value: { action: 'comment.reopen', ...value } })
        : button({ text: { zh: '办结' }, type: 'primary', value: { action: 'comment.close', ...value } });
    return rowWithButton(text, b);
  });
  return card({
    title: { zh: '整改事项' },
    template: overdue ? 'orange' : 'blue',
    elements: [
      markdown({ zh: `**未办结 ${open}**${overdue ? ` · 已逾期 ${overdue}` : ''} · 共 ${v.rows.length}` }),
      divider(),
      ...(rows.length ? rows : [markdown({ zh: '暂无整改事项' })]),
      ...pager(page, v.rows.length, (p) => ({ action: 'comment.items-page', page: p })),
    ],
  });
}
