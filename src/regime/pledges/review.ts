/**
 * Review and 亮诺: the right reviewer approves (the pledge is published to the branch group, the book also
 * to the office channel, and its items become ledger lines) or returns it with a reason (back to the
 * author, who resubmits as a new round). A decided round answers every later click with what was decided.
 */
import { z } from 'zod';
import { decisionCard } from '../../../cards/pledge-review.js';
import { publishedCard } from '../../../cards/pledge-publish.js';
import { defineAction, type ActionContext, type CardReply } from '../../bot/module.js';
import { findBranchChats, listAudit, recordAudit, refusalReply, sourceOf } from '../../org/index.js';
import { mayReview } from './access.js';
import { branchInfo, pledgeTitle } from './branch-context.js';
import { writeRevisionLines } from './ledger.repository.js';
import { currentRound, type Pledge, type ReviewDecision, type ReviewRound } from './pledge.entity.js';
import { findPledge, savePledge } from './pledge.repository.js';
import { reviewCardFor } from './review-views.js';
import { sendPrivately, sendToChat, STALE, toast } from './send.js';

const roundRef = z.object({ p: z.string().min(1), round: z.number().int().positive() });
const reasonForm = z.object({ reason: z.string().optional() });

type Ctx = ActionContext<z.infer<typeof roundRef>, z.infer<typeof reasonForm>>;

async function decide(ctx: Ctx, outcome: ReviewDecision['outcome']): Promise<CardReply> {
  const p = await findPledge(ctx.conn, ctx.value.p);
  const round = p && currentRound(p);
  if (!p || !round || round.n !== ctx.value.round) {
    if (p?.rounds.some((r) => r.n === ctx.value.round))
      return toast('info', '这一轮已经处理过了，请看最新一轮');
    return STALE;
  }
  if (round.decision || p.status !== 'submitted') {
    // Decided before (a second reviewer, a late click, or this very click resumed after a crash): finish
    // what the decision started, then say so.
    if (round.decision && p.status === (round.decision.outcome === 'approved' ? 'published' : 'returned'))
      await finishDecision(ctx, p, round, round.decision);
    return {
      ...toast('info', `已由${round.decision?.byName ?? '他人'}处理`),
      card: await reviewCardFor(ctx, p),
    };
  }
  const auth = await mayReview(ctx.conn, ctx.operatorOpenId, p, round.reviewerRole);
  if (!auth.ok) return refusalReply(auth);
  const reason = (ctx.formValue.reason ?? '').trim();
  if (outcome === 'returned' && [...reason].length < 2)
    return toast(
      'warning',
      '退回需要填写理由：请在「退回理由」里写明要修改什么',
      'A reason is required to return.',
    );
  const now = ctx.clock.now();
  const decision: ReviewDecision = {
    outcome,
    by: ctx.operatorOpenId,
    byName: auth.person.name,
    at: now,
    ...(outcome === 'returned' ? { reason } : {}),
  };
  const rounds = p.rounds.map((r) => (r.n === round.n ? { ...r, decision } : r));
  const next: Pledge =
    outcome === 'approved'
      ? {
          ...p,
          rounds,
          status: 'published',
          published: [
            ...p.published,
            {
              revision: round.revision,
              round: round.n,
              items: round.items,
              approvedAt: now,
              approvedBy: auth.person.name,
            },
          ],
          updatedAt: now,
        }
      : { ...p, rounds, status: 'returned', updatedAt: now };
  const saved = await savePledge(ctx.conn, next);
  if (!saved) return STALE;
  await finishDecision(ctx, saved, round, decision);
  return {
    ...toast('success', outcome === 'approved' ? '已通过，已亮诺' : '已退回，已告知作者'),
    card: await reviewCardFor(ctx, saved),
  };
}

/**
 * Everything a decision causes after it is saved: its audit entry, the author's notice and, when approved,
 * the ledger lines and 亮诺. There are no transactions: a crash may stop this anywhere, and the click,
 * resumed from the inbox, runs it again — so the audit entry is written only if missing and every message
 * is keyed.
 */
async function finishDecision(ctx: Ctx, p: Pledge, round: ReviewRound, decision: ReviewDecision) {
  const action = decision.outcome === 'approved' ? 'pledge.approve' : 'pledge.return';
  const audited = await listAudit(ctx.conn, { targetId: p._id, action });
  if (!audited.some((e) => (e.detail as { round?: number } | undefined)?.round === round.n)) {
    await recordAudit(ctx.conn, {
      at: decision.at,
      actor: decision.by,
      actorName: decision.byName,
      action,
      branchId: p.branchId,
      target: { type: 'pledge', id: p._id },
      detail: {
        round: round.n,
        revision: round.revision,
        ...(decision.reason ? { reason: decision.reason } : {}),
      },
      source: sourceOf(ctx),
    });
  }
  const title = await pledgeTitle(ctx.conn, p);
  await sendPrivately(
    ctx,
    `pledge:decision:${p._id}:r${round.n}`,
    round.submittedBy,
    decisionCard({
      pledgeId: p._id,
      title,
      round: round.n,
      outcome: decision.outcome,
      byName: decision.byName,
      reason: decision.reason ?? '',
    }),
  );
  if (decision.outcome === 'approved') await afterApproval(ctx, p);
}

/** Ledger lines and 亮诺 of the revision in force; every step may run again harmlessly. */
export async function afterApproval(
  ctx: Pick<ActionContext, 'conn' | 'outbox' | 'config'>,
  p: Pledge,
): Promise<void> {
  const rev = p.published.at(-1);
  if (!rev) return;
  await writeRevisionLines(ctx.conn, p, rev);
  const branch = await branchInfo(ctx.conn, p.branchId, ctx.config.timezone);
  const view = {
    title: await pledgeTitle(ctx.conn, p, branch.name),
    revision: rev.revision,
    items: rev.items,
    approvedBy: rev.approvedBy,
  };
  const card = publishedCard(view);
  const tag = {
    kind: 'pledge.published',
    title: `亮诺：${view.title}`,
    branchIds: [p.branchId],
    period: String(p.year),
    data: view,
  };
  const chats = await findBranchChats(ctx.conn, p.branchId);
  const key = `pledge:publish:${p._id}:v${rev.revision}`;
  if (chats.branch_group) await sendToChat(ctx, `${key}:group`, chats.branch_group, card, tag);
  if (p.kind === 'branch' && chats.office_channel)
    await sendToChat(ctx, `${key}:office`, chats.office_channel, card, tag);
}

export const reviewActions = {
  approve: defineAction({ value: roundRef, form: reasonForm, run: (ctx) => decide(ctx, 'approved') }),
  reject: defineAction({ value: roundRef, form: reasonForm, run: (ctx) => decide(ctx, 'returned') }),
  openReview: defineAction({
    value: z.object({ p: z.string().min(1) }),
    run: async (ctx) => {
      const p = await findPledge(ctx.conn, ctx.value.p);
      const round = p && currentRound(p);
      if (!p || !round) return STALE;
      const auth = await mayReview(ctx.conn, ctx.operatorOpenId, p, round.reviewerRole);
      if (!auth.ok) return refusalReply(auth);
      return { card: await reviewCardFor(ctx, p) };
    },
  }),
};
