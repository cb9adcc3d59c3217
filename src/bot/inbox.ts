/**
 * The durable inbox. Every verified delivery is written here, keyed by Lark's event_id, before we answer;
 * a re-delivery finds its id taken and is acknowledged without effect. Events are handled after the answer
 * (in-process at once, or by any instance's poller once a lease runs out after a crash). Card clicks are
 * handled inside Lark's 3 s window when possible, because the person is looking at the card.
 */
import type { Collection } from 'mongodb';
import type { Logger } from 'pino';
import {
  exponentialBackoff,
  LeasedQueue,
  type DoneRecord,
  type QueueItem,
  type RetryPolicy,
} from '../db/leased-queue.js';
import type { OwnerLiveness } from '../db/instance-heartbeat.js';
import { ORPHAN_POLL_MS, QueueService, QueueWorker, errorSummary } from '../db/queue-worker.js';
import { insertOnce } from '../db/insert-once.js';
import { InvalidEventError, type Dispatcher } from './dispatcher.js';
import { cardActionSchema, type CardActionEvent, type Envelope } from '../lark/events.js';
import type { BotMetrics } from '../metrics.js';
import type { DeadLetters } from './dead-letters.js';
import type { CardReply, HandlerContext } from './module.js';
import { cardActionKey } from './card-action-key.js';
import { openEnvelope, storeEnvelope, type StoredEnvelope } from './stored-envelope.js';

export { cardActionKey };

export interface InboxItem extends QueueItem {
  kind: 'event' | 'card';
  eventType: string;
  /** The delivery as stored (see stored-envelope.ts); `openEnvelope` reads it. */
  envelope: StoredEnvelope;
  /** Card clicks only: set on a double click, the event id of the click that acted. */
  duplicateOf?: string;
  reply?: CardReply;
}

/** Who last pressed a given button of a given card (see cardActionKey), and when. */
export interface CardClick {
  _id: string;
  eventId: string;
  at: Date;
}

export interface InboxOptions {
  collection: Collection<InboxItem>;
  done: Collection<DoneRecord<InboxItem>>;
  clicks: Collection<CardClick>;
  dispatcher: Dispatcher;
  /** Builds the per-event handler context (logger tagged with the event id, clients, clock). */
  context(eventId: string): HandlerContext;
  clock: HandlerContext['clock'];
  log: Logger;
  owner: string;
  /** Instances' heartbeats: a dead one's events are taken over at once (see src/db/instance-heartbeat.ts). */
  liveness?: OwnerLiveness;
  pollMs?: number;
  /** How long a card click may take before we answer "processing" (Lark allows 3 s in all). */
  cardDeadlineMs?: number;
  deadLetters: DeadLetters;
  metrics: BotMetrics;
  /** Retries of a failing event (default: backoff over about a day). */
  policy?: RetryPolicy;
}

/** A card click answered later (Lark's limit is 3 s; keep a margin for the network). */
export const CARD_DEADLINE_MS = 2500;
const PROCESSING_TOAST: CardReply = {
  toast: {
    type: 'info',
    content: '正在处理，完成后卡片会自动更新',
    en: 'Working on it; the card will update when done.',
  },
};
const FAILED_TOAST: CardReply = {
  toast: {
    type: 'error',
    content: '操作没有成功，请稍后再试',
    en: 'That did not work; please try again shortly.',
  },
};

/**
 * The same person pressing the same button of the same card with the same input within this window is a
 * double click (or an impatient second press): one effect. Later, it is a new decision — e.g. pressing
 * again after being given the role that was missing.
 */
export const DOUBLE_CLICK_WINDOW_MS = 10_000;

/** Events retry with backoff for about a day (Lark itself gives up after ~7 h), then are dead-lettered. */
export const INBOX_RETRY = exponentialBackoff(2000, 30 * 60_000, 15);

export class Inbox extends QueueService<InboxItem> {
  readonly queue: LeasedQueue<InboxItem>;
  protected readonly worker: QueueWorker<InboxItem>;
  /** Card clicks being handled in this process, by event id: a double click waits for the first. */
  private readonly inFlight = new Map<string, Promise<CardReply>>();

  private readonly deadlineMs: number;

