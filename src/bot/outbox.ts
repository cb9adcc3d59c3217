/**
 * Every message the bot sends goes through here. The caller names the message with an idempotency key
 * (campaign + recipient + period, or `reply:<message_id>`); a second enqueue with the same key does
 * nothing, so a retried event, a restart or a second instance never sends twice. Lark's own `uuid`
 * dedupe (1 h) covers the last gap: a crash between Lark accepting a send and us recording it.
 */
import { createHash } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { Collection } from 'mongodb';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import { exponentialBackoff, LeasedQueue, type DoneRecord, type QueueItem } from '../db/leased-queue.js';
import type { OwnerLiveness } from '../db/instance-heartbeat.js';
import { ORPHAN_POLL_MS, QueueService, QueueWorker, errorSummary, type Failure } from '../db/queue-worker.js';
import { LarkApiError, type CardJson, type LarkClient, type ReceiveIdType } from '../lark/client.js';
import { LARK_LIMITS, type RateLimiter, type Sent } from '../lark/rate-limiter.js';
import type { BotMetrics } from '../metrics.js';
import { archiveDisclosure, markDisclosureSent, type DisclosureTag } from './disclosures.js';

export type OutboundMessage =
  | {
      op: 'send';
      receiveIdType: ReceiveIdType;
      receiveId: string;
      card: CardJson;
      /** This message discloses something: it is archived (公开记录) under its key. See ./disclosures.ts. */
      disclosure?: DisclosureTag | undefined;
    }
  | {
      op: 'reply';
      messageId: string;
      chatId?: string | undefined;
      /**
       * In a private chat: the person's open_id. Lark's 5-per-second limit is per chat, and the bot also
       * sends into this chat by open_id (reminders, prompts); both must count against one window.
       */
      p2pWith?: string | undefined;
      card: CardJson;
    }
  | {
      /** A file uploaded before (LarkClient.uploadFile), sent as a file message: an exported workbook. */
      op: 'send_file';
      receiveIdType: ReceiveIdType;
      receiveId: string;
      fileKey: string;
    }
  | { op: 'update'; messageId: string; chatId?: string | undefined; card: CardJson }
  | { op: 'delayed_update'; token: string; card: CardJson };

export interface OutboxItem extends QueueItem {
  message: OutboundMessage;
  /** The event this message answers, if any: its logs carry it as `eventId`. */
  eventId?: string;
  sentAt?: Date;
  messageId?: string;
  /** The message is a disclosure archived under this item's key: stamp the message id there once sent. */
  archived?: boolean;
  /** Real time (epoch ms) Lark answered the call: a restarted instance counts it against Lark's limits. */
  larkAtMs?: number;
}

/** What handlers and jobs get: queue a message under an idempotency key. */
export interface MessageQueue {
  enqueue(key: string, message: OutboundMessage): Promise<boolean>;
  /**
   * The Lark message id of what was sent under `key`, once it has been sent (to update that card in place
   * later: a prompt's done/still-due counts); undefined before, or after the record was pruned (7 days).
   */
  sentMessageId(key: string): Promise<string | undefined>;
}

export interface OutboxOptions {
  conn: Connection;
  client: LarkClient;
  limiter: RateLimiter;
  clock: Clock;
  log: Logger;
  owner: string;
  /** Instances' heartbeats: a dead one's sends are taken over at once (see src/db/instance-heartbeat.ts). */
  liveness?: OwnerLiveness;
  pollMs?: number;
  metrics: BotMetrics;
}

/** Limits met while sending are retried quickly; other failures back off up to 10 min, 12 times (~1 h). */
const policy = exponentialBackoff(1000, 10 * 60_000, 12);
/**
 * A send that would wait longer than this for the limiter goes back to the database instead. Long enough
 * to wait out Lark's per-minute window in place: in a fan-out of thousands every send waits for it anyway,
 * and sending them back and forth would spend their retry attempts (12) until they are given up as dead.
 */
