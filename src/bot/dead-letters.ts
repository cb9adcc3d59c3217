/**
 * Dead letters: acknowledged deliveries the bot could not handle — a body it cannot read, a handler that
 * kept failing through its retries, a record that was missing. Each is kept under its event id with the
 * reason, logged at error, counted, and, when a person sent it, answered with an apology in that chat: the
 * member is never left in silence. Kept for DEAD_LETTER_RETENTION_DAYS (src/db/retention.ts) so that
 * someone can act on it, and replayable (`npm run inbox:replay`, src/bot/replay.ts).
 */
import type { Collection } from 'mongodb';
import type { Logger } from 'pino';
import { apologyCard } from '../../cards/apology.js';
import type { Clock } from '../clock.js';
import { errorSummary } from '../db/queue-worker.js';
import { isDuplicateKey } from '../errors.js';
import type { Envelope } from '../lark/events.js';
import type { BotMetrics } from '../metrics.js';
import type { Outbox } from './outbox.js';
import { openEnvelope, type StoredEnvelope } from './stored-envelope.js';

export interface DeadLetter {
  /** Lark's event id. */
  _id: string;
  kind: 'event' | 'card';
  eventType: string;
  /** As the inbox stored it (see stored-envelope.ts). */
  envelope: StoredEnvelope;
  /** Why it could not be handled (an error summary: names and messages, no stack). */
  reason: string;
  deadAt: Date;
  /** dead: waits for someone; replaying: a replay holds it; replayed: a replay handled it. */
  status: 'dead' | 'replaying' | 'replayed';
  replays: number;
  replayedAt?: Date;
}

export interface DeadLetterOptions {
  collection: Collection<DeadLetter>;
  outbox: Outbox;
  clock: Clock;
  log: Logger;
  metrics: BotMetrics;
}

export class DeadLetters {
  constructor(private readonly o: DeadLetterOptions) {}

  get collection(): Collection<DeadLetter> {
    return this.o.collection;
  }

  /**
   * Keeps the delivery, reports it, and apologises to whoever sent it (unless they already saw the failure,
   * as a card click's toast does). Never throws: the caller is already on a failure path.
   */
  async record(
    item: { _id: string; kind: 'event' | 'card'; eventType: string; envelope: StoredEnvelope },
    reason: string,
    opts: { apologise: boolean },
  ): Promise<void> {
    const eventId = item._id;
    const log = this.o.log.child({ eventId, eventType: item.eventType });
    log.error({ reason }, 'event dead-lettered: it was acknowledged but could not be handled');
    this.o.metrics.deadLetters.inc({ event_type: item.eventType });
    const letter: DeadLetter = {
      _id: eventId,
      kind: item.kind,
      eventType: item.eventType,
      envelope: item.envelope,
      reason: reason.slice(0, 2000),
      deadAt: this.o.clock.now(),
      status: 'dead',
      replays: 0,
    };
    try {
      await this.o.collection.insertOne(letter);
    } catch (err) {
      if (!isDuplicateKey(err)) log.error({ err: errorSummary(err) }, 'could not store the dead letter');
      else
        await this.o.collection
          .updateOne({ _id: eventId }, { $set: { status: 'dead', reason: letter.reason } })
          .catch((e: unknown) => log.error({ err: errorSummary(e) }, 'could not update the dead letter'));
    }
    if (!opts.apologise) return;
    const to = whoToAnswer(openEnvelope(item.envelope));
    if (!to) return;
    const message = apologyCard({ reference: eventId.slice(0, 40) });
    await this.o.outbox
      .enqueue(
        `apology:${eventId}`,
        to.messageId
          ? { op: 'reply', messageId: to.messageId, chatId: to.chatId, card: message }
          : { op: 'send', receiveIdType: 'open_id', receiveId: to.openId!, card: message },
        { eventId },
      )
      .catch((err: unknown) => log.error({ err: errorSummary(err) }, 'could not queue the apology'));
  }
}

/**
 * Where a person wrote from, read leniently from the raw body (it may be the very body that failed to
 * parse): the message to reply to, else the person who clicked the menu.
 */
function whoToAnswer(
  envelope: Envelope,
): { messageId?: string; chatId?: string; openId?: string } | undefined {
  const e = envelope.event as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);
  const message = e.message as Record<string, unknown> | undefined;
  const sender = e.sender as { sender_type?: unknown } | undefined;
  if (message && str(message.message_id)) {
    if (sender?.sender_type && sender.sender_type !== 'user') return undefined; // another bot
    return { messageId: str(message.message_id)!, chatId: str(message.chat_id) };
  }
  const operator = e.operator as { operator_id?: { open_id?: unknown } } | undefined;
  const openId = str(operator?.operator_id?.open_id);
  return openId ? { openId } : undefined;
}
