/** What the comment handlers share: the permissions, the audit entry, private sends, the prompt refresh. */
import type { ActionContext, CardReply, HandlerContext } from '../../bot/module.js';
import { commentPromptCard } from '../../../cards/comment-prompt.js';
import type { CardJson } from '../../lark/client.js';
import { recordAudit, requireRole, type AuditSource, type Permission } from '../../org/index.js';
import type { Comment } from './comment.entity.js';
import { promptView } from './views.js';

export const COMMENT_PERMISSIONS = {
  comment: { roles: ['reviewer', 'secretary', 'leader'], to: '点评', en: 'comment' },
  publish: { roles: ['secretary'], to: '公开点评', en: 'publish comments' },
  secretary: { roles: ['secretary'], to: '代表支部确认点评', en: 'answer for the branch' },
  scope: { roles: ['secretary', 'admin'], to: '设置点评公开范围', en: 'set where comments are published' },
  register: {
    roles: ['secretary', 'reviewer', 'leader', 'admin'],
    to: '查看点评登记',
    en: 'see the comment register',
  },
} as const satisfies Record<string, Permission>;

export const warn = (content: string): CardReply => ({ toast: { type: 'warning', content } });

export async function auditComment(
  ctx: HandlerContext,
  o: {
    actor: string;
    actorName?: string;
    action: string;
    c: Comment;
    source: AuditSource;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  await recordAudit(ctx.conn, {
    at: ctx.clock.now(),
    actor: o.actor,
    ...(o.actorName ? { actorName: o.actorName } : {}),
    action: o.action,
    branchId: o.c.branchId,
    target: { type: 'comment', id: o.c.id },
    ...(o.detail ? { detail: o.detail } : {}),
    source: o.source,
  });
}

export function sendPrivately(
  ctx: Pick<HandlerContext, 'outbox'>,
  key: string,
  openId: string,
  card: CardJson,
) {
  return ctx.outbox.enqueue(key, { op: 'send', receiveIdType: 'open_id', receiveId: openId, card });
}

export function promptKey(kind: string, period: string, commenterId: string): string {
  return `comment.prompt:${kind}:${period}:${commenterId}`;
}

/** Redraws the commenter's prompt card in place (done / still due), once per comment that changed it. */
export async function refreshPrompt(ctx: HandlerContext, c: Comment): Promise<void> {
  if (c.kind === 'ad-hoc') return;
  const messageId = await ctx.outbox.sentMessageId(promptKey(c.kind, c.period, c.commenterId));
  if (!messageId) return;
  const view = await promptView(ctx.conn, c.commenterId, c.kind, c.period, 1);
  await ctx.outbox.enqueue(`comment.prompt-update:${c.id}:${c.status}`, {
    op: 'update',
    messageId,
    card: commentPromptCard(view),
  });
}

/** The commenter may always act on their own comment; `alt` names who else may (e.g. the secretary). */
export async function commenterOr(
  ctx: ActionContext<unknown, unknown>,
  c: Comment,
  alt?: Permission,
): Promise<{ ok: true; name?: string } | { ok: false; reply: CardReply }> {
  if (ctx.operatorOpenId === c.commenterId) return { ok: true, name: c.commenterName };
  if (alt) {
    const allowed = await requireRole(ctx.conn, ctx.operatorOpenId, alt, c.branchId);
    if (allowed.ok) return { ok: true, name: allowed.person.name };
    return { ok: false, reply: warn(`只有点评人或该支部书记可以${alt.to}`) };
  }
  return { ok: false, reply: warn('只有点评人可以进行这项操作') };
}