const MAX_LIMITER_WAIT_MS = 65_000;
/** Sends handled at once: each mostly waits for its limiter slot, then for Lark. */
const CONCURRENCY = 16;
/**
 * A claim round takes up to a minute of Lark's sends (its per-app cap): a restarted instance taking over a
 * killed one's fan-out holds them all while Lark's window frees, instead of claiming 32 per scan and then
 * sending at the pace of the scans (measured: 5 a second, ratio 3.53 to the bound).
 */
const CLAIM_BATCH = LARK_LIMITS.appPerMinute;
/** Lark's longest window (a minute) and the limiter's margin: sends older than this no longer count. */
const COUNTED_FOR_MS = 61_000;

export class Outbox extends QueueService<OutboxItem> {
  readonly queue: LeasedQueue<OutboxItem>;
  protected readonly worker: QueueWorker<OutboxItem>;
  private limiterSeeded: Promise<void> = Promise.resolve();

  constructor(private readonly o: OutboxOptions) {
    super();
    const db = o.conn.db!;
    this.queue = new LeasedQueue(
      db.collection<OutboxItem>('outbox') as unknown as Collection<OutboxItem>,
      db.collection<DoneRecord<OutboxItem>>('outbox_done') as unknown as Collection<DoneRecord<OutboxItem>>,
      o.clock,
      o.owner,
      60_000,
      o.liveness,
    );
    this.worker = new QueueWorker({
      name: 'outbox',
      queue: this.queue,
      handle: (item) => this.deliver(item),
      classify: (err) => this.classify(err),
      logFields: (item) => (item.eventId ? { eventId: item.eventId } : {}),
      policy,
      concurrency: CONCURRENCY,
      claimBatch: CLAIM_BATCH,
      pollMs: o.pollMs ?? ORPHAN_POLL_MS,
      log: o.log,
    });
  }

  override start(): void {
    this.limiterSeeded = this.countEarlierSends().catch((err: unknown) =>
      this.o.log.warn(
        { err: errorSummary(err) },
        'reading the recent sends failed; the limiter starts empty',
      ),
    );
    super.start();
  }

  /**
   * Lark counts, per app, what an earlier instance sent in the last minute; after a restart (a kill -9
   * halfway through a fan-out) this one must too, or it would be refused until the minute passed. Besides
   * the recorded sends, each of a dead instance's CONCURRENCY workers may have made one call it had not
   * recorded (a worker records a send before it takes the next): counted as made at its last recorded send.
   * Those may keep up to CONCURRENCY sends waiting for the next minute (bench:fanout --kill-at 0.75).
   */
  private async countEarlierSends(): Promise<void> {
    const now = Date.now();
    const recent = await this.queue.done
      .find({ larkAtMs: { $gte: now - COUNTED_FOR_MS } }, { projection: { larkAtMs: 1 } })
      .toArray();
    const ages = recent.map((r) => now - r.larkAtMs!);
    if (ages.length === 0) return;
    const latest = Math.min(...ages);
    this.o.limiter.countEarlierSends([...ages, ...Array<number>(CONCURRENCY).fill(latest)]);
  }

  /** Queues a message under `key`. Returns false if a message with that key was queued before. */
  async enqueue(key: string, message: OutboundMessage, origin: { eventId?: string } = {}): Promise<boolean> {
    let archived = false;
    if (message.op === 'send' && message.disclosure) {
      // Archived first: a crash between the two leaves an entry whose message a retry then queues.
      const { disclosure, ...plain } = message;
      await archiveDisclosure(this.o.conn.db!, key, disclosure, plain, this.o.clock.now());
      message = plain;
      archived = true;
    }
    const leased = await this.queue.insertLeased({
      _id: key,
      message,
      ...(archived && { archived }),
      ...(origin.eventId !== undefined && { eventId: origin.eventId }),
    });
    if (leased) this.worker.push(leased);
    return leased !== null;
  }

  /** The outbox as a handler of one event sees it: what it queues is logged with that event's id. */
  forEvent(eventId: string): MessageQueue {
    return {
      enqueue: (key, message) => this.enqueue(key, message, { eventId }),
      sentMessageId: (key) => this.sentMessageId(key),
    };
  }

