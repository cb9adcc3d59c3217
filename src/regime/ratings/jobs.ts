/**
 * rating.remind (3rd): the secretary gets the rating card for last month. disclosure.monthly (6th): if the
 * month is still not published, the secretary gets it again marked overdue — publication stays the
 * secretary's confirmation, never automatic, since a rating is a judgement someone must own.
 */
import { listBranchPeople } from '../../org/index.js';
import { defineJob, type JobContext } from '../../schedule/index.js';
import { findRatingMonth } from './ratings.repository.js';
import { ratingSheet, type RatingDeps } from './sheet.js';

async function sendSheet(ctx: JobContext, deps: RatingDeps, overdue: boolean) {
  for (const s of await listBranchPeople(ctx.conn, ctx.branch.id, 'secretary')) {
    // Built per secretary: the 点评 buttons on it are the viewer's own.
    const card = await ratingSheet(ctx.conn, deps, {
      branchId: ctx.branch.id,
      month: ctx.periodKey,
      page: 0,
      tz: ctx.branch.timezone,
      viewer: s.openId,
      overdue,
    });
    await ctx.outbox.enqueue(`${ctx.runKey}:${s.openId}`, {
      op: 'send',
      receiveIdType: 'open_id',
      receiveId: s.openId,
      card,
    });
  }
}

export function ratingJobs(deps: RatingDeps) {
  return [
    defineJob('rating.remind', (ctx) => sendSheet(ctx, deps, false)),
    defineJob('disclosure.monthly', async (ctx) => {
      if ((await findRatingMonth(ctx.conn, ctx.branch.id, ctx.periodKey))?.publishedAt) return;
      await sendSheet(ctx, deps, true);
    }),
  ];
}
