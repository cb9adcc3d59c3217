/**
 * What every card in cards/ must be, checked the way Lark and a person meet it: a card JSON 2.0 that Lark
 * would accept (src/sandbox/emulator/card-validation.ts: structure, 30 KB, forms, charts), buttons that
 * lead somewhere — every callback's `action` is registered by some module of the bot as assembled — and
 * drawn by the sandbox messenger without an unknown element.
 */
import { expect } from 'vitest';
import { orgModule } from '../../src/org/index.js';
import { REGIME_MODULES } from '../../src/regime/index.js';
import { scheduleModule } from '../../src/schedule/index.js';
import { buttonLabels, MAX_CARD_BYTES, validateCard } from '../../src/sandbox/emulator/index.js';
import { cardHtml, UNSUPPORTED } from '../../src/sandbox/web/card-html.js';

/** Every card action the assembled bot answers (the schedule module's are fixed by its factory). */
export function registeredActions(): Set<string> {
  const schedule = scheduleModule({ scheduler: {} as never, access: {} as never });
  return new Set([orgModule, schedule, ...REGIME_MODULES].flatMap((m) => Object.keys(m.actions ?? {})));
}

/** The `action` of every callback behaviour on the card. */
export function actionsOf(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const n = node as Record<string, unknown>;
    if (n['type'] === 'callback' && typeof n['value'] === 'object' && n['value'] !== null) {
      const action = (n['value'] as Record<string, unknown>)['action'];
      out.push(typeof action === 'string' ? action : '(no action)');
    }
    Object.values(n).forEach(walk);
  };
  walk(card);
  return out;
}

/**
 * Asserts the card is valid for Lark, all its buttons are answered, and the sandbox draws it whole (no
 * unknown element, every button shown); returns its size and actions.
 */
export function checkCard(card: unknown): { bytes: number; actions: string[] } {
  expect(validateCard(card)).toEqual([]);
  const c = card as { schema?: unknown; header?: { title?: { content?: unknown } } };
  expect(c.schema).toBe('2.0');
  expect(String(c.header?.title?.content ?? '')).toMatch(/\p{Script=Han}/u);
  const actions = actionsOf(card);
  const known = registeredActions();
  expect(actions.filter((a) => !known.has(a))).toEqual([]);
  const bytes = Buffer.byteLength(JSON.stringify(card));
  expect(bytes).toBeLessThanOrEqual(MAX_CARD_BYTES);
  const html = cardHtml(card, { nameOf: (id) => id });
  expect(html).not.toContain(UNSUPPORTED);
  for (const label of buttonLabels(card)) expect(html).toContain(`>${label}</button>`);
  return { bytes, actions };
}