  async sentMessageId(key: string): Promise<string | undefined> {
    return (await this.queue.finished(key))?.messageId ?? undefined;
  }

  private async deliver(item: OutboxItem): Promise<Partial<OutboxItem>> {
    await this.limiterSeeded;
    const chat = chatKey(item.message);
    let slot: Sent;
    for (;;) {
      const got = this.o.limiter.acquire(chat);
      if (typeof got !== 'number') {
        slot = got;
        break;
      }
      if (got > MAX_LIMITER_WAIT_MS) throw new LimiterBusy(got);
      await new Promise((r) => setTimeout(r, got));
    }
    try {
      return await this.send(item);
    } finally {
      slot.done();
    }
  }

  private async send(item: OutboxItem): Promise<Partial<OutboxItem>> {
    const m = item.message;
    const uuid = larkUuid(item._id);
    let messageId: string | undefined;
    try {
      messageId = await this.call(m, uuid);
    } catch (err) {
      this.o.metrics.sends.inc({ op: m.op, result: sendResult(err) });
      throw err;
    }
    const larkAtMs = Date.now(); // real time, as Lark and the limiter count
    this.o.metrics.sends.inc({ op: m.op, result: 'sent' });
    this.o.log.debug({ key: item._id, eventId: item.eventId, op: m.op, messageId }, 'outbox sent');
    const sentAt = this.o.clock.now();
    if (item.archived && messageId) await markDisclosureSent(this.o.conn.db!, item._id, messageId, sentAt);
    return { sentAt, larkAtMs, ...(messageId ? { messageId } : {}) };
  }

  /** One call to Lark; the new message's id when it makes one. */
  private async call(m: OutboundMessage, uuid: string): Promise<string | undefined> {
    const { client } = this.o;
    switch (m.op) {
      case 'send':
        return (await client.sendCard(m.receiveIdType, m.receiveId, m.card, uuid)).messageId;
      case 'send_file':
        return (await client.sendFile(m.receiveIdType, m.receiveId, m.fileKey, uuid)).messageId;
      case 'reply':
        return (await client.replyCard(m.messageId, m.card, uuid)).messageId;
      case 'update':
        await client.updateCard(m.messageId, m.card);
        return undefined;
      case 'delayed_update':
        await client.delayedUpdateCard(m.token, m.card);
        return undefined;
    }
  }

  private classify(err: unknown): Failure {
    if (err instanceof LimiterBusy) return { delayMs: err.waitMs };
    if (err instanceof LarkApiError) {
      if (err.isAppRateLimit) {
        const ms = err.retryAfterMs ?? 1000;
        this.o.limiter.pauseApp(ms);
        return { delayMs: ms };
      }
      if (err.isChatRateLimit) return { delayMs: 1000 };
      return err.retryable ? {} : { final: true };
    }
    return {};
  }
}

/** How a failed call to Lark counts in /metrics: refused for rate, worth a retry, or refused for good. */
function sendResult(err: unknown): 'rate_limited' | 'retry' | 'failed' {
  if (!(err instanceof LarkApiError)) return 'retry';
  if (err.isAppRateLimit || err.isChatRateLimit) return 'rate_limited';
  return err.retryable ? 'retry' : 'failed';
}

class LimiterBusy extends Error {
  constructor(readonly waitMs: number) {
    super(`rate limiter asks to wait ${waitMs} ms`);
    this.name = 'LimiterBusy';
  }
}

/** The chat a message counts against for Lark's 5 QPS per-chat limit. */
function chatKey(m: OutboundMessage): string | undefined {
  if (m.op === 'send' || m.op === 'send_file') return `${m.receiveIdType}:${m.receiveId}`;
  if (m.op === 'reply' && m.p2pWith) return `open_id:${m.p2pWith}`;
  if (m.op === 'reply' || m.op === 'update')
    return m.chatId ? `chat_id:${m.chatId}` : `message:${m.messageId}`;
  return undefined;
}

/** Lark's send dedupe id: at most 50 characters, so a hash of our key. */
export function larkUuid(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 50);
}
