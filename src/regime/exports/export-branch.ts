/**
 * Which branch `导出` is about: the one named (a reviewer or an admin asking for any branch); else the
 * branch group's own branch; else the sender's branch, in the order of the roles that may export. A
 * member's branch is found too, so that the refusal names who may.
 */
import type { CommandContext } from '../../bot/module.js';
import {
  ALL_BRANCHES,
  findBranch,
  findChatBinding,
  listActiveBranches,
  rolesOf,
  type Branch,
} from '../../org/index.js';

export type BranchChoice =
  { ok: true; branch: Branch } | { ok: false; why: 'unknown'; name: string } | { ok: false; why: 'none' };

const ROLE_ORDER = ['secretary', 'reviewer', 'member'] as const;

export async function exportBranch(ctx: CommandContext, named: string | undefined): Promise<BranchChoice> {
  if (named) {
    const all = await listActiveBranches(ctx.conn);
    const b = all.find((x) => x.name === named || x.id === named);
    const branch = b && (await findBranch(ctx.conn, b.id));
    return branch ? { ok: true, branch } : { ok: false, why: 'unknown', name: named };
  }
  const id = (await groupBranch(ctx)) ?? (await senderBranch(ctx));
  const branch = id === undefined ? undefined : await findBranch(ctx.conn, id);
  return branch ? { ok: true, branch } : { ok: false, why: 'none' };
}

/** A group bound to one branch (its branch group); a shared office channel names no single branch. */
async function groupBranch(ctx: CommandContext): Promise<string | undefined> {
  if (ctx.chatType !== 'group' || !ctx.chatId) return undefined;
  const binding = await findChatBinding(ctx.conn, ctx.chatId);
  return binding?.active && binding.branchIds.length === 1 ? binding.branchIds[0] : undefined;
}

async function senderBranch(ctx: CommandContext): Promise<string | undefined> {
  const roles = (await rolesOf(ctx.conn, ctx.senderOpenId)).filter(
    (r) => r.active !== false && r.branchId !== ALL_BRANCHES,
  );
  for (const role of ROLE_ORDER) {
    const r = roles.find((x) => x.role === role);
    if (r) return r.branchId;
  }
  return undefined;
}
