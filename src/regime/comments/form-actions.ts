/** Opening, paging, saving and submitting a comment: the leader's few minutes on a phone. */
import { z } from 'zod';
import { commentFormCard } from '../../../cards/comment-form.js';
import { commentPromptCard } from '../../../cards/comment-prompt.js';
import { commentCard } from '../../../cards/comment-view.js';
import type { CardJson } from '../../lark/client.js';
import { defineAction, type ActionDefinition, type ActionContext, type CardReply } from '../../bot/module.js';
import { refusalReply, requireRole, sourceOf, type AuditSource } from '../../org/index.js';
import { periodKey } from '../../schedule/period.js';
import { commentId, type Comment, type CommentKind } from './comment.entity.js';
import { createDraftIfMissing, findComment, updateCommentIf } from './comment.repository.js';
import { targetsOf } from './duties.js';
import { factsFor, type CommentDeps } from './facts.js';
import { applyPage, missingForSubmit, type FormFields } from './form-input.js';
import { branchScope } from './scope.js';
import { auditComment, COMMENT_PERMISSIONS, refreshPrompt, sendPrivately, warn } from './shared.js';
import { commentView, formView, promptView, today, TZ } from './views.js';

const kind = z.enum(['quarterly', 'half-year', 'annual', 'ad-hoc']);
const fields = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/** Opens (or resumes) the draft for one target and draws its form. Used by the button and the command. */
export async function openForm(
  ctx: Pick<ActionContext, 'conn' | 'clock' | 'outbox' | 'eventId' | 'log' | 'lark' | 'config'>,
  deps: CommentDeps,
  o: {
    source: AuditSource;
    commenterId: string;
    commenterName: string;
    kind: CommentKind;
    period: string;
    type: string;
    id: string;
  },
): Promise<{ ok: boolean; message: string; card?: CardJson }> {
  const target = (await targetsOf(ctx.conn, o.commenterId)).find((t) => t.type === o.type && t.id === o.id);
  if (!target) return { ok: false, message: '这不是您的点评对象' };
  const now = ctx.clock.now();
  const adHoc = o.kind === 'ad-hoc';
  const id = commentId(o.kind, adHoc ? today(now) : o.period, o.commenterId, target);
  const { comment: c, created } = await createDraftIfMissing(ctx.conn, {
    id,
    branchId: target.branchId,
    kind: o.kind,
    period: adHoc ? periodKey('quarter', now, TZ) : o.period,
    commenterId: o.commenterId,
    commenterName: o.commenterName,
    target,
    status: 'draft',
    aspects: [],
    stress: [],
    items: [],
    createdAt: now,
    updatedAt: now,
  });
  if (c.status !== 'draft') return { ok: false, message: `已点评过${target.name}` };
  if (created)
    await auditComment(ctx, {
      actor: o.commenterId,
      actorName: o.commenterName,
      action: 'comment.draft',
      c,
      source: o.source,
    });
  const facts = await factsFor(ctx.conn, deps, target, now, Number(c.period.slice(0, 4)));
  return {
    ok: true,
    message: `已发送对${target.name}的点评表`,
    card: commentFormCard(formView(c, 1, facts, await branchScope(ctx.conn, c.branchId))),
  };
}

/** A click's answer: the form sent privately to the presser, and a toast saying so (or why not). */
export async function sendForm(
  ctx: ActionContext<unknown, unknown>,
  deps: CommentDeps,
  commenterName: string,
  o: { kind: CommentKind; period: string; type: string; id: string },
): Promise<CardReply> {
  const r = await openForm(ctx, deps, {
    ...o,
    source: sourceOf(ctx),
    commenterId: ctx.operatorOpenId,
    commenterName,
  });
  if (r.card) await sendPrivately(ctx, `comment.form:${ctx.eventId}`, ctx.operatorOpenId, r.card);
  return { toast: { type: r.ok ? 'success' : 'info', content: r.message } };
}

async function ownDraft(ctx: ActionContext<unknown, unknown>, id: string) {
  const c = await findComment(ctx.conn, id);
  if (!c) return { reply: warn('这条点评不存在，请重新打开') };
  if (c.commenterId !== ctx.operatorOpenId) return { reply: warn('只有点评人可以填写这条点评') };
  return { c };
}

