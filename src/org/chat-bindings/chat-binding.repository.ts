import type { Connection } from 'mongoose';
import { modelOn } from '../../db/model.js';
import type { ManagedBy } from '../people/person.entity.js';
import { putDocument, type Put } from '../put-document.js';
import type { BranchChats, ChatBinding, ChatKind } from './chat-binding.entity.js';
import { chatBindingSchema } from './chat-binding.schema.js';

const model = (conn: Connection) => modelOn(conn, 'ChatBinding', chatBindingSchema);

/** The binding of a chat, active or not. */
export async function findChatBinding(conn: Connection, chatId: string): Promise<ChatBinding | undefined> {
  return (await model(conn).findOne({ chatId }, { _id: 0 }).lean().exec()) ?? undefined;
}

/** The active chats of one branch, optionally of one kind. */
export function listBranchChatBindings(
  conn: Connection,
  q: { branchId: string; kind?: ChatKind },
): Promise<ChatBinding[]> {
  return model(conn)
    .find({ branchId: q.branchId, active: true, ...(q.kind && { kind: q.kind }) }, { _id: 0 })
    .sort({ kind: 1, chatId: 1 })
    .lean()
    .exec();
}

/** Where to post for a branch: its active chat of each kind. */
export async function findBranchChats(conn: Connection, branchId: string): Promise<BranchChats> {
  const chats: BranchChats = {};
  for (const b of await listBranchChatBindings(conn, { branchId })) chats[b.kind] ??= b.chatId;
  return chats;
}

export function listChatBindingsManagedBy(conn: Connection, managedBy: ManagedBy): Promise<ChatBinding[]> {
  return model(conn).find({ managedBy }, { _id: 0 }).lean().exec();
}

export function putChatBinding(conn: Connection, b: ChatBinding): Promise<Put<ChatBinding>> {
  return putDocument(model(conn), { chatId: b.chatId }, b, [
    'chatId',
    'branchId',
    'kind',
    'active',
    'managedBy',
    'boundBy',
  ]);
}
