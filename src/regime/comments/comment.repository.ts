/** The comment register and the prompts, as plain objects. */
import type { Connection } from 'mongoose';
import { modelOn } from '../../db/model.js';
import { isDuplicateKey } from '../../errors.js';
import type { Comment, CommentPrompt } from './comment.entity.js';
import {
  commentPromptSchema,
  commentSchema,
  type CommentDoc,
  type CommentPromptDoc,
} from './comment.schema.js';

const comments = (conn: Connection) => modelOn(conn, 'Comment', commentSchema);
const prompts = (conn: Connection) => modelOn(conn, 'CommentPrompt', commentPromptSchema);

/** The register's native collection, for streaming reads that need no mongoose document. */
export const commentCollection = (conn: Connection) => conn.db!.collection<CommentDoc>('comments');

const fromDoc = ({ _id, ...rest }: CommentDoc): Comment => ({ id: _id, ...rest });
const promptFromDoc = ({ _id, ...rest }: CommentPromptDoc): CommentPrompt => ({ id: _id, ...rest });

export async function findComment(conn: Connection, id: string): Promise<Comment | undefined> {
  const doc = await comments(conn).findOne({ _id: id }).lean<CommentDoc>().exec();
  return doc ? fromDoc(doc) : undefined;
}

export async function findComments(conn: Connection, ids: readonly string[]): Promise<Comment[]> {
  if (ids.length === 0) return [];
  const docs = await comments(conn)
    .find({ _id: { $in: [...ids] } })
    .lean<CommentDoc[]>()
    .exec();
  return docs.map(fromDoc);
}

/** Comments matching the filter, oldest first (the register's order). */
export async function listComments(
  conn: Connection,
  q: {
    branchIds?: readonly string[];
    period?: string;
    commenterId?: string;
    targetId?: string;
    status?: readonly Comment['status'][];
  },
): Promise<Comment[]> {
  const filter: Record<string, unknown> = {};
  if (q.branchIds) filter['branchId'] = { $in: [...q.branchIds] };
  if (q.period) filter['period'] = q.period;
  if (q.commenterId) filter['commenterId'] = q.commenterId;
  if (q.targetId) filter['target.id'] = q.targetId;
  if (q.status) filter['status'] = { $in: [...q.status] };
  const docs = await comments(conn).find(filter).sort({ submittedAt: 1, _id: 1 }).lean<CommentDoc[]>().exec();
  return docs.map(fromDoc);
}

/**
 * The submitted and published comments of these branches about a year (its quarters, halves and the year
 * itself: period keys from "2026" up to, not including, "2027"), in the register's order, one at a time.
 */
export async function* streamYearComments(
  conn: Connection,
  q: { branchIds: readonly string[]; year: number },
): AsyncGenerator<Comment> {
  const cursor = comments(conn)
    .find({
      branchId: { $in: [...q.branchIds] },
      status: { $in: ['submitted', 'published'] },
      period: { $gte: String(q.year), $lt: String(q.year + 1) },
    })
    .sort({ submittedAt: 1, _id: 1 })
    .lean<CommentDoc>()
    .cursor();
  for await (const doc of cursor) yield fromDoc(doc as CommentDoc);
}

/** Creates the draft unless it exists; returns the stored comment either way, and whether this call made it. */
export async function createDraftIfMissing(
  conn: Connection,
  c: Comment,
): Promise<{ comment: Comment; created: boolean }> {
  const { id, ...rest } = c;
  let created = true;
  try {
    await comments(conn).create({ _id: id, ...rest });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    created = false;
  }
  return { comment: (await findComment(conn, id))!, created };
}

/**
 * Changes a comment only while it is in one of the given states: the guard that makes a double submit, a
 * re-delivered click or a stale card have one effect. True when this call changed it.
 */
export async function updateCommentIf(
  conn: Connection,
  id: string,
  inStatus: readonly Comment['status'][],
  set: Partial<Omit<Comment, 'id'>>,
): Promise<boolean> {
  const res = await comments(conn)
    .updateOne({ _id: id, status: { $in: [...inStatus] } }, { $set: set })
    .exec();
  return res.modifiedCount === 1;
}

export async function setItems(conn: Connection, id: string, items: Comment['items'], now: Date) {
  await comments(conn)
    .updateOne({ _id: id }, { $set: { items, updatedAt: now } })
    .exec();
}

export async function setAcknowledged(conn: Connection, id: string, now: Date): Promise<boolean> {
  const res = await comments(conn)
    .updateOne({ _id: id, acknowledgedAt: { $exists: false } }, { $set: { acknowledgedAt: now } })
    .exec();
  return res.modifiedCount === 1;
}

/** Stores the prompt unless one exists for this commenter, kind and period (first branch run wins). */
export async function createPromptIfMissing(conn: Connection, p: CommentPrompt): Promise<boolean> {
  const { id, ...rest } = p;
  try {
    await prompts(conn).create({ _id: id, ...rest });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

export async function findPrompt(conn: Connection, id: string): Promise<CommentPrompt | undefined> {
  const doc = await prompts(conn).findOne({ _id: id }).lean<CommentPromptDoc>().exec();
  return doc ? promptFromDoc(doc) : undefined;
}

/** Prompts of a kind and period that include a branch: who must comment there. */
export async function listPrompts(
  conn: Connection,
  q: { kind?: Comment['kind']; period?: string; branchId?: string; commenterId?: string },
): Promise<CommentPrompt[]> {
  const filter: Record<string, unknown> = {};
  if (q.kind) filter['kind'] = q.kind;
  if (q.period) filter['period'] = q.period;
  if (q.branchId) filter['branchIds'] = q.branchId;
  if (q.commenterId) filter['commenterId'] = q.commenterId;
  const docs = await prompts(conn).find(filter).sort({ _id: 1 }).lean<CommentPromptDoc[]>().exec();
  return docs.map(promptFromDoc);
}
