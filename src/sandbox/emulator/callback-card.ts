/**
 * What a card callback answer does to the card (protocol reference §3): an HTTP 200 answer carrying
 * `card` replaces it in place. An invalid card throws: at Lark the user would only see an error toast,
 * which no test would notice.
 */
import { validateCard } from './card-validation.js';
import type { BotAnswer } from './types.js';

/** The card to record as a 'callback_response' update, or undefined when the answer leaves it alone. */
export function cardFromCallbackAnswer(before: unknown, answer: BotAnswer, legacy: boolean): unknown {
  if (answer.status !== 200 || typeof answer.body !== 'object' || answer.body === null) return undefined;
  const body = answer.body as Record<string, unknown>;
  const wrapped = body['card'] as { type?: unknown; data?: unknown } | undefined;
  // Templates are rendered by Lark from stored cards, so they are recorded as given, unchecked.
  if (wrapped?.type === 'template') return wrapped;
  let card: unknown;
  if (wrapped?.type === 'raw') card = wrapped.data;
  // Legacy callbacks may answer with the bare 1.0 card.
  else if (legacy && ('elements' in body || 'i18n_elements' in body)) card = body;
  if (card === undefined) return undefined;
  const problems = validateCard(card);
  if (
    (before as { schema?: unknown })?.schema === '2.0' &&
    (card as { schema?: unknown })?.schema !== '2.0'
  ) {
    problems.push('a card JSON 2.0 cannot become a 1.0 card');
  }
  if (problems.length) {
    throw new Error(`bot answered the card callback with an invalid card: ${problems.join('; ')}`);
  }
  return card;
}
