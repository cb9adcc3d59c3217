/**
 * After a comment is submitted: 公开 to the branch group with a private card to the person commented on
 * (确认收到), and the things to put right followed — 报告进展 by the target, 办结 / 重新打开 by the commenter.
 */
import { z } from 'zod';
import { noticeCard } from '../../../cards/org-notice.js';
import { commentCard } from '../../../cards/comment-view.js';
import { awaitReply } from '../../bot/conversations.js';
import {
  defineAction,
  type ActionContext,
  type ActionDefinition,
  type CardReply,
  type ReplyHandler,
} from '../../bot/module.js';
import { findBranchChats, listBranchPeople, requireRole, sourceOf } from '../../org/index.js';
import type { Comment } from './comment.entity.js';
import { findComment, setAcknowledged, setItems, updateCommentIf } from './comment.repository.js';
import { auditComment, COMMENT_PERMISSIONS, commenterOr, sendPrivately, warn } from './shared.js';
import { commentView } from './views.js';

const byId = z.object({ id: z.string() });
const byItem = z.object({ id: z.string(), no: z.number().int().min(1) });

/** Who receives the private card: the member, or the secretaries for a comment on the branch. */
async function recipientsOf(ctx: { conn: ActionContext['conn'] }, c: Comment): Promise<string[]> {
  if (c.target.type === 'member') return [c.target.id];
  return (await listBranchPeople(ctx.conn, c.branchId, 'secretary')).map((p) => p.openId);
}

/** The target (or for a branch, its secretary) may acknowledge and report progress. */
async function targetCheck(
  ctx: ActionContext<unknown, unknown>,
  c: Comment,
  to: string,
): Promise<CardReply | undefined> {
  if (c.target.type === 'member')
    return ctx.operatorOpenId === c.target.id ? undefined : warn(`只有被点评的党员可以${to}`);
  const allowed = await requireRole(ctx.conn, ctx.operatorOpenId, COMMENT_PERMISSIONS.secretary, c.branchId);
  return allowed.ok ? undefined : warn(`只有该支部书记可以${to}`);
}

async function load(id: string, ctx: ActionContext<unknown, unknown>) {
  return findComment(ctx.conn, id);
}

/** Enqueues the group card and the private cards; keyed per comment, so a retry sends nothing twice. */
async function deliverPublication(ctx: ActionContext<unknown, unknown>, c: Comment): Promise<boolean> {
  const now = ctx.clock.now();
  const view = commentView(c, now);
  const group = (await findBranchChats(ctx.conn, c.branchId)).branch_group;
  if (group)
    await ctx.outbox.enqueue(`comment.publish:${c.id}:group`, {
      op: 'send',
      receiveIdType: 'chat_id',
      receiveId: group,
      card: commentCard(view, 'group'),
      disclosure: {
        kind: 'comment.published',
        title: `${c.commenterName}对${c.target.name}的点评（${c.period}）`,
        branchIds: [c.branchId],
        period: c.period,
        data: view,
      },
    });
  for (const to of await recipientsOf(ctx, c))
    await sendPrivately(ctx, `comment.publish:${c.id}:to:${to}`, to, commentCard(view, 'target'));
  return group !== undefined;
}

function setItemState(state: 'open' | 'done') {
  return defineAction({
    value: byItem,
    run: async (ctx) => {
      const c = await load(ctx.value.id, ctx);
      if (!c) return warn('这条点评不存在');
      if (ctx.operatorOpenId !== c.commenterId)
        return warn(`只有点评人可以${state === 'done' ? '办结' : '重新打开'}整改事项`);
      const now = ctx.clock.now();
      const item = c.items.find((i) => i.no === ctx.value.no);
      if (!item) return warn('没有这项整改事项');
      if (item.state !== state) {
        const items = c.items.map(({ closedAt, ...i }) =>
          i.no !== item.no
            ? { ...i, ...(closedAt ? { closedAt } : {}) }
            : { ...i, state, ...(state === 'done' ? { closedAt: now } : {}) },
        );
        await setItems(ctx.conn, c.id, items, now);
        c.items = items;
        await auditComment(ctx, {
          actor: ctx.operatorOpenId,
          action: state === 'done' ? 'comment.item-close' : 'comment.item-reopen',
          c,
          source: sourceOf(ctx),
          detail: { no: item.no },
        });
      }
      return {
        toast: {
          type: 'success',
          content: state === 'done' ? `整改事项${item.no}已办结` : `整改事项${item.no}已重新打开`,
        },
        card: commentCard(commentView(c, now), 'commenter'),
      };
    },
  });
}

