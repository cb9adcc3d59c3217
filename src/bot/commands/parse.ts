/**
 * Turns the text of a chat message into a command word and its arguments. Mention placeholders
 * (`@_user_1`) are removed, full-width spaces and punctuation folded, case ignored.
 */
export interface ParsedText {
  word: string;
  args: string;
  text: string;
}

/**
 * The text of a message the bot can read: plain text, and rich text (`post`) read as its text runs, with
 * mentions kept as their placeholders so that commands work the same. Undefined for anything else.
 * https://open.feishu.cn/document/server-docs/im-v1/message-content-description/message_content
 */
export function messageText(messageType: string | undefined, content: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return undefined;
  }
  if (messageType === 'text') {
    const t = (parsed as { text?: unknown } | null)?.text;
    return typeof t === 'string' ? t : undefined;
  }
  if (messageType === 'post') return postText(parsed);
  return undefined;
}

/** A post is `{title, content: [[run, …], …]}`, received either bare or under a locale (`zh_cn`). */
function postText(parsed: unknown): string | undefined {
  if (!parsed || typeof parsed !== 'object') return undefined;
  const p = parsed as Record<string, unknown>;
  const body = Array.isArray(p.content) ? p : (Object.values(p).find((v) => isPost(v)) as typeof p);
  if (!isPost(body)) return undefined;
  const lines = (body.content as unknown[]).map((line) =>
    (Array.isArray(line) ? line : [])
      .map((run: { tag?: unknown; text?: unknown; user_id?: unknown }) => {
        if (run?.tag === 'text' || run?.tag === 'a') return typeof run.text === 'string' ? run.text : '';
        if (run?.tag === 'at') return typeof run.user_id === 'string' ? ` ${run.user_id} ` : '';
        return '';
      })
      .join(''),
  );
  return lines.join('\n');
}

function isPost(v: unknown): v is { content: unknown[] } {
  return !!v && typeof v === 'object' && Array.isArray((v as { content?: unknown }).content);
}

/**
 * The text a command is read from when the bot is mentioned in the middle ("请 @机器人 日程"): what
 * follows the bot's mention. Undefined when the mention leads the text (then the whole text is read).
 */
export function textAfterMention(text: string, key: string): string | undefined {
  const at = text.indexOf(key);
  if (at < 0 || normalise(text.slice(0, at)) === '') return undefined;
  return text.slice(at + key.length);
}

export function normalise(text: string): string {
  return text
    .replace(/@_user_\d+/g, ' ')
    .replace(/@_all/g, ' ')
    .replace(/\u3000/g, ' ')
    .replace(/[？]/g, '?')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Finds the longest command word the text starts with. */
export function matchCommand<C extends { words: readonly string[] }>(
  text: string,
  commands: readonly C[],
): { command: C; args: string } | undefined {
  const t = normalise(text);
  const lower = t.toLowerCase();
  let best: { command: C; args: string; len: number } | undefined;
  for (const c of commands) {
    for (const w of c.words) {
      const lw = w.toLowerCase();
      const boundary =
        lower.length === lw.length || /[\s:：,，]/.test(lower[lw.length] ?? '') || /[^\p{ASCII}]/u.test(lw);
      if (lower.startsWith(lw) && boundary && (!best || lw.length > best.len)) {
        best = {
          command: c,
          args: t
            .slice(lw.length)
            .replace(/^[\s:：,，]+/, '')
            .trim(),
          len: lw.length,
        };
      }
    }
  }
  return best && { command: best.command, args: best.args };
}
