/**
 * selection.nominate (15 June): opens nominations with the default honours (the secretary may have
 * started earlier with others). selection.vote (24 June): the candidates are the secretary's to confirm,
 * so it asks them to. selection.commend (1 July): commends, or tells the secretary what still stands in
 * the way (notice period not over, objections unanswered) — they press 发布表彰 when it is done.
 */
import type { JobContext } from '../../schedule/index.js';
import { defineJob } from '../../schedule/index.js';
import { listBranchPeople } from '../../org/index.js';
import type { Selection } from './selection.entity.js';
import { findSelection, selectionIdOf } from './selection.repository.js';
import { commend, commendBlocker, startSelection } from './selection-flow.js';
import { statusCard } from './selection-views.js';

const source = (ctx: JobContext) => ({
  actor: 'scheduler',
  source: { via: 'job' as const, ref: ctx.runKey },
  now: ctx.clock.now(),
});

async function tellSecretaries(ctx: JobContext, s: Selection, notice: string) {
  const card = await statusCard(ctx.conn, s, true, ctx.clock.now(), notice);
  for (const sec of await listBranchPeople(ctx.conn, s.branchId, 'secretary'))
    await ctx.outbox.enqueue(`${ctx.runKey}:${sec.openId}`, {
      op: 'send',
      receiveIdType: 'open_id',
      receiveId: sec.openId,
      card,
    });
}

export const selectionNominateJob = defineJob('selection.nominate', async (ctx) => {
  await startSelection(ctx, { ...source(ctx), branchId: ctx.branch.id, year: Number(ctx.periodKey) });
});

export const selectionVoteJob = defineJob('selection.vote', async (ctx) => {
  const s = await findSelection(ctx.conn, selectionIdOf(ctx.branch.id, Number(ctx.periodKey)));
  if (s?.stage === 'nominating')
    await tellSecretaries(ctx, s, '**投票阶段到了。** 请确认候选人，投票卡片随后发到支部群。');
});

export const selectionCommendJob = defineJob('selection.commend', async (ctx) => {
  const s = await findSelection(ctx.conn, selectionIdOf(ctx.branch.id, Number(ctx.periodKey)));
  if (!s || s.stage === 'commended') return;
  const blocker = commendBlocker(s, ctx.clock.now());
  if (blocker)
    return tellSecretaries(ctx, s, `**七一表彰还不能发布：** ${blocker}。处理后请按「发布表彰」。`);
  await commend(ctx, s._id, source(ctx));
});
