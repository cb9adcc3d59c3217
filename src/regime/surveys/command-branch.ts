/** Which branch a command is about: the group's one branch, else the sender's (secretary role first). */
import type { CommandContext } from '../../bot/module.js';
import { findChatBinding, rolesOf, type Role } from '../../org/index.js';

export async function commandBranch(
  ctx: CommandContext,
  prefer: readonly Role[],
): Promise<string | undefined> {
  if (ctx.chatType === 'group' && ctx.chatId) {
    const binding = await findChatBinding(ctx.conn, ctx.chatId);
    // A shared office channel or evaluators' group serves several branches: then the sender's role decides.
    if (binding?.active && binding.branchIds.length === 1) return binding.branchIds[0];
  }
  const roles = (await rolesOf(ctx.conn, ctx.senderOpenId)).filter((r) => r.branchId !== '*');
  for (const role of prefer) {
    const r = roles.find((x) => x.role === role);
    if (r) return r.branchId;
  }
  return undefined;
}
