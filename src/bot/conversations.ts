/**
 * Conversations a module starts: "请回复退回理由", "直接回复本月做了什么". The module asks with `awaitReply`, and
 * the person's next text message in that chat goes to the module's reply handler (BotModule.replies) instead
 * of the command router's 没有听懂. One open question per person and chat; a newer question replaces it.
 * Stored, not held in memory, so an answer reaches whichever instance receives it, after a restart too.
 */
import type { Connection } from 'mongoose';
import type { Clock } from '../clock.js';

export const CONVERSATIONS = 'bot_conversations';

/** How long an unanswered question stays open by default. */
export const DEFAULT_REPLY_TTL_MS = 30 * 60_000;

export interface Conversation {
  /** `${chatId}:${openId}` */
  _id: string;
  topic: string;
  data: Record<string, unknown>;
  askedAt: Date;
  expiresAt: Date;
}

export interface AwaitReply {
  chatId: string;
  openId: string;
  /** A key of some module's `replies`, e.g. `pledge.return_reason`. */
  topic: string;
  data?: Record<string, unknown>;
  ttlMs?: number;
}

function collection(conn: Connection) {
  return conn.db!.collection<Conversation>(CONVERSATIONS);
}

/** Opens (or replaces) the question this person is asked in this chat. */
export async function awaitReply(ctx: { conn: Connection; clock: Clock }, a: AwaitReply): Promise<void> {
  const now = ctx.clock.now();
  const doc: Conversation = {
    _id: `${a.chatId}:${a.openId}`,
    topic: a.topic,
    data: a.data ?? {},
    askedAt: now,
    expiresAt: new Date(now.getTime() + (a.ttlMs ?? DEFAULT_REPLY_TTL_MS)),
  };
  await collection(ctx.conn).replaceOne({ _id: doc._id }, doc, { upsert: true });
}

/** The open question, or undefined (none, or expired). */
export async function openConversation(
  ctx: { conn: Connection; clock: Clock },
  chatId: string,
  openId: string,
): Promise<Conversation | undefined> {
  const doc = await collection(ctx.conn).findOne({ _id: `${chatId}:${openId}` });
  if (!doc || doc.expiresAt.getTime() <= ctx.clock.now().getTime()) return undefined;
  return doc;
}

/** Ends the question; only the one that was answered (a newer question asked meanwhile stays). */
export async function endConversation(
  conn: Connection,
  c: Pick<Conversation, '_id' | 'askedAt'>,
): Promise<void> {
  await collection(conn).deleteOne({ _id: c._id, askedAt: c.askedAt });
}
