/** Which branch a command is about: the group's branch, else the sender's (secretary role first). */
import type { CommandContext } from '../../bot/module.js';
import { findChatBinding, rolesOf, type Role } from '../../org/index.js';

export async function commandBranch(
  ctx: CommandContext,
  prefer: readonly Role[],
): Promise<string | undefined> {
  if (ctx.chatType === 'group' && ctx.chatId) {
    const binding = await findChatBinding(ctx.conn, ctx.chatId);
    if (binding?.active) return binding.branchId;
  }
  const roles = (await rolesOf(ctx.conn, ctx.senderOpenId)).filter((r) => r.branchId !== '*');
  for (const role of prefer) {
    const r = roles.find((x) => x.role === role);
    if (r) return r.branchId;
  }
  return undefined;
}
