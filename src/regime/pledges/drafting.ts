/**
 * 定诺: writing a pledge page by page in the card, the quality check, and submission for review. A published
 * pledge is read-only; 修改承诺 starts a change, which goes through review again.
 */
import { z } from 'zod';
import { draftCard, qualityCard, submittedCard } from '../../../cards/pledge-draft.js';
import type { CardJson } from '../../lark/client.js';
import { defineAction, type ActionContext, type CardReply } from '../../bot/module.js';
import { listBranchPeople, recordAudit, refusalReply, sourceOf } from '../../org/index.js';
import { mayWrite, parsePledgeId, reviewerRoleFor, type PledgeKey } from './access.js';
import { branchInfo, pledgeTitle } from './branch-context.js';
import { currentRound, inForce, pledgeId, type Pledge, type PledgeItem } from './pledge.entity.js';
import { ensurePledge, savePledge } from './pledge.repository.js';
import { checkQuality, describeProblem } from './quality.js';
import { reviewCardFor } from './review-views.js';
import { mineCardFor } from './ledger-views.js';
import { sendPrivately, STALE, toast } from './send.js';
import { listSuggestions } from './suggestion.repository.js';
import { themesOf } from './themes.js';

export function freshPledge(k: PledgeKey, now: Date): Pledge {
  return {
    _id: pledgeId(k.year, k.branchId, k.ownerId),
    kind: k.kind,
    branchId: k.branchId,
    ownerId: k.ownerId,
    year: k.year,
    status: 'draft',
    items: [],
    seq: 1,
    rounds: [],
    published: [],
    createdAt: now,
    updatedAt: now,
    version: 0,
  };
}

const editable = (p: Pledge) => p.status === 'draft' || p.status === 'returned';

export async function draftCardFor(
  ctx: Pick<ActionContext, 'conn' | 'config'>,
  p: Pledge,
  current?: string,
  notice?: string,
): Promise<CardJson> {
  const branch = await branchInfo(ctx.conn, p.branchId, ctx.config.timezone);
  const last = currentRound(p);
  const returned =
    p.status === 'returned' && last?.decision
      ? { round: last.n, byName: last.decision.byName, reason: last.decision.reason ?? '' }
      : undefined;
  const open =
    p.kind === 'branch'
      ? (await listSuggestions(ctx.conn, p.branchId, p.year)).filter((s) => !s.takenAs).length
      : undefined;
  return draftCard({
    pledgeId: p._id,
    title: await pledgeTitle(ctx.conn, p, branch.name),
    themes: themesOf(p.kind),
    items: p.items,
    current:
      current && (p.items.some((i) => i.id === current) || current === `i${p.seq}`)
        ? current
        : (p.items[0]?.id ?? `i${p.seq}`),
    revising: p.published.length > 0,
    year: p.year,
    ...(notice ? { notice } : {}),
    ...(returned ? { returned } : {}),
    ...(open !== undefined ? { openSuggestions: open } : {}),
  });
}

/** The pledge behind a button, if this person may write it. Creates it on first use. */
async function open(
  ctx: ActionContext<{ p: string }>,
): Promise<{ p: Pledge; actorName: string } | CardReply> {
  const k = parsePledgeId(ctx.value.p);
  if (!k) return STALE;
  const auth = await mayWrite(ctx.conn, ctx.operatorOpenId, k);
  if (!auth.ok) return refusalReply(auth);
  const p = await ensurePledge(ctx.conn, freshPledge(k, ctx.clock.now()));
  return { p, actorName: auth.person.name };
}

async function notEditable(ctx: ActionContext, p: Pledge): Promise<CardReply> {
  if (p.status === 'submitted')
    return {
      ...toast('info', '已提交审核，请等待审核结果'),
      card: await mineCardFor(ctx, p, ctx.operatorOpenId),
    };
  if (p.status === 'closed') return toast('warning', '这份承诺已关闭');
  return {
    ...toast('info', '承诺已公开，只读；如需变更请点「修改承诺」'),
    card: await mineCardFor(ctx, p, ctx.operatorOpenId),
  };
}

async function write(ctx: ActionContext, next: Pledge, action: string, detail: Record<string, unknown>) {
  const saved = await savePledge(ctx.conn, { ...next, updatedAt: ctx.clock.now() });
  if (saved)
    await recordAudit(ctx.conn, {
      at: ctx.clock.now(),
      actor: ctx.operatorOpenId,
      action,
      branchId: next.branchId,
      target: { type: 'pledge', id: next._id },
      detail,
      source: sourceOf(ctx),
    });
  return saved;
}

const ref = z.object({ p: z.string().min(1) });
const itemForm = z.object({
  theme: z.string().optional(),
  text: z.string().optional(),
  result: z.string().optional(),
  due: z.string().optional(),
});