export const followActions: Record<string, ActionDefinition<unknown, unknown>> = {
  'comment.publish': defineAction({
    value: byId,
    run: async (ctx) => {
      const c = await load(ctx.value.id, ctx);
      if (!c || c.status === 'draft') return warn('这条点评还没有提交');
      const who = await commenterOr(ctx, c, COMMENT_PERMISSIONS.publish);
      if (!who.ok) return who.reply;
      const now = ctx.clock.now();
      const first = await updateCommentIf(ctx.conn, c.id, ['submitted'], {
        status: 'published',
        publishedAt: now,
        publishedBy: ctx.operatorOpenId,
        updatedAt: now,
      });
      const published: Comment = first ? { ...c, status: 'published', publishedAt: now } : c;
      if (first)
        await auditComment(ctx, {
          actor: ctx.operatorOpenId,
          actorName: who.name,
          action: 'comment.publish',
          c: published,
          source: sourceOf(ctx),
        });
      // Sent after the state is written and again on a repeat: the outbox keys make the repeat harmless.
      const toGroup = await deliverPublication(ctx, published);
      return {
        toast: first
          ? {
              type: 'success',
              content: toGroup ? '已公开到支部群，并通知被点评人' : '已通知被点评人（支部群未绑定）',
            }
          : { type: 'info', content: '这条点评已公开' },
        card: commentCard(commentView(published, now), 'commenter'),
      };
    },
  }),
  'comment.ack': defineAction({
    value: byId,
    run: async (ctx) => {
      const c = await load(ctx.value.id, ctx);
      if (!c || c.status !== 'published') return warn('这条点评还没有公开');
      const refused = await targetCheck(ctx, c, '确认收到');
      if (refused) return refused;
      const now = ctx.clock.now();
      if (await setAcknowledged(ctx.conn, c.id, now))
        await auditComment(ctx, {
          actor: ctx.operatorOpenId,
          action: 'comment.acknowledge',
          c,
          source: sourceOf(ctx),
        });
      return {
        toast: { type: 'success', content: '已确认收到' },
        card: commentCard(commentView({ ...c, acknowledgedAt: c.acknowledgedAt ?? now }, now), 'target'),
      };
    },
  }),
  'comment.progress': defineAction({
    value: byItem,
    run: async (ctx) => {
      const c = await load(ctx.value.id, ctx);
      if (!c || c.status !== 'published') return warn('这条点评还没有公开');
      const refused = await targetCheck(ctx, c, '报告整改进展');
      if (refused) return refused;
      if (!c.items.some((i) => i.no === ctx.value.no)) return warn('没有这项整改事项');
      await awaitReply(ctx, {
        chatId: ctx.chatId!,
        openId: ctx.operatorOpenId,
        topic: 'comment.progress',
        data: { id: c.id, no: ctx.value.no },
      });
      return { toast: { type: 'info', content: `请直接回复整改事项${ctx.value.no}的进展` } };
    },
  }),
  'comment.close': setItemState('done'),
  'comment.reopen': setItemState('open'),
};

/** The target's progress typed after 报告进展: stored on the item, and the commenter told. */
export const progressReply: ReplyHandler = async (ctx) => {
  const c = await findComment(ctx.conn, String(ctx.data['id']));
  const no = Number(ctx.data['no']);
  const text = ctx.text.trim().slice(0, 300);
  if (!c || !c.items.some((i) => i.no === no)) return;
  if (text.length < 2) {
    await ctx.reply(
      noticeCard({
        title: { zh: '请写明进展' },
        text: { zh: '进展至少两个字，请再回复一次。' },
        tone: 'hint',
      }),
    );
    return 'keep';
  }
  const now = ctx.clock.now();
  const items = c.items.map((i) =>
    i.no === no ? { ...i, progress: [...i.progress, { at: now, by: ctx.senderOpenId, text }] } : i,
  );
  await setItems(ctx.conn, c.id, items, now);
  const updated = { ...c, items };
  await recordProgressAudit(ctx, updated, no);
  await sendPrivately(
    ctx,
    `comment.progress:${c.id}:${no}:${ctx.messageId}`,
    c.commenterId,
    commentCard(commentView(updated, now), 'commenter'),
  );
  await ctx.reply(
    noticeCard({
      title: { zh: '进展已报告' },
      text: { zh: `已把整改事项${no}的进展告诉${c.commenterName}。` },
      tone: 'done',
    }),
  );
};

async function recordProgressAudit(ctx: Parameters<ReplyHandler>[0], c: Comment, no: number) {
  await auditComment(ctx, {
    actor: ctx.senderOpenId,
    action: 'comment.item-progress',
    c,
    source: { via: 'command', eventId: ctx.eventId, messageId: ctx.messageId, chatId: ctx.chatId },
    detail: { no },
  });
}
