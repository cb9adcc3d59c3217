/** 考核 / 年终考核: the secretary's ranked sheet (last year by default, or `考核 2026`); 考核权重 for admins. */
import type { Command } from '../../bot/module.js';
import { refusalCard, requireRole } from '../../org/index.js';
import { branchWithRole } from '../records/member-branch.js';
import type { AssessmentDeps } from './index.js';
import { branchZone, currentYear } from './flow.js';
import { ASSESSMENT_PERMISSIONS } from './permissions.js';
import { sheetCard } from './views.js';
import { weightsCommand } from './weight-actions.js';

/** The year asked for, else the one before now's (the assessment is made in January for the year past). */
function yearAsked(args: string, now: Date): number {
  const asked = /\b(20\d{2})\b/.exec(args)?.[1];
  return asked ? Number(asked) : now.getUTCFullYear() - (now.getUTCMonth() === 11 ? 0 : 1);
}

export function assessmentCommands(deps: AssessmentDeps): Command[] {
  return [
    {
      name: 'assessment',
      words: ['年终考核', '考核'],
      summary: '（书记）年终考核：党员全年排名表，确认后公示',
      async run(ctx) {
        const branchId = await branchWithRole(ctx.conn, ctx.senderOpenId, 'secretary');
        const allowed = await requireRole(ctx.conn, ctx.senderOpenId, ASSESSMENT_PERMISSIONS.run, branchId);
        if (!allowed.ok || !branchId)
          return ctx.reply(
            refusalCard(
              allowed.ok ? { ok: false, message: '只有支部书记可以进行年终考核', en: '' } : allowed,
            ),
          );
        const year = yearAsked(ctx.args, ctx.clock.now());
        const y = (await currentYear(ctx, deps.sources, { branchId, year }))!;
        await ctx.reply(await sheetCard(ctx.conn, y, { page: 0, tz: await branchZone(ctx, branchId) }));
      },
    },
    weightsCommand,
  ];
}