  constructor(private readonly o: InboxOptions) {
    super();
    this.deadlineMs = o.cardDeadlineMs ?? CARD_DEADLINE_MS;
    this.queue = new LeasedQueue(o.collection, o.done, o.clock, o.owner, 60_000, o.liveness);
    this.worker = new QueueWorker({
      name: 'inbox',
      queue: this.queue,
      handle: (item) => this.process(item),
      classify: (err) => (err instanceof InvalidEventError ? { final: true } : {}),
      policy: o.policy ?? INBOX_RETRY,
      concurrency: 64, // handlers mostly wait on the database and Lark
      pollMs: o.pollMs ?? ORPHAN_POLL_MS,
      log: o.log,
      idKey: 'eventId',
      onDead: (item, reason) => o.deadLetters.record(item, reason, { apologise: true }),
    });
  }

  /** Stores an event; false if it was delivered before. Throws if the database is unavailable. */
  async acceptEvent(envelope: Envelope): Promise<boolean> {
    const record = {
      _id: envelope.header.event_id,
      kind: 'event' as const,
      eventType: envelope.header.event_type,
      envelope: storeEnvelope(envelope),
    };
    // An event type no module handles is kept only for de-duplication: one write, no work.
    if (!this.o.dispatcher.handles(record.eventType)) return this.queue.insertDone(record);
    const item = await this.queue.insertLeased(record);
    if (item) this.worker.push(item);
    return item !== null;
  }

  /**
   * Stores a card click and answers it. Within the deadline the answer carries the handler's toast/card;
   * after it, a "processing" toast, and the card is replaced later by a delayed update.
   */
  async acceptCardAction(
    envelope: Envelope,
    startedAt: number,
    opts: { cardInAnswer: boolean },
  ): Promise<CardReply> {
    const event = cardActionSchema.parse(envelope.event);
    const eventId = envelope.header.event_id;
    const item = await this.queue.insertLeased({
      _id: eventId,
      kind: 'card',
      eventType: envelope.header.event_type,
      envelope: storeEnvelope(envelope),
    });
    if (!item) return this.answerRepeat(eventId, startedAt); // Lark re-delivered this very callback
    const actionKey = cardActionKey(event);
    let holder: string | undefined;
    try {
      holder = await this.claimClick(actionKey, eventId);
    } catch (err) {
      // The person will see this click fail (503): close the stored item so no poller acts on it later.
      await this.queue.complete(eventId, { reply: FAILED_TOAST }).catch(() => undefined);
      throw err;
    }
    if (holder) {
      // A double click: this one has no effect of its own and gets the first one's answer.
      await this.queue.complete(eventId, { duplicateOf: holder });
      return this.answerRepeat(holder, startedAt);
    }

    const work = this.runCardAction(item, event, actionKey).then(async (reply) => {
      // The legacy callback cannot carry a 2.0 card in its answer: patch the message instead.
      if (!opts.cardInAnswer && reply.card && event.context?.open_message_id) {
        await this.o
          .context(eventId)
          .outbox.enqueue(`card-patch:${eventId}`, {
            op: 'update',
            messageId: event.context.open_message_id,
            card: reply.card,
          })
          .catch((err) =>
            this.o.log.error({ eventId, err: errorSummary(err) }, 'could not queue the card patch'),
          );
      }
      return reply;
    });
    this.inFlight.set(eventId, work);
    void work.finally(() => this.inFlight.delete(eventId));
    return raceDeadline(work, startedAt, this.deadlineMs, () => {
      // Too slow for Lark's window: when the handler finishes, its card replaces the clicked one.
      void work.then((reply) => this.sendLate(item, event, reply));
      return PROCESSING_TOAST;
    });
  }

