/**
 * Binds a chat to a branch as its branch group, office channel or evaluators' group. Binding it as it is
 * already bound changes nothing (a double click, or two secretaries at once); binding a branch's new chat of
 * a kind retires the old one, so each branch has one place per purpose. Callers check permission first.
 */
import type { Connection } from 'mongoose';
import { recordAudit, type AuditSource } from '../audit.js';
import type { ChatBinding, ChatKind } from '../chat-bindings/chat-binding.entity.js';
import {
  findChatBinding,
  listBranchChatBindings,
  putChatBinding,
} from '../chat-bindings/chat-binding.repository.js';
import type { Person } from '../people/person.entity.js';

export interface BindChatInput {
  chatId: string;
  branchId: string;
  kind: ChatKind;
  actor: Person;
  source: AuditSource;
  now: Date;
}

export interface BindChatResult {
  changed: boolean;
  binding: ChatBinding;
  /** Chats that were this branch's chat of this kind until now. */
  replaced: ChatBinding[];
}

export async function bindChat(conn: Connection, i: BindChatInput): Promise<BindChatResult> {
  const current = await findChatBinding(conn, i.chatId);
  if (current?.active && current.branchId === i.branchId && current.kind === i.kind) {
    return { changed: false, binding: current, replaced: [] };
  }
  const binding: ChatBinding = {
    chatId: i.chatId,
    branchId: i.branchId,
    kind: i.kind,
    active: true,
    managedBy: 'chat',
    boundBy: i.actor.openId,
  };
  const audit = (action: string, b: ChatBinding, changes: Record<string, { from?: unknown; to?: unknown }>) =>
    recordAudit(conn, {
      at: i.now,
      actor: i.actor.openId,
      actorName: i.actor.name,
      action,
      branchId: b.branchId,
      target: { type: 'chat', id: b.chatId },
      changes,
      source: i.source,
    });
  const put = await putChatBinding(conn, binding);
  await audit('chat.bind', binding, put.changes);
  const replaced: ChatBinding[] = [];
  for (const other of await listBranchChatBindings(conn, { branchId: i.branchId, kind: i.kind })) {
    if (other.chatId === i.chatId) continue;
    const retired = await putChatBinding(conn, { ...other, active: false });
    await audit('chat.deactivate', other, retired.changes);
    replaced.push(other);
  }
  return { changed: true, binding, replaced };
}

/** The bot left the chat: the binding stays on record, inactive. */
export async function unbindChat(
  conn: Connection,
  i: { chatId: string; actor: string; source: AuditSource; now: Date },
): Promise<ChatBinding | undefined> {
  const current = await findChatBinding(conn, i.chatId);
  if (!current?.active) return undefined;
  const put = await putChatBinding(conn, { ...current, active: false });
  await recordAudit(conn, {
    at: i.now,
    actor: i.actor,
    action: 'chat.unbind',
    branchId: current.branchId,
    target: { type: 'chat', id: current.chatId },
    changes: put.changes,
    source: i.source,
  });
  return current;
}
