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
  /** An uploaded file's name and size, by its key (file messages: an exported workbook). */
  fileOf?(fileKey: string): { name: string; size: number } | undefined;
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

/** A file message as Lark shows it: a chip with the name and size that downloads the file. */
function fileHtml(m: RecordedMessage, d: Directory): string {
  const key = String((m.content as { file_key?: unknown } | null)?.file_key ?? '');
  const f = d.fileOf?.(key);
  if (!f) return `<div class="unsupported">文件已不存在</div>`;
  const size = f.size < 1024 ? `${f.size} B` : `${(f.size / 1024).toFixed(1)} KB`;
  const href = `/api/files/${encodeURIComponent(m.message_id)}`;
  return `<a class="file" href="${href}" download="${escapeHtml(f.name)}"><span class="file-name">${escapeHtml(f.name)}</span><span class="file-size">${size}</span></a>`;
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
          : m.msg_type === 'file'
            ? fileHtml(m, d)
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