  /**
   * Takes the click's action key for this event. Returns the event id of a click that holds it (pressed
   * within the window), or undefined when this click is the one to act. All by `_id`: O(1) on any engine.
   * Only inserts decide who acts: FerretDB runs a conditional update as a read and then a write, so a
   * compare-and-set let every one of several concurrent presses after the window act.
   */
  private async claimClick(actionKey: string, eventId: string): Promise<string | undefined> {
    const now = this.o.clock.now();
    const stale = (c: CardClick) => c.at.getTime() < now.getTime() - DOUBLE_CLICK_WINDOW_MS;
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await insertOnce(this.o.clicks, { _id: actionKey, eventId, at: now })) return undefined;
      const current = await this.o.clicks.findOne({ _id: actionKey });
      if (!current) continue; // released meanwhile (that press failed): press afresh
      if (!stale(current)) return current.eventId;
      // The earlier press was long ago: a new decision. Concurrent presses all see the same earlier one,
      // and the one that records itself as its successor acts.
      const turn = `${actionKey}>${current.eventId}`;
      if (await insertOnce(this.o.clicks, { _id: turn, eventId, at: now })) {
        await this.o.clicks.updateOne({ _id: actionKey }, { $set: { eventId, at: now } });
        return undefined;
      }
      const successor = await this.o.clicks.findOne({ _id: turn });
      if (successor && !stale(successor)) return successor.eventId;
      // The successor never moved the key on (its instance died between the two writes): do it for it.
      if (successor)
        await this.o.clicks.updateOne(
          { _id: actionKey },
          { $set: { eventId: successor.eventId, at: successor.at } },
        );
    }
    return undefined;
  }

  /** A click we have seen: the first one's answer, never a second effect. */
  private async answerRepeat(eventId: string, startedAt: number): Promise<CardReply> {
    const pending = this.inFlight.get(eventId);
    if (pending) return raceDeadline(pending, startedAt, this.deadlineMs, () => PROCESSING_TOAST);
    const seen = await this.queue.finished(eventId);
    return seen?.reply ?? PROCESSING_TOAST;
  }

  private async runCardAction(
    item: InboxItem,
    event: CardActionEvent,
    actionKey: string,
  ): Promise<CardReply> {
    const ctx = this.o.context(item._id);
    try {
      const reply = await this.o.dispatcher.dispatchAction(ctx, event);
      await this.queue.complete(item._id, { reply });
      this.observeLatency(item);
      return reply;
    } catch (err) {
      ctx.log.error({ err: errorSummary(err) }, 'card action failed');
      // The person saw the failure and may press again at once: release the click so that press acts.
      await Promise.all([
        this.o.collection.updateOne(
          { _id: item._id },
          { $set: { status: 'dead', lastError: errorSummary(err) }, $unset: { owner: '' } },
        ),
        this.o.clicks.deleteOne({ _id: actionKey, eventId: item._id }),
      ]).catch(() => undefined);
      // The toast told the person; the dead letter tells whoever looks after the bot.
      await this.o.deadLetters.record(item, errorSummary(err), { apologise: false });
      return FAILED_TOAST;
    }
  }

  private async sendLate(item: InboxItem, event: CardActionEvent, reply: CardReply): Promise<void> {
    if (!reply.card || !event.token) return;
    const ctx = this.o.context(item._id);
    await ctx.outbox
      .enqueue(`card-update:${item._id}`, { op: 'delayed_update', token: event.token, card: reply.card })
      .catch((err) => ctx.log.error({ err: errorSummary(err) }, 'could not queue the delayed card update'));
  }

  /** Worker path: fresh events, and anything whose lease ran out (a crash) or whose retry is due. */
  private async process(item: InboxItem): Promise<Partial<InboxItem>> {
    const ctx = this.o.context(item._id);
    if (item.kind === 'card') {
      // Only reached after a crash mid-click: do the work and bring the card up to date, if still allowed.
      const parsed = cardActionSchema.safeParse(openEnvelope(item.envelope).event);
      if (!parsed.success) throw new InvalidEventError('card callback does not match its schema');
      const reply = await this.o.dispatcher.dispatchAction(ctx, parsed.data);
      await this.sendLate(item, parsed.data, reply);
      return { reply };
    }
    await this.o.dispatcher.dispatchEvent(ctx, item.eventType, openEnvelope(item.envelope).event, {
      retry: item.attempts > 1,
    });
    this.observeLatency(item);
    return {};
  }

  /** Event-to-handled latency, from Lark's create_time (ms for events, µs for card callbacks). */
  observeLatency(item: Pick<InboxItem, 'kind' | 'envelope'>): void {
    const created = Number(openEnvelope(item.envelope).header.create_time);
    if (!Number.isFinite(created) || created <= 0) return;
    const ms = item.kind === 'card' ? created / 1000 : created;
    const seconds = (this.o.clock.now().getTime() - ms) / 1000;
    if (seconds >= 0) this.o.metrics.handledLatency.observe({ kind: item.kind }, seconds);
  }

  /** What replay needs: the dispatcher, a context per event, and the dead-letter store. */
  get replayTools() {
    return { dispatcher: this.o.dispatcher, context: this.o.context, deadLetters: this.o.deadLetters };
  }
}

function raceDeadline<T>(
  work: Promise<T>,
  startedAt: number,
  deadlineMs: number,
  onLate: () => T,
): Promise<T> {
  const remaining = Math.max(0, deadlineMs - (performance.now() - startedAt));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(onLate()), remaining);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
