/**
 * Which branch a 通报 or 公开记录 is about: the branch named after the command word, else the group's one
 * branch, else the sender's own branch (by the roles given, in order), else the only active branch.
 */
import type { CommandContext } from '../../bot/module.js';
import { findChatBinding, listActiveBranches, rolesOf, type Role } from '../../org/index.js';

export type BranchChoice = { branchId: string; rest: string } | { problem: string };

export async function branchOfCommand(ctx: CommandContext, prefer: readonly Role[]): Promise<BranchChoice> {
  const branches = await listActiveBranches(ctx.conn);
  const named = branches.find((b) => ctx.args.startsWith(b.name) || ctx.args.split(/\s+/)[0] === b.id);
  if (named) {
    const word = ctx.args.startsWith(named.name) ? named.name : named.id;
    return { branchId: named.id, rest: ctx.args.slice(word.length).trim() };
  }
  const rest = ctx.args;
  if (ctx.chatType === 'group' && ctx.chatId) {
    const binding = await findChatBinding(ctx.conn, ctx.chatId);
    // A shared office channel serves several branches: then the sender's own branch decides.
    if (binding?.active && binding.branchIds.length === 1) return { branchId: binding.branchIds[0]!, rest };
  }
  const roles = (await rolesOf(ctx.conn, ctx.senderOpenId)).filter((r) => r.branchId !== '*');
  for (const role of prefer) {
    const r = roles.find((x) => x.role === role);
    if (r) return { branchId: r.branchId, rest };
  }
  if (branches.length === 1) return { branchId: branches[0]!.id, rest };
  return {
    problem: `请在命令后写上支部名称，例如「${ctx.command === 'briefing' ? '通报' : '公开记录'} ${branches[0]?.name ?? '第一党支部'}」`,
  };
}
