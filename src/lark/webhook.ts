/**
 * The HTTP edge: `POST /lark/events` (events and card callbacks) and `POST /lark/cards` (the older card
 * callback). Routes stay thin: bytes → openDelivery (verify, decrypt, validate) → inbox → answer.
 * Lark wants 200 within 3 s and retries otherwise; we answer 503 when the inbox cannot be written, so
 * nothing is acknowledged that is not stored. https://open.feishu.cn/document/ukTMukTMukTM/uUTNz4SN1MjL1UzM
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { AppError, isDatabaseUnavailable } from '../errors.js';
import type { Clock } from '../clock.js';
import type { BotMetrics } from '../metrics.js';
import { CARD_ACTION_EVENT, cardActionSchema, fromLegacyCardAction, type Envelope } from './events.js';
import { cardActionKey, type Inbox } from '../bot/inbox.js';
import type { CardReply } from '../bot/module.js';
import { openDelivery, openLegacyDelivery } from './verify.js';

export interface WebhookOptions {
  config: Config;
  inbox: Inbox;
  clock: Clock;
  metrics: BotMetrics;
}

/** Lark's bodies are small; a card callback with a long form stays well under this. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export async function larkWebhook(app: FastifyInstance, o: WebhookOptions): Promise<void> {
  // Keep the raw text: the signature is over the exact bytes Lark sent.
  app.addContentTypeParser(
    ['application/json', 'text/plain'],
    { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES },
    (_req, body, done) => done(null, body),
  );

  app.post('/lark/events', async (req) => {
    const startedAt = performance.now();
    const delivery = openDelivery(rawBody(req), req.headers, o.config.lark, o.clock.now().getTime());
    if (delivery.kind === 'challenge') return { challenge: delivery.challenge };
    const { envelope } = delivery;
    req.log = req.log.child({ eventId: envelope.header.event_id, eventType: envelope.header.event_type });
    if (envelope.header.event_type === CARD_ACTION_EVENT) checkCardAction(envelope.event);
    return storeOr503(async () => {
      if (envelope.header.event_type === CARD_ACTION_EVENT) {
        const answer = await o.inbox.acceptCardAction(envelope, startedAt, { cardInAnswer: true });
        o.metrics.deliveries.inc({ outcome: 'accepted' });
        return toLarkCardAnswer(answer, true);
      }
      const fresh = await o.inbox.acceptEvent(envelope);
      o.metrics.deliveries.inc({ outcome: fresh ? 'accepted' : 'duplicate' });
      if (!fresh) req.log.info('duplicate delivery acknowledged');
      return {};
    });
  });

  app.post('/lark/cards', async (req) => {
    const startedAt = performance.now();
    const delivery = openLegacyDelivery(rawBody(req), req.headers, o.config.lark, o.clock.now().getTime());
    if (delivery.kind === 'challenge') return { challenge: delivery.challenge };
    const event = fromLegacyCardAction(delivery.body);
    // The legacy shape has no event_id: the click's token (unique per click) or its action key stands in.
    const eventId = `legacy:${delivery.body.token ?? cardActionKey(event)}`;
    const envelope: Envelope = {
      schema: '2.0',
      header: { event_id: eventId, event_type: CARD_ACTION_EVENT, token: o.config.lark.verificationToken },
      event: event as unknown as Record<string, unknown>,
    };
    req.log = req.log.child({ eventId, eventType: CARD_ACTION_EVENT });
    return storeOr503(async () => {
      const answer = await o.inbox.acceptCardAction(envelope, startedAt, { cardInAnswer: false });
      o.metrics.deliveries.inc({ outcome: 'accepted' });
      return toLarkCardAnswer(answer, false);
    });
  });
}

/**
 * Lark waits 3 s for an answer. A store that fails because the database is away, or that has not finished
 * within STORE_DEADLINE_MS, answers 503 and Lark delivers again; if the slow write lands after all, that
 * re-delivery is acknowledged as a duplicate, so nothing is lost or done twice.
 */
export const STORE_DEADLINE_MS = 2500;

async function storeOr503(work: () => Promise<unknown>): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AppError('DATABASE_UNAVAILABLE', { detail: 'the store took too long' })),
      STORE_DEADLINE_MS,
    );
  });
  try {
    return await Promise.race([work(), deadline]);
  } catch (err) {
    if (isDatabaseUnavailable(err)) throw new AppError('DATABASE_UNAVAILABLE', { cause: err });
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A card callback is answered in the request, so a body missing what the bot needs (who clicked, the
 * action) is refused with 400 and a reason before anything is stored, rather than failing inside as a 500.
 */
function checkCardAction(event: unknown): void {
  const parsed = cardActionSchema.safeParse(event);
  if (parsed.success) return;
  const where = parsed.error.issues.map((i) => `event.${i.path.join('.')} ${i.message}`).join('; ');
  throw new AppError('CARD_MALFORMED', { detail: where.slice(0, 300) });
}

function rawBody(req: FastifyRequest): string {
  if (typeof req.body !== 'string') throw new AppError('BODY_UNSUPPORTED_TYPE');
  return req.body;
}

/**
 * Lark's card callback answer: toast and/or `{card:{type:'raw',data}}` (JSON 2.0). The legacy endpoint can
 * only take 1.0 cards in its answer, so there the inbox patches the message with the new card instead.
 * https://open.feishu.cn/document/feishu-cards/card-callback-communication
 */
function toLarkCardAnswer(r: CardReply, withCard: boolean): Record<string, unknown> {
  const answer: Record<string, unknown> = {};
  if (r.toast) {
    answer.toast = {
      type: r.toast.type,
      content: r.toast.content,
      i18n: { zh_cn: r.toast.content, en_us: r.toast.en ?? r.toast.content },
    };
  }
  if (withCard && r.card) answer.card = { type: 'raw', data: r.card };
  return answer;
}
