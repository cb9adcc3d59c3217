/** 点评范围: the secretary (or an admin) sets where the branch's comments are published by default. */
import { z } from 'zod';
import { commentScopeCard } from '../../../cards/comment-scope.js';
import { noticeCard } from '../../../cards/org-notice.js';
import { defineAction, type Command } from '../../bot/module.js';
import {
  findBranch,
  listBranchesWithRole,
  recordAudit,
  refusalCard,
  refusalReply,
  requireRole,
  sourceOf,
} from '../../org/index.js';
import type { Connection } from 'mongoose';
import { branchScope, SCOPE_NAMES, SCOPES, setBranchScope } from './scope.js';
import { COMMENT_PERMISSIONS } from './shared.js';

async function scopeCard(conn: Connection, branch: { id: string; name: string }) {
  return commentScopeCard({
    branchId: branch.id,
    branchName: branch.name,
    scope: await branchScope(conn, branch.id),
    scopes: SCOPES.map((value) => ({ value, text: SCOPE_NAMES[value] })),
  });
}

export const scopeCommand: Command = {
  name: 'comment-scope',
  words: ['点评范围'],
  summary: '（书记、管理员）设置本支部点评默认公开范围：支部群、公开频道或仅本人',
  async run(ctx) {
    const allowed = await requireRole(ctx.conn, ctx.senderOpenId, COMMENT_PERMISSIONS.scope);
    if (!allowed.ok) return ctx.reply(refusalCard(allowed));
    const branches = await listBranchesWithRole(ctx.conn, ctx.senderOpenId, COMMENT_PERMISSIONS.scope.roles);
    const wanted = ctx.args.trim();
    const chosen = wanted
      ? branches.find((b) => b.name === wanted || b.id === wanted)
      : branches.length === 1
        ? branches[0]
        : undefined;
    if (!chosen)
      return ctx.reply(
        noticeCard({
          title: { zh: '请指明支部' },
          text: {
            zh: `请发送「点评范围 支部名称」，可设置：${branches
              .slice(0, 20)
              .map((b) => b.name)
              .join('、')}`,
          },
          tone: 'hint',
        }),
      );
    await ctx.reply(await scopeCard(ctx.conn, chosen));
  },
};

export const scopeAction = defineAction({
  value: z.object({ branch: z.string(), scope: z.enum(SCOPES) }),
  run: async (ctx) => {
    const { branch: branchId, scope } = ctx.value;
    const allowed = await requireRole(ctx.conn, ctx.operatorOpenId, COMMENT_PERMISSIONS.scope, branchId);
    if (!allowed.ok) return refusalReply(allowed);
    const branch = await findBranch(ctx.conn, branchId);
    if (!branch) return { toast: { type: 'warning', content: '这个支部不存在' } };
    const before = await branchScope(ctx.conn, branchId);
    if (before !== scope) {
      const now = ctx.clock.now();
      await setBranchScope(ctx.conn, { branchId, scope, by: ctx.operatorOpenId, now });
      await recordAudit(ctx.conn, {
        at: now,
        actor: ctx.operatorOpenId,
        actorName: allowed.person.name,
        action: 'comment.scope-default',
        branchId,
        target: { type: 'branch', id: branchId },
        changes: { scope: { from: before, to: scope } },
        source: sourceOf(ctx),
      });
    }
    return {
      toast: { type: 'success', content: `点评默认公开范围已设为：${SCOPE_NAMES[scope]}` },
      card: await scopeCard(ctx.conn, branch),
    };
  },
});