export const draftActions = {
  edit: defineAction({
    value: ref.extend({ item: z.string().optional() }),
    run: async (ctx) => {
      const o = await open(ctx);
      if (!('p' in o)) return o;
      if (!editable(o.p)) return notEditable(ctx, o.p);
      return { card: await draftCardFor(ctx, o.p, ctx.value.item) };
    },
  }),
  save: defineAction({
    value: ref.extend({ item: z.string().min(1), go: z.enum(['stay', 'prev', 'next']) }),
    form: itemForm,
    run: async (ctx) => {
      const o = await open(ctx);
      if (!('p' in o)) return o;
      let p = o.p;
      if (!editable(p)) return notEditable(ctx, p);
      const f = ctx.formValue;
      const due = f.due && /^\d{4}-\d{2}-\d{2}/.test(f.due) ? f.due.slice(0, 10) : undefined;
      const fields: Omit<PledgeItem, 'id'> = {
        theme: f.theme ?? '',
        text: (f.text ?? '').trim(),
        result: (f.result ?? '').trim(),
        ...(due ? { due } : {}),
      };
      const index = p.items.findIndex((i) => i.id === ctx.value.item);
      const isNew = index < 0 && ctx.value.item === `i${p.seq}`;
      if (index < 0 && !isNew) return STALE;
      const blank = !fields.theme && !fields.text && !fields.result && !fields.due;
      let notice: string | undefined;
      const old = index >= 0 ? p.items[index] : undefined;
      const item: PledgeItem = { ...old, ...fields, id: ctx.value.item };
      if (!due) delete item.due;
      // Paging through unchanged items writes nothing (and leaves nothing on the audit trail).
      const changed = old ? JSON.stringify(old) !== JSON.stringify(item) : !blank;
      if (changed) {
        const items = index >= 0 ? p.items.map((i, n) => (n === index ? item : i)) : [...p.items, item];
        const next = { ...p, items, seq: isNew ? p.seq + 1 : p.seq };
        const saved = await write(ctx, next, isNew ? 'pledge.item.add' : 'pledge.item.edit', {
          item: item.id,
        });
        if (!saved) return STALE;
        p = saved;
        notice = `已保存第${items.findIndex((i) => i.id === item.id) + 1}条`;
      }
      const at = p.items.findIndex((i) => i.id === ctx.value.item);
      const target =
        ctx.value.go === 'stay'
          ? ctx.value.item
          : ctx.value.go === 'prev'
            ? (p.items[Math.max(0, (at < 0 ? p.items.length : at) - 1)]?.id ?? ctx.value.item)
            : (p.items[at + 1]?.id ?? (at < 0 ? ctx.value.item : `i${p.seq}`));
      return { card: await draftCardFor(ctx, p, target, notice) };
    },
  }),
  remove: defineAction({
    value: ref.extend({ item: z.string().min(1) }),
    run: async (ctx) => {
      const o = await open(ctx);
      if (!('p' in o)) return o;
      if (!editable(o.p)) return notEditable(ctx, o.p);
      const n = o.p.items.findIndex((i) => i.id === ctx.value.item);
      if (n < 0) return { card: await draftCardFor(ctx, o.p) };
      const saved = await write(
        ctx,
        { ...o.p, items: o.p.items.filter((_, i) => i !== n) },
        'pledge.item.remove',
        { item: ctx.value.item },
      );
      if (!saved) return STALE;
      return {
        card: await draftCardFor(ctx, saved, saved.items[Math.max(0, n - 1)]?.id, `已删除第${n + 1}条`),
      };
    },
  }),
  submit: defineAction({
    value: ref.extend({ force: z.boolean() }),
    run: async (ctx) => {
      const o = await open(ctx);
      if (!('p' in o)) return o;
      const p = o.p;
      if (!editable(p)) return notEditable(ctx, p);
      if (p.items.length === 0) return toast('warning', '还没有承诺事项，请至少写一条');
      const problems = checkQuality(p.items, p.year);
      const title = await pledgeTitle(ctx.conn, p);
      if (problems.length && !ctx.value.force)
        return {
          card: qualityCard({
            pledgeId: p._id,
            title,
            problems: problems.map((x) => ({ ...x, text: describeProblem(x) })),
          }),
        };
      const reviewerRole = await reviewerRoleFor(ctx.conn, p);
      const round = {
        n: p.rounds.length + 1,
        revision: p.published.length + 1,
        submittedAt: ctx.clock.now(),
        submittedBy: ctx.operatorOpenId,
        reviewerRole,
        items: p.items,
        warnings: problems.map(describeProblem),
      };
      const saved = await write(
        ctx,
        { ...p, status: 'submitted', rounds: [...p.rounds, round] },
        'pledge.submit',
        {
          round: round.n,
          revision: round.revision,
          warnings: round.warnings,
        },
      );
      if (!saved) return STALE;
      const reviewers = await reviewersOf(ctx, saved, reviewerRole);
      const card = await reviewCardFor(ctx, saved);
      for (const r of reviewers)
        await sendPrivately(ctx, `pledge:review:${saved._id}:r${round.n}:${r}`, r, card);
      const who = reviewerRole === 'secretary' ? '支部书记' : '上级党组织';
      return {
        ...toast('success', '已提交审核'),
        card: submittedCard({ title, round: round.n, reviewer: who, warnings: round.warnings.length }),
      };
    },
  }),
  revise: defineAction({
    value: ref,
    run: async (ctx) => {
      const o = await open(ctx);
      if (!('p' in o)) return o;
      const p = o.p;
      const published = inForce(p);
      if (p.status !== 'published' || !published)
        return editable(p) ? { card: await draftCardFor(ctx, p) } : notEditable(ctx, p);
      const saved = await write(ctx, { ...p, status: 'draft', items: published.items }, 'pledge.revise', {
        from: published.revision,
      });
      if (!saved) return STALE;
      return {
        card: await draftCardFor(
          ctx,
          saved,
          undefined,
          `开始修改第 ${published.revision} 版；审核通过前原承诺继续有效`,
        ),
      };
    },
  }),
};

/** The people who review this pledge now: the branch's secretaries or the reviewers, never its author. */
export async function reviewersOf(
  ctx: Pick<ActionContext, 'conn'>,
  p: Pledge,
  role: 'secretary' | 'reviewer',
): Promise<string[]> {
  const here = await listBranchPeople(ctx.conn, p.branchId, role);
  const everywhere = role === 'reviewer' ? await listBranchPeople(ctx.conn, '*', role) : [];
  const author = currentRound(p)?.submittedBy;
  return [...new Set([...here, ...everywhere].map((x) => x.openId))].filter(
    (id) => id !== p.ownerId && id !== author,
  );
}
