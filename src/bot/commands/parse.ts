/**
 * Turns the text of a chat message into a command word and its arguments. Mention placeholders
 * (`@_user_1`) are removed, full-width spaces and punctuation folded, case ignored.
 */
export interface ParsedText {
  word: string;
  args: string;
  text: string;
}

export function messageText(messageType: string, content: string): string | undefined {
  if (messageType !== 'text') return undefined;
  try {
    const parsed = JSON.parse(content) as { text?: unknown };
    return typeof parsed.text === 'string' ? parsed.text : undefined;
  } catch {
    return undefined;
  }
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
