/**
 * Binds a chat as the branch group of a branch, or the office channel / evaluators' group of some branches
 * or of a whole organisation. Binding it as it is already bound changes nothing (a double click, or two
 * secretaries at once). Each branch has one chat of its own per purpose, and each organisation one chat per
 * purpose: binding a new one takes those branches (or that organisation) off the old one, on record.
 * Callers check permission first.
 */
import type { Connection } from 'mongoose';
import { recordAudit, type AuditSource } from '../audit.js';
import type { ChatBinding, ChatKind, ChatScope } from '../chat-bindings/chat-binding.entity.js';
import {
  findChatBinding,
  listActiveChatBindings,
  putChatBinding,
} from '../chat-bindings/chat-binding.repository.js';
import type { Person } from '../people/person.entity.js';
import type { Put } from '../put-document.js';

export interface BindChatInput {
  chatId: string;
  kind: ChatKind;
  scope: ChatScope;
  actor: Person;
  source: AuditSource;
  now: Date;
}

export interface BindChatResult {
  changed: boolean;
  binding: ChatBinding;
  /** Chats that served some of these branches (or this organisation) for this purpose until now. */
  replaced: ChatBinding[];
}

export async function bindChat(conn: Connection, i: BindChatInput): Promise<BindChatResult> {
  const binding: ChatBinding = {
    chatId: i.chatId,
    kind: i.kind,
    ...('orgId' in i.scope
      ? { branchIds: [], orgId: i.scope.orgId }
      : { branchIds: [...i.scope.branchIds].sort() }),
    active: true,
    managedBy: 'chat',
    boundBy: i.actor.openId,
  };
  const current = await findChatBinding(conn, i.chatId);
  if (current?.active && sameScope(current, binding))
    return { changed: false, binding: current, replaced: [] };

  const audit = (action: string, b: ChatBinding, put: Put<ChatBinding>) =>
    recordAudit(conn, {
      at: i.now,
      actor: i.actor.openId,
      actorName: i.actor.name,
      action,
      ...(b.branchIds.length === 1 && { branchId: b.branchIds[0] }),
      target: { type: 'chat', id: b.chatId },
      changes: put.changes,
      source: i.source,
    });
  await audit('chat.bind', binding, await putChatBinding(conn, binding));
  const replaced: ChatBinding[] = [];
  for (const { before, after } of await overlapping(conn, binding)) {
    await audit(after.active ? 'chat.narrow' : 'chat.deactivate', before, await putChatBinding(conn, after));
    replaced.push(before);
  }
  return { changed: true, binding, replaced };
}

/**
 * The other active chats this binding takes over from: of the same kind, serving some of its branches in
 * their own right (they lose those branches, and are deactivated when none is left), or serving its
 * organisation as a whole. An organisation's chat does not take over from branches' own chats: theirs win.
 */
export async function overlapping(
  conn: Connection,
  b: ChatBinding,
): Promise<Array<{ before: ChatBinding; after: ChatBinding }>> {
  if (!b.active) return [];
  const others = await listActiveChatBindings(conn, {
    kind: b.kind,
    ...(b.orgId !== undefined ? { orgIds: [b.orgId] } : { branchIds: b.branchIds }),
  });
  return others
    .filter((o) => o.chatId !== b.chatId && (o.orgId ?? '') === (b.orgId ?? ''))
    .map((before) => {
      const left = before.branchIds.filter((id) => !b.branchIds.includes(id));
      const after =
        before.orgId === undefined && left.length > 0
          ? { ...before, branchIds: left }
          : { ...before, active: false };
      return { before, after };
    });
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
    ...(current.branchIds.length === 1 && { branchId: current.branchIds[0] }),
    target: { type: 'chat', id: current.chatId },
    changes: put.changes,
    source: i.source,
  });
  return current;
}

export function sameScope(a: ChatBinding, b: ChatBinding): boolean {
  return a.kind === b.kind && a.orgId === b.orgId && a.branchIds.join(',') === b.branchIds.join(',');
}
