/**
 * 评定等次: shows the branch's rating scale; `评定等次 好 较好 一般 差` sets it, `评定等次 默认` restores the
 * default. In a branch group it is that branch's; in private chat, the branch the sender is secretary (or
 * a branch's admin) of. Only the secretary or an admin may change it; the change is audited.
 */
import { noticeCard } from '../../../cards/org-notice.js';
import { ratingScaleCard } from '../../../cards/rating-scale.js';
import type { Command, CommandContext } from '../../bot/module.js';
import {
  findBranch,
  findChatBinding,
  recordAudit,
  refusalCard,
  requireRole,
  sourceOf,
} from '../../org/index.js';
import { branchWithRole } from '../records/member-branch.js';
import { branchScale, findBranchScale, parseScale, putBranchScale, SCALE_PERMISSION } from './scale.js';

/** The branch the command is about: the group's, or the sender's own (as secretary, admin or member). */
async function branchOf(ctx: CommandContext): Promise<string | undefined> {
  if (ctx.chatType === 'group') {
    const binding = await findChatBinding(ctx.conn, ctx.chatId);
    if (binding?.active && binding.kind === 'branch_group') return binding.branchIds[0];
  }
  // A member's own branch too, so that they are told who may set it rather than where to ask.
  for (const role of ['secretary', 'admin', 'member'] as const) {
    const branchId = await branchWithRole(ctx.conn, ctx.senderOpenId, role);
    if (branchId) return branchId;
  }
  return undefined;
}

const hint = (zh: string, en: string) =>
  noticeCard({ title: { zh: '评定等次', en: 'Rating scale' }, text: { zh, en }, tone: 'hint' });

export const ratingScaleCommand: Command = {
  name: 'rating-scale',
  words: ['评定等次', 'rating scale'],
  summary: '（书记、管理员）查看或设置本支部的评定等次，如「评定等次 好 较好 一般 差」',
  async run(ctx) {
    const branchId = await branchOf(ctx);
    if (!branchId) {
      return ctx.reply(
        hint('请在支部群里 **@我** 发送「评定等次」，或由支部书记私聊我发送。', 'Use it in a branch group.'),
      );
    }
    const allowed = await requireRole(ctx.conn, ctx.senderOpenId, SCALE_PERMISSION, branchId);
    if (!allowed.ok) return ctx.reply(refusalCard(allowed));
    const branchName = (await findBranch(ctx.conn, branchId))?.name ?? branchId;
    if (!ctx.args)
      return ctx.reply(ratingScaleCard({ branchName, ...(await findBranchScale(ctx.conn, branchId)) }));
    const parsed = parseScale(ctx.args);
    if (!parsed.ok) return ctx.reply(hint(parsed.reason, 'Write 2 to 6 distinct grades, best first.'));
    const at = ctx.clock.now();
    const before = await putBranchScale(ctx.conn, {
      branchId,
      grades: parsed.grades,
      by: ctx.senderOpenId,
      at,
    });
    const grades = await branchScale(ctx.conn, branchId);
    await recordAudit(ctx.conn, {
      at,
      actor: ctx.senderOpenId,
      actorName: allowed.person.name,
      action: 'rating.scale',
      branchId,
      target: { type: 'branch', id: branchId },
      changes: { grades: { from: before.join('/'), to: grades.join('/') } },
      source: sourceOf(ctx),
    });
    await ctx.reply(
      ratingScaleCard({ branchName, grades, own: parsed.grades !== undefined, changedFrom: before }),
    );
  },
};