const alreadySubmitted = (c: Comment, now: Date) => ({
  toast: { type: 'info' as const, content: '这条点评已提交' },
  card: commentCard(commentView(c, now), 'commenter'),
});

export function formActions(deps: CommentDeps): Record<string, ActionDefinition<unknown, unknown>> {
  return {
    'comment.open': defineAction({
      value: z.object({ kind, period: z.string(), type: z.enum(['member', 'branch']), id: z.string() }),
      run: async (ctx) => {
        const allowed = await requireRole(ctx.conn, ctx.operatorOpenId, COMMENT_PERMISSIONS.comment);
        if (!allowed.ok) return refusalReply(allowed);
        return sendForm(ctx, deps, allowed.person.name, ctx.value);
      },
    }),
    'comment.page': defineAction({
      value: z.object({ kind, period: z.string(), page: z.number().int().min(1) }),
      run: async (ctx) => {
        const allowed = await requireRole(ctx.conn, ctx.operatorOpenId, COMMENT_PERMISSIONS.comment);
        if (!allowed.ok) return refusalReply(allowed);
        const { kind: k, period, page } = ctx.value;
        return { card: commentPromptCard(await promptView(ctx.conn, ctx.operatorOpenId, k, period, page)) };
      },
    }),
    'comment.save': defineAction({
      value: z.object({
        id: z.string(),
        page: z.union([z.literal(1), z.literal(2)]),
        go: z.union([z.literal(1), z.literal(2)]),
      }),
      form: fields,
      run: async (ctx) => {
        const now = ctx.clock.now();
        const own = await ownDraft(ctx, ctx.value.id);
        if (!own.c) return own.reply!;
        const c = own.c;
        if (c.status !== 'draft') return alreadySubmitted(c, now);
        const applied = applyPage(c, ctx.value.page, ctx.formValue as FormFields, today(now));
        if (!applied.ok) return warn(applied.message);
        if (!(await updateCommentIf(ctx.conn, c.id, ['draft'], { ...applied.draft, updatedAt: now })))
          return alreadySubmitted((await findComment(ctx.conn, c.id))!, now);
        await auditComment(ctx, {
          actor: ctx.operatorOpenId,
          action: 'comment.save',
          c,
          source: sourceOf(ctx),
          detail: { page: ctx.value.page },
        });
        const saved = { ...c, ...applied.draft };
        await refreshPrompt(ctx, saved);
        const facts =
          ctx.value.go === 1
            ? await factsFor(ctx.conn, deps, c.target, now, Number(c.period.slice(0, 4)))
            : [];
        return {
          toast: { type: 'success', content: '草稿已保存' },
          card: commentFormCard(
            formView(saved, ctx.value.go, facts, await branchScope(ctx.conn, c.branchId), now),
          ),
        };
      },
    }),
    'comment.submit': defineAction({
      value: z.object({ id: z.string() }),
      form: fields,
      run: async (ctx) => {
        const now = ctx.clock.now();
        const own = await ownDraft(ctx, ctx.value.id);
        if (!own.c) return own.reply!;
        const c = own.c;
        if (c.status !== 'draft') return alreadySubmitted(c, now);
        const applied = applyPage(c, 2, ctx.formValue as FormFields, today(now));
        if (!applied.ok) return warn(applied.message);
        const missing = missingForSubmit({ ...c, ...applied.draft });
        if (missing) return warn(missing);
        const scope = applied.draft.scope ?? (await branchScope(ctx.conn, c.branchId));
        const set = {
          ...applied.draft,
          scope,
          status: 'submitted' as const,
          submittedAt: now,
          updatedAt: now,
        };
        if (!(await updateCommentIf(ctx.conn, c.id, ['draft'], set)))
          return alreadySubmitted((await findComment(ctx.conn, c.id))!, now);
        const done = { ...c, ...set };
        await auditComment(ctx, {
          actor: ctx.operatorOpenId,
          actorName: c.commenterName,
          action: 'comment.submit',
          c: done,
          source: sourceOf(ctx),
          detail: { kind: c.kind, period: c.period, target: c.target.id, items: done.items.length, scope },
        });
        await refreshPrompt(ctx, done);
        return {
          toast: { type: 'success', content: '点评已提交' },
          card: commentCard(commentView(done, now), 'commenter'),
        };
      },
    }),
  };
}
