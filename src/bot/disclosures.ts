/**
 * 公开记录: every disclosure the bot makes is archived here — what was shown (its title and kind), to which
 * chat, for which branches and period, when it was queued and sent, Lark's message id, and the data the card
 * was built from — so "what did we disclose in March" has an exact answer long after the outbox forgot.
 *
 * A module marks a message as a disclosure by giving the outbox a `disclosure` tag with it (or to
 * `sendToChats`); the outbox writes the archive entry under the message's own idempotency key before it
 * queues the message, and stamps the message id once Lark has it. One key, one entry: a retried job or a
 * second instance archives nothing twice.
 */
import type { Db } from 'mongodb';

/** What a module says about a message that discloses something. */
export interface DisclosureTag {
  /** What kind of disclosure: `rating.monthly`, `pledge.published`, `digest.quarterly` … */
  kind: string;
  /** One line in Chinese, as the archive lists it: 「2026年11月 党员月度评定结果」. */
  title: string;
  /** The branches it covers (a shared office channel's digest covers several). */
  branchIds: readonly string[];
  /** The period it covers: YYYY, YYYY-MM, YYYY-Qn, YYYY-H1/H2; absent for an ad-hoc disclosure. */
  period?: string | undefined;
  /** The view data the card was built from. */
  data: unknown;
}

export interface DisclosureRecord {
  /** The outbox key of the message. */
  _id: string;
  kind: string;
  title: string;
  branchIds: string[];
  period?: string;
  /** Where it was shown: the chat id or open_id the message went to. */
  receiveId: string;
  receiveIdType: string;
  /** The data, as JSON text (it may hold any keys; FerretDB refuses field names with dots). */
  dataJson: string;
  queuedAt: Date;
  sentAt?: Date;
  messageId?: string;
}

export const DISCLOSURES = 'disclosures';

/** Archives a disclosure before its message is queued; a second call under the same key changes nothing. */
export async function archiveDisclosure(
  db: Db,
  key: string,
  tag: DisclosureTag,
  to: { receiveIdType: string; receiveId: string },
  now: Date,
): Promise<void> {
  const doc: Omit<DisclosureRecord, '_id'> = {
    kind: tag.kind,
    title: tag.title,
    branchIds: [...tag.branchIds],
    ...(tag.period !== undefined && { period: tag.period }),
    receiveId: to.receiveId,
    receiveIdType: to.receiveIdType,
    dataJson: JSON.stringify(tag.data ?? null),
    queuedAt: now,
  };
  await db
    .collection<DisclosureRecord>(DISCLOSURES)
    .updateOne({ _id: key }, { $setOnInsert: doc }, { upsert: true });
}

/** Stamps Lark's message id on the archived disclosure sent under `key`. */
export async function markDisclosureSent(db: Db, key: string, messageId: string, at: Date): Promise<void> {
  await db
    .collection<DisclosureRecord>(DISCLOSURES)
    .updateOne({ _id: key }, { $set: { messageId, sentAt: at } });
}

export interface DisclosureQuery {
  branchId?: string;
  kind?: string;
  /** Exact period (`2026-03`) or a prefix of one (`2026` finds every period in 2026). */
  period?: string;
  /** Queued in [from, to). */
  from?: Date;
  to?: Date;
  limit?: number;
}

/** The archive, newest first. */
export async function listDisclosures(db: Db, q: DisclosureQuery): Promise<DisclosureRecord[]> {
  const filter: Record<string, unknown> = {};
  if (q.branchId) filter.branchIds = q.branchId;
  if (q.kind) filter.kind = q.kind;
  if (q.period) filter.period = { $regex: `^${q.period.replace(/[^\w-]/g, '')}` };
  if (q.from || q.to) filter.queuedAt = { ...(q.from && { $gte: q.from }), ...(q.to && { $lt: q.to }) };
  return db
    .collection<DisclosureRecord>(DISCLOSURES)
    .find(filter)
    .sort({ queuedAt: -1 })
    .limit(q.limit ?? 200)
    .toArray();
}
