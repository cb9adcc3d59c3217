/** 公开记录: what a branch disclosed — title, where, when (branch time) and Lark's message id — newest first. */
import { card, escapeMarkdown, markdown, type CardJson } from './kit.js';

/** Rows shown; the card says how many more there are. */
export const LIST_ROWS = 40;

export interface DisclosureListView {
  branchName: string;
  /** 2026年3月, 2026年, or 最近. */
  scopeLabel: string;
  rows: Array<{ title: string; chat: string; at: string; messageId?: string }>;
}

export function disclosureListCard(v: DisclosureListView): CardJson {
  const shown = v.rows
    .slice(0, LIST_ROWS)
    .map(
      (r) =>
        `**${escapeMarkdown(r.title)}**\n${escapeMarkdown(r.chat)} · ${r.at} · ` +
        (r.messageId ? `消息 ${escapeMarkdown(r.messageId)}` : '发送中'),
    );
  const more = v.rows.length - shown.length;
  return card({
    title: { zh: `公开记录 · ${v.branchName}`, en: 'Disclosure archive' },
    subtitle: { zh: v.scopeLabel },
    template: 'wathet',
    elements: [
      markdown({
        zh: v.rows.length ? `共 ${v.rows.length} 条公开` : '这一时期没有公开记录',
      }),
      ...(shown.length
        ? [markdown({ zh: shown.join('\n\n') + (more > 0 ? `\n\n……另有 ${more} 条` : '') })]
        : []),
    ],
  });
}
