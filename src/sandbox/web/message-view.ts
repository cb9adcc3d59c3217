/**
 * A recorded message as the page shows it: who sent it, when, and its HTML (a card rendered from its current
 * JSON, so in-place updates show; or the text). Rendered cards are cached by message and version.
 */
import type { RecordedMessage } from '../emulator/index.js';
import { cardHtml } from './card-html.js';
import { escapeHtml, markdownHtml } from './markdown-html.js';

export interface MessageView {
  id: string;
  /** Changes whenever the card is updated in place. */
  version: number;
  /** 'bot', or the open_id of the person who wrote it. */
  sender: string;
  senderName: string;
  at: number;
  html: string;
}

export interface Directory {
  botName: string;
  nameOf(openId: string): string;
}

const cache = new Map<string, string>();

function textHtml(m: RecordedMessage, d: Directory): string {
  const content = (m.content ?? {}) as { text?: unknown };
  // A group message names the bot as Lark's mention key; show it as the person wrote it.
  const text = String(content.text ?? '').replace(/@_user_\d+/g, `@${d.botName}`);
  return m.sender === 'bot'
    ? `<div class="text">${markdownHtml(text, d)}</div>`
    : `<div class="text">${escapeHtml(text).replace(/\n/g, '<br>')}</div>`;
}

export function messageView(m: RecordedMessage, current: unknown, d: Directory): MessageView {
  const version = m.updates.length;
  const key = `${m.message_id}:${version}`;
  let html = cache.get(key);
  if (html === undefined) {
    html =
      m.msg_type === 'interactive'
        ? cardHtml(current, d)
        : m.msg_type === 'text'
          ? textHtml(m, d)
          : `<div class="unsupported">不支持的消息类型: ${escapeHtml(m.msg_type)}</div>`;
    cache.set(key, html);
  }
  return {
    id: m.message_id,
    version,
    sender: m.sender,
    senderName: m.sender === 'bot' ? d.botName : d.nameOf(m.sender),
    at: m.created_at,
    html,
  };
}
