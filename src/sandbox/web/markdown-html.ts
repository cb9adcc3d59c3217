/**
 * Lark card markdown as HTML, the subset cards use: **bold**, *italic*, ~~strike~~, `code`, [links](url),
 * <font color>, <at id>, <text_tag>, backslash escapes, headings, lists, quotes and line breaks.
 * https://open.feishu.cn/document/feishu-cards/card-json-v2-components/content-components/rich-text
 * Everything else is escaped: the page shows what the bot sent, never runs it.
 */

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Only web and mail links are followed; anything else (javascript:, data:) is shown inert. */
function safeUrl(url: string): string {
  return /^(https?:|mailto:)/i.test(url) ? url : '#';
}

const COLOUR = /^[a-z_-]+$/i;

export interface MarkdownOptions {
  /** The name to show for an @-mention (open_id → name). */
  nameOf: (openId: string) => string;
}

export function inlineHtml(text: string, o: MarkdownOptions): string {
  const slots: string[] = [];
  // Private-use characters mark kept pieces: they cannot come from the card's own text after escaping.
  const keep = (html: string) => `\uE000${slots.push(html) - 1}\uE001`;
  let s = text
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, (_, c: string) => keep(escapeHtml(c)))
    .replace(/`([^`\n]+)`/g, (_, c: string) => keep(`<code>${escapeHtml(c)}</code>`))
    .replace(/<font\s+color=['"]?([^'" >]+)['"]?\s*>/gi, (_, c: string) =>
      keep(`<span class="md-font c-${COLOUR.test(c) ? c : 'default'}">`),
    )
    .replace(/<\/font>/gi, () => keep('</span>'))
    .replace(/<text_tag\s+color=['"]?([^'" >]+)['"]?\s*>/gi, (_, c: string) =>
      keep(`<span class="text-tag c-${COLOUR.test(c) ? c : 'default'}">`),
    )
    .replace(/<\/text_tag>/gi, () => keep('</span>'))
    .replace(/<at\s+(?:id|user_id|open_id)=['"]?([^'" >]+)['"]?\s*>\s*<\/at>/gi, (_, id: string) =>
      keep(`<span class="md-at">@${escapeHtml(id === 'all' ? '所有人' : o.nameOf(id))}</span>`),
    )
    .replace(
      /\[([^\]\n]+)\]\(([^)\s]+)\)/g,
      (_, t: string, url: string) =>
        `${keep(`<a href="${escapeHtml(safeUrl(url))}" target="_blank" rel="noopener">`)}${t}${keep('</a>')}`,
    );
  s = escapeHtml(s)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/~~(.+?)~~/g, '<del>$1</del>')
    .replace(/(^|[^*])\*([^*\s][^*]*?)\*(?!\*)/g, '$1<em>$2</em>');
  return s.replace(/\uE000(\d+)\uE001/g, (_, i: string) => slots[Number(i)] ?? '');
}

/** A whole markdown block: lines, lists, headings and quotes. */
export function markdownHtml(text: string, o: MarkdownOptions): string {
  const out: string[] = [];
  let list: { tag: 'ul' | 'ol'; items: string[] } | undefined;
  const flush = () => {
    if (list) out.push(`<${list.tag}>${list.items.map((i) => `<li>${i}</li>`).join('')}</${list.tag}>`);
    list = undefined;
  };
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    const item = bullet && !line.trimStart().startsWith('**') ? bullet : numbered;
    if (item) {
      const tag = item === numbered ? 'ol' : 'ul';
      if (list?.tag !== tag) flush();
      list ??= { tag, items: [] };
      list.items.push(inlineHtml(item[1] ?? '', o));
      continue;
    }
    flush();
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const quote = /^>\s?(.*)$/.exec(line);
    if (heading) out.push(`<div class="md-h md-h${heading[1]!.length}">${inlineHtml(heading[2]!, o)}</div>`);
    else if (quote) out.push(`<blockquote>${inlineHtml(quote[1]!, o)}</blockquote>`);
    else if (line.trim() === '') out.push('<div class="md-gap"></div>');
    else out.push(`<div class="md-line">${inlineHtml(line, o)}</div>`);
  }
  flush();
  return out.join('');
}
