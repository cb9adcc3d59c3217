/**
 * 公开栏: the answer to 「公开栏」 — links to the public board of the branch (or of every branch a shared chat
 * serves, and their organisation). With the bot's public address configured each link is also a button
 * that opens the page; without it the card shows the path and says the address is missing.
 */
import { card, escapeMarkdown, markdown, type CardJson, type Element } from './kit.js';

export interface BoardLink {
  name: string;
  url: string;
}

export interface BoardLinkView {
  branches: BoardLink[];
  org?: BoardLink;
  /** False when PUBLIC_BASE_URL is unset: the urls are paths only. */
  absolute: boolean;
}

/** A button that opens a web page (Lark's `open_url` behaviour) rather than calling the bot back. */
function linkButton(text: string, url: string): Element {
  return {
    tag: 'button',
    text: { tag: 'plain_text', content: text },
    type: 'primary',
    behaviors: [{ type: 'open_url', default_url: url, pc_url: '', ios_url: '', android_url: '' }],
  };
}

const line = (l: BoardLink, absolute: boolean) =>
  `**${escapeMarkdown(l.name)}**：${absolute ? `[${l.url}](${l.url})` : `\`${l.url}\``}`;

export function boardLinkCard(v: BoardLinkView): CardJson {
  const links = [...v.branches, ...(v.org ? [v.org] : [])];
  const elements: Element[] = [
    markdown({
      zh: '公开栏是只读网页，不用登录飞书也能打开：已亮诺的承诺和践诺台账、已公示的月度记实和评定、已公开的点评、群众评议结果和表彰。草稿和审核中的内容不会出现。',
    }),
    markdown({ zh: links.map((l) => line(l, v.absolute)).join('\n') }),
  ];
  if (v.absolute)
    // A few buttons at most: a shared channel serving many branches keeps the card short with links alone.
    for (const l of links.slice(0, 4)) elements.push(linkButton(`打开「${l.name}」公开栏`, l.url));
  else
    elements.push(
      markdown({ zh: '<font color="grey">公开栏的网址尚未配置（PUBLIC_BASE_URL），请联系管理员。</font>' }),
    );
  return card({ title: { zh: '公开栏', en: 'Public board' }, template: 'red', elements });
}
