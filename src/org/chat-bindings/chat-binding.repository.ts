import type { Connection } from 'mongoose';
import { modelOn } from '../../db/model.js';
import type { ManagedBy } from '../people/person.entity.js';
import { putDocument, type Put } from '../put-document.js';
import type { ChatBinding, ChatKind, ChatScope } from './chat-binding.entity.js';
import { chatBindingSchema } from './chat-binding.schema.js';

const model = (conn: Connection) => modelOn(conn, 'ChatBinding', chatBindingSchema);

/** The binding of a chat, active or not. */
export async function findChatBinding(conn: Connection, chatId: string): Promise<ChatBinding | undefined> {
  const doc = await model(conn).findOne({ chatId }, { _id: 0 }).lean().exec();
  return doc ? normalise(doc) : undefined;
}

/**
 * The active chats serving any of these branches in their own right (not through their organisation), or
 * any of these organisations as a whole; optionally of one kind. Sorted by kind, then chat.
 */
export async function listActiveChatBindings(
  conn: Connection,
  q: { branchIds?: readonly string[]; orgIds?: readonly string[]; kind?: ChatKind },
): Promise<ChatBinding[]> {
  const scopes = [
    ...(q.branchIds?.length ? [{ branchIds: { $in: [...q.branchIds] } }] : []),
    ...(q.orgIds?.length ? [{ orgId: { $in: [...q.orgIds] } }] : []),
  ];
  if (scopes.length === 0) return [];
  const docs = await model(conn)
    .find({ active: true, ...(q.kind && { kind: q.kind }), $or: scopes }, { _id: 0 })
    .sort({ kind: 1, chatId: 1 })
    .lean()
    .exec();
  return docs.map(normalise);
}

export async function listChatBindingsManagedBy(
  conn: Connection,
  managedBy: ManagedBy,
): Promise<ChatBinding[]> {
  return (await model(conn).find({ managedBy }, { _id: 0 }).lean().exec()).map(normalise);
}

export function putChatBinding(conn: Connection, b: ChatBinding): Promise<Put<ChatBinding>> {
  const { branchIds, ...rest } = normalise(b);
  // An organisation's chat has no branch list at all (an empty array is not kept by every engine alike).
  const stored = (branchIds.length > 0 ? { ...rest, branchIds } : rest) as ChatBinding;
  return putDocument(model(conn), { chatId: b.chatId }, stored, [
    'chatId',
    'kind',
    'branchIds',
    'orgId',
    'active',
    'managedBy',
    'boundBy',
  ]);
}

/** Whom the binding serves, as a scope. */
export function scopeOf(b: ChatBinding): ChatScope {
  return b.orgId !== undefined ? { orgId: b.orgId } : { branchIds: b.branchIds };
}

/** Branch ids sorted and unique, so that two bindings of the same scope compare equal. */
function normalise(b: ChatBinding): ChatBinding {
  return { ...b, branchIds: [...new Set(b.branchIds ?? [])].sort() };
}
