/**
 * Where to post for branches. A branch's own chat of a kind wins; where it has none, its organisation's
 * chat of that kind (the county office's one 公开频道 for every branch) serves it. Several branches often
 * share one office channel, so whatever goes "to the office channel" is resolved per chat: one message
 * covering the branches that share it, never the same card once per branch.
 */
import type { Connection } from 'mongoose';
import type { Branch } from '../branches/branch.entity.js';
import { findBranch, listBranches } from '../branches/branch.repository.js';
import {
  CHAT_KINDS,
  type BranchChats,
  type ChatBinding,
  type ChatKind,
} from '../chat-bindings/chat-binding.entity.js';
import { listActiveChatBindings } from '../chat-bindings/chat-binding.repository.js';

/** One chat and the branches (of those asked about) it serves for the purpose. */
export interface ResolvedChat {
  chatId: string;
  /** Sorted. */
  branchIds: string[];
}

/** Each branch's effective chat of each kind: its own, else its organisation's. */
export async function findBranchChats(conn: Connection, branchId: string): Promise<BranchChats> {
  const branch = await findBranch(conn, branchId);
  const effective = await effectiveChats(conn, [branch ?? { id: branchId }]);
  const chats: BranchChats = {};
  for (const kind of CHAT_KINDS) {
    const chatId = effective.get(`${branchId}|${kind}`);
    if (chatId) chats[kind] = chatId;
  }
  return chats;
}

/**
 * The chats that serve these branches for the purpose, each once, with the branches it serves; branches
 * with no such chat are left out. Order: by the first branch (as given) each chat serves.
 */
export async function resolveChats(
  conn: Connection,
  branchIds: readonly string[],
  purpose: ChatKind,
): Promise<ResolvedChat[]> {
  const wanted = new Set(branchIds);
  const branches = (await listBranches(conn)).filter((b) => wanted.has(b.id));
  const known = new Set(branches.map((b) => b.id));
  const all = [...branches, ...[...wanted].filter((id) => !known.has(id)).map((id) => ({ id }))];
  const effective = await effectiveChats(conn, all, purpose);
  const byChat = new Map<string, string[]>();
  for (const id of branchIds) {
    const chatId = effective.get(`${id}|${purpose}`);
    if (!chatId) continue;
    const served = byChat.get(chatId) ?? [];
    if (!served.includes(id)) served.push(id);
    byChat.set(chatId, served);
  }
  return [...byChat].map(([chatId, ids]) => ({ chatId, branchIds: ids.sort() }));
}

/**
 * The chat that serves this branch for the purpose, with every active branch that shares it: what a
 * per-branch job needs to send one message per chat (each branch's run builds the same message under the
 * same outbox key, and the outbox sends it once).
 */
export async function findSharedChat(
  conn: Connection,
  branchId: string,
  purpose: ChatKind,
): Promise<ResolvedChat | undefined> {
  const active = (await listBranches(conn, { active: true })).map((b) => b.id);
  const ids = active.includes(branchId) ? active : [branchId, ...active];
  return (await resolveChats(conn, ids, purpose)).find((c) => c.branchIds.includes(branchId));
}

/** `${branchId}|${kind}` → chat id. */
async function effectiveChats(
  conn: Connection,
  branches: ReadonlyArray<Pick<Branch, 'id'> & { orgId?: string }>,
  kind?: ChatKind,
): Promise<Map<string, string>> {
  const orgIds = [...new Set(branches.flatMap((b) => (b.orgId ? [b.orgId] : [])))];
  const bindings = await listActiveChatBindings(conn, {
    branchIds: branches.map((b) => b.id),
    orgIds,
    ...(kind && { kind }),
  });
  const own = (b: ChatBinding, id: string) => b.orgId === undefined && b.branchIds.includes(id);
  const out = new Map<string, string>();
  for (const branch of branches) {
    for (const k of kind ? [kind] : CHAT_KINDS) {
      const chat =
        bindings.find((b) => b.kind === k && own(b, branch.id)) ??
        (k === 'branch_group' || branch.orgId === undefined
          ? undefined
          : bindings.find((b) => b.kind === k && b.orgId === branch.orgId));
      if (chat) out.set(`${branch.id}|${k}`, chat.chatId);
    }
  }
  return out;
}
