/** Reads the binding card's branch picks as a scope, and what a re-binding takes away from the old one. */
import type { Connection } from 'mongoose';
import type { Text } from '../../../cards/kit.js';
import { listBranches } from '../branches/branch.repository.js';
import type { ChatKind, ChatScope } from '../chat-bindings/chat-binding.entity.js';
import { WHOLE_ORG_PREFIX } from './binding-views.js';

const GONE: Text = {
  zh: '所选支部已不存在，请在群里 @我 发送「绑定」重新选择',
  en: 'A chosen branch no longer exists; ask for the card again.',
};

/** Branch ids and 「全部支部」 values (`org:<id>`) as a scope, or why they do not make one. */
export async function scopeFromPicks(
  conn: Connection,
  picks: readonly string[],
  kind: ChatKind,
): Promise<ChatScope | { problem: Text }> {
  const active = await listBranches(conn, { active: true });
  const orgIds = [...new Set(picks.filter((p) => p.startsWith(WHOLE_ORG_PREFIX)))].map((p) =>
    p.slice(WHOLE_ORG_PREFIX.length),
  );
  const branchIds = [...new Set(picks.filter((p) => !p.startsWith(WHOLE_ORG_PREFIX)))].sort();
  const oneBranch: Text = {
    zh: '支部群只能属于一个支部，请只选择一个支部',
    en: 'A branch group serves one branch: choose exactly one.',
  };
  if (orgIds.length > 0) {
    if (kind === 'branch_group') return { problem: oneBranch };
    if (orgIds.length > 1)
      return {
        problem: { zh: '请只选择一个组织的「全部支部」', en: "Choose one organisation's 'all branches'." },
      };
    if (!active.some((b) => b.orgId === orgIds[0])) return { problem: GONE };
    return { orgId: orgIds[0]! };
  }
  if (branchIds.some((id) => !active.some((b) => b.id === id))) return { problem: GONE };
  if (kind === 'branch_group' && branchIds.length > 1) return { problem: oneBranch };
  return { branchIds };
}

/** What re-binding a chat from `old` to `next` takes away from the old scope, if anything. */
export async function lostScope(
  conn: Connection,
  old: ChatScope,
  next: ChatScope,
): Promise<ChatScope | undefined> {
  if ('orgId' in old) return 'orgId' in next && next.orgId === old.orgId ? undefined : old;
  let kept: (id: string) => boolean;
  if ('orgId' in next) {
    const inOrg = new Set((await listBranches(conn, { orgId: next.orgId })).map((b) => b.id));
    kept = (id) => inOrg.has(id);
  } else kept = (id) => next.branchIds.includes(id);
  const lost = old.branchIds.filter((id) => !kept(id));
  return lost.length > 0 ? { branchIds: lost } : undefined;
}
