/**
 * Delayed card update (protocol reference §3): after answering a callback, the bot may replace the card
 * with the callback's `c-…` token, at most twice and within 30 minutes.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { validateCard } from './card-validation.js';
import type { EmulatorState } from './emulator-state.js';
import { LarkCode, badRequest, parseOrThrow } from './lark-error.js';

export const CARD_TOKEN_MAX_USES = 2;
export const CARD_TOKEN_TTL_MS = 30 * 60 * 1000;
/** Lark's code for a 1.0 card update without open_ids. */
const MISSING_OPEN_IDS = 300090;

const body = z.object({ token: z.string().min(1), card: z.record(z.string(), z.unknown()) });

export function registerCardUpdateRoute(app: FastifyInstance, state: EmulatorState): void {
  app.post('/open-apis/interactive/v1/card/update', async (req) => {
    const b = parseOrThrow(body, req.body, 'body');
    const t = state.cardTokens.get(b.token);
    if (!t) throw badRequest(LarkCode.cardTokenInvalid, 'card update token is invalid');
    if (state.now() - t.issuedAt > CARD_TOKEN_TTL_MS) {
      throw badRequest(LarkCode.cardTokenInvalid, 'card update token expired (valid for 30 minutes)');
    }
    if (t.uses >= CARD_TOKEN_MAX_USES) {
      throw badRequest(
        LarkCode.cardTokenInvalid,
        `card update token used up (${CARD_TOKEN_MAX_USES} updates per token)`,
      );
    }
    const { open_ids, ...card } = b.card;
    if (card['schema'] !== '2.0' && !Array.isArray(open_ids)) {
      throw badRequest(MISSING_OPEN_IDS, 'a card JSON 1.0 delayed update needs card.open_ids');
    }
    const problems = validateCard(card);
    if (problems.length) throw badRequest(LarkCode.invalidCard, `invalid card: ${problems.join('; ')}`);
    t.uses++;
    state.addUpdate(t.message_id, 'delayed_update', card);
    return { code: 0, msg: 'success' };
  });
}
