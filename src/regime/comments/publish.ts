/**
 * 公开: a submitted comment published in writing to its scope (支部群 / 公开频道 / both / 仅本人), by the
 * commenter or the branch's secretary; the person commented on (for a branch, its secretaries) always gets
 * a private card to acknowledge it. Chat messages are archived as disclosures (公开记录).
 */
import { z } from 'zod';
import { commentCard } from '../../../cards/comment-view.js';
import { defineAction, type ActionContext } from '../../bot/module.js';
import { CHAT_KIND_NAMES, findBranchChats, listBranchPeople, sourceOf } from '../../org/index.js';
import type { Comment } from './comment.entity.js';
import { findComment, updateCommentIf } from './comment.repository.js';
import { branchScope, chatKindsOf, SCOPE_NAMES, type PublicationScope } from './scope.js';
import { auditComment, COMMENT_PERMISSIONS, commenterOr, sendPrivately, warn } from './shared.js';
import { commentView, headingOf } from './views.js';

/** Who receives the private card: the member, or the secretaries for a comment on the branch. */
async function recipientsOf(ctx: Pick<ActionContext, 'conn'>, c: Comment): Promise<string[]> {
  if (c.target.type === 'member') return [c.target.id];
  return (await listBranchPeople(ctx.conn, c.branchId, 'secretary')).map((p) => p.openId);
}

/**
 * Enqueues the chat cards of the scope and the private cards; keyed per comment and destination, so a
 * retry sends nothing twice. Returns the chats of the scope that are bound and those that are not.
 */
async function deliver(ctx: ActionContext<unknown, unknown>, c: Comment, scope: PublicationScope) {
  const view = commentView(c, ctx.clock.now());
  const chats = await findBranchChats(ctx.conn, c.branchId);
  const sent: string[] = [];
  const unbound: string[] = [];
  for (const kind of chatKindsOf(scope)) {
    const chatId = chats[kind];
    if (!chatId) {
      unbound.push(CHAT_KIND_NAMES[kind].zh);
      continue;
    }
    sent.push(CHAT_KIND_NAMES[kind].zh);
    await ctx.outbox.enqueue(`comment.publish:${c.id}:${kind}`, {
      op: 'send',
      receiveIdType: 'chat_id',
      receiveId: chatId,
      card: commentCard(view, 'group'),
      disclosure: {
        kind: 'comment.published',
        title: `${headingOf(c)}：${c.target.name}（${c.commenterName}）`,
        branchIds: [c.branchId],
        period: c.period,
        data: view,
      },
    });
  }
  for (const to of await recipientsOf(ctx, c))
    await sendPrivately(ctx, `comment.publish:${c.id}:to:${to}`, to, commentCard(view, 'target'));
  return { sent, unbound };
}

function publishedToast(scope: PublicationScope, r: { sent: string[]; unbound: string[] }): string {
  if (scope === 'self') return '已发送给被点评人（公开范围：仅本人）';
  const missing = r.unbound.length ? `（${r.unbound.join('、')}未绑定）` : '';
  if (!r.sent.length) return `已通知被点评人${missing}`;
  return `已公开到${r.sent.join('和')}，并通知被点评人${missing}`;
}

export const publishAction = defineAction({
  value: z.object({ id: z.string() }),
  run: async (ctx) => {
    const c = await findComment(ctx.conn, ctx.value.id);
    if (!c || c.status === 'draft') return warn('这条点评还没有提交');
    const who = await commenterOr(ctx, c, COMMENT_PERMISSIONS.publish);
    if (!who.ok) return who.reply;
    const now = ctx.clock.now();
    // A comment submitted before scopes existed takes the branch's default, fixed now for the register.
    const scope = c.scope ?? (await branchScope(ctx.conn, c.branchId));
    const first = await updateCommentIf(ctx.conn, c.id, ['submitted'], {
      status: 'published',
      publishedAt: now,
      publishedBy: ctx.operatorOpenId,
      scope,
      updatedAt: now,
    });
    const published: Comment = first ? { ...c, status: 'published', publishedAt: now, scope } : c;
    // Sent after the state is written and again on a repeat: the outbox keys make the repeat harmless.
    const delivered = await deliver(ctx, published, published.scope ?? scope);
    if (first)
      await auditComment(ctx, {
        actor: ctx.operatorOpenId,
        actorName: who.name,
        action: 'comment.publish',
        c: published,
        source: sourceOf(ctx),
        detail: { scope, chats: delivered.sent, unbound: delivered.unbound },
      });
    return {
      toast: first
        ? { type: 'success', content: publishedToast(scope, delivered) }
        : { type: 'info', content: `这条点评已公开（${SCOPE_NAMES[published.scope ?? scope]}）` },
      card: commentCard(commentView(published, now), 'commenter'),
    };
  },
});
