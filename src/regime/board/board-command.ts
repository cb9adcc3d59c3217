/**
 * 公开栏 in chat: a card linking to the public board. In a bound group, of the branches the chat serves
 * (and their organisation); elsewhere, of the branches the sender belongs to in any role.
 */
import { boardLinkCard, type BoardLink } from '../../../cards/board-link.js';
import { noticeCard } from '../../../cards/org-notice.js';
import type { Command, CommandContext } from '../../bot/module.js';
import {
  findBranch,
  findChatBinding,
  findOrganisation,
  listBranches,
  listBranchesWithRole,
  ROLES,
  type Branch,
} from '../../org/index.js';
import { branchBoardPath, orgBoardPath, publicUrl } from './board-url.js';

/** The branches the command is about, by the chat it came from, else by who asked. */
async function branchesFor(ctx: CommandContext): Promise<Branch[]> {
  if (ctx.chatType === 'group' && ctx.chatId) {
    const binding = await findChatBinding(ctx.conn, ctx.chatId);
    if (binding?.active && binding.orgId)
      return listBranches(ctx.conn, { orgId: binding.orgId, active: true });
    if (binding?.active && binding.branchIds.length) {
      const found = await Promise.all(binding.branchIds.map((id) => findBranch(ctx.conn, id)));
      return found.filter((b): b is Branch => b !== undefined);
    }
  }
  const mine = await listBranchesWithRole(ctx.conn, ctx.senderOpenId, ROLES);
  const found = await Promise.all(mine.map((b) => findBranch(ctx.conn, b.id)));
  return found.filter((b): b is Branch => b !== undefined);
}

export const boardCommand: Command = {
  name: 'board',
  words: ['公开栏', 'board'],
  summary: '公开栏：打开本支部的公开网页（承诺践诺、月度评定、点评、评议结果、表彰）',
  async run(ctx) {
    const branches = await branchesFor(ctx);
    if (!branches.length)
      return ctx.reply(
        noticeCard({
          title: { zh: '公开栏' },
          text: { zh: '没有找到你所在的支部。请在支部群里 **@我** 发送「公开栏」。' },
          tone: 'hint',
        }),
      );
    const link = (name: string, path: string): BoardLink => ({ name, url: publicUrl(ctx.config, path) });
    const orgIds = [...new Set(branches.map((b) => b.orgId))];
    // One organisation: its page too, since it links every branch; several (an admin): each branch alone.
    const org = orgIds.length === 1 ? await findOrganisation(ctx.conn, orgIds[0]!) : undefined;
    return ctx.reply(
      boardLinkCard({
        branches: branches.slice(0, 20).map((b) => link(b.name, branchBoardPath(b.id))),
        ...(org && branches.length > 1 && { org: link(org.name, orgBoardPath(org.id)) }),
        absolute: ctx.config.publicBaseUrl !== undefined,
      }),
    );
  },
};
