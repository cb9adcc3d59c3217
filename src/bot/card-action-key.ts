/** What makes two card clicks the same action (the double-click guard in the inbox). */
import { createHash } from 'node:crypto';
import type { CardActionEvent } from '../lark/events.js';

/** Same message, same person, same button value and form input → the same action. */
export function cardActionKey(e: CardActionEvent): string {
  const a = e.action;
  const parts = [
    e.context?.open_message_id ?? '',
    e.operator.open_id,
    stable(a.value),
    stable(a.form_value ?? {}),
    a.input_value ?? '',
    a.option ?? '',
    stable(a.options ?? []),
    String(a.checked ?? ''),
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}
