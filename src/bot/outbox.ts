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
import { ORPHAN_POLL_MS, QueueService, QueueWorker, type Failure } from '../db/queue-worker.js';
import { LarkApiError, type CardJson, type LarkClient, type ReceiveIdType } from '../lark/client.js';
import type { RateLimiter, Sent } from '../lark/rate-limiter.js';

export type OutboundMessage =
  | { op: 'send'; receiveIdType: ReceiveIdType; receiveId: string; card: CardJson }
  | { op: 'reply'; messageId: string; chatId?: string | undefined; card: CardJson }
  | { op: 'update'; messageId: string; chatId?: string | undefined; card: CardJson }
  | { op: 'delayed_update'; token: string; card: CardJson };

export interface OutboxItem extends QueueItem {
  message: OutboundMessage;
  sentAt?: Date;
  messageId?: string;
}

export interface OutboxOptions {
  conn: Connection;
  client: LarkClient;
  limiter: RateLimiter;
  clock: Clock;
  log: Logger;
  owner: string;
  pollMs?: number;
}

/** Limits met while sending are retried quickly; other failures back off up to 10 min, 12 times (~1 h). */
const policy = exponentialBackoff(1000, 10 * 60_000, 12);
/**
 * A send that would wait longer than this for the limiter goes back to the database instead. Long enough
 * to wait out Lark's per-minute window in place: in a fan-out of thousands every send waits for it anyway,
 * and sending them back and forth would spend their retry attempts (12) until they are given up as dead.
 */
const MAX_LIMITER_WAIT_MS = 65_000;

export class Outbox extends QueueService<OutboxItem> {
  readonly queue: LeasedQueue<OutboxItem>;
  protected readonly worker: QueueWorker<OutboxItem>;

  constructor(private readonly o: OutboxOptions) {
    super();
    const db = o.conn.db!;
    this.queue = new LeasedQueue(
      db.collection<OutboxItem>('outbox') as unknown as Collection<OutboxItem>,
      db.collection<DoneRecord<OutboxItem>>('outbox_done') as unknown as Collection<DoneRecord<OutboxItem>>,
      o.clock,
      o.owner,
      60_000,
    );
    this.worker = new QueueWorker({
      name: 'outbox',
      queue: this.queue,
      handle: (item) => this.deliver(item),
      classify: (err) => this.classify(err),
      policy,
      concurrency: 16,
      pollMs: o.pollMs ?? ORPHAN_POLL_MS,
      log: o.log,
    });
  }

  /** Queues a message under `key`. Returns false if a message with that key was queued before. */
  async enqueue(key: string, message: OutboundMessage): Promise<boolean> {
    const leased = await this.queue.insertLeased({ _id: key, message });
    if (leased) this.worker.push(leased);
    return leased !== null;
  }

  private async deliver(item: OutboxItem): Promise<Partial<OutboxItem>> {
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
    const { client } = this.o;
    let messageId: string | undefined;
    switch (m.op) {
      case 'send':
        messageId = (await client.sendCard(m.receiveIdType, m.receiveId, m.card, uuid)).messageId;
        break;
      case 'reply':
        messageId = (await client.replyCard(m.messageId, m.card, uuid)).messageId;
        break;
      case 'update':
        await client.updateCard(m.messageId, m.card);
        break;
      case 'delayed_update':
        await client.delayedUpdateCard(m.token, m.card);
        break;
    }
    this.o.log.debug({ key: item._id, op: m.op, messageId }, 'outbox sent');
    return { sentAt: this.o.clock.now(), ...(messageId ? { messageId } : {}) };
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

class LimiterBusy extends Error {
  constructor(readonly waitMs: number) {
    super(`rate limiter asks to wait ${waitMs} ms`);
    this.name = 'LimiterBusy';
  }
}

/** The chat a message counts against for Lark's 5 QPS per-chat limit. */
function chatKey(m: OutboundMessage): string | undefined {
  if (m.op === 'send') return `${m.receiveIdType}:${m.receiveId}`;
  if (m.op === 'reply' || m.op === 'update')
    return m.chatId ? `chat_id:${m.chatId}` : `message:${m.messageId}`;
  return undefined;
}

/** Lark's send dedupe id: at most 50 characters, so a hash of our key. */
export function larkUuid(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 50);
}
