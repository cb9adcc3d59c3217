/** 评定: the secretary opens the rating card (last month by default, or `评定 2026-10`). */
import type { Command } from '../../bot/module.js';
import { refusalCard, requireRole } from '../../org/index.js';
import { branchWithRole } from '../records/member-branch.js';
import { branchTimeZone, monthOf, previousPeriodKey } from '../records/months.js';
import { RECORD_PERMISSIONS } from '../records/permissions.js';
import { ratingSheet, type RatingDeps } from './sheet.js';

export function ratingCommands(deps: RatingDeps): Command[] {
  return [
    {
      name: 'rate',
      words: ['评定', 'rate'],
      summary: '（书记）评定党员上月表现并公示',
      async run(ctx) {
        const branchId = await branchWithRole(ctx.conn, ctx.senderOpenId, 'secretary');
        const allowed = await requireRole(ctx.conn, ctx.senderOpenId, RECORD_PERMISSIONS.rate, branchId);
        if (!allowed.ok) return ctx.reply(refusalCard(allowed));
        if (!branchId)
          return ctx.reply(refusalCard({ ok: false, message: '只有支部书记可以评定党员', en: '' }));
        const tz = await branchTimeZone(ctx.conn, ctx.config, branchId);
        const month = /\d{4}-\d{2}/.exec(ctx.args)?.[0] ?? previousPeriodKey(monthOf(ctx.clock.now(), tz));
        await ctx.reply(
          await ratingSheet(ctx.conn, deps, { branchId, month, page: 0, tz, viewer: ctx.senderOpenId }),
        );
      },
    },
  ];
}
