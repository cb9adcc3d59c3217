/**
 * assessment.open (January, for the year past): the branch's assessment is built and the secretary gets
 * the ranked sheet to check and confirm for 公示 — publication stays the secretary's decision.
 */
import { listBranchPeople } from '../../org/index.js';
import { defineJob } from '../../schedule/index.js';
import type { AssessmentDeps } from './index.js';
import { currentYear } from './flow.js';
import { sheetCard } from './views.js';

export function assessmentJobs(deps: AssessmentDeps) {
  return [
    defineJob('assessment.open', async (ctx) => {
      const y = await currentYear(ctx, deps.sources, {
        branchId: ctx.branch.id,
        year: Number(ctx.periodKey),
      });
      if (!y) return;
      const card = await sheetCard(ctx.conn, y, { page: 0, tz: ctx.branch.timezone });
      for (const s of await listBranchPeople(ctx.conn, ctx.branch.id, 'secretary')) {
        await ctx.outbox.enqueue(`${ctx.runKey}:${s.openId}`, {
          op: 'send',
          receiveIdType: 'open_id',
          receiveId: s.openId,
          card,
        });
      }
    }),
  ];
}
