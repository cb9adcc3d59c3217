/**
 * calendar.holiday-check: every Monday in December, if next year's official holidays are still unknown
 * (the chinese-days package stops at its release year and no admin supplied them), each admin gets one
 * private card saying how to supply them. The job runs per branch, but an admin is warned once a week,
 * not once per branch: the outbox key names the job, the week and the admin, not the branch.
 */
import { holidayWarningCard } from '../../../cards/holidays.js';
import { hasHolidayData, holidayDataRange, zonedParts } from '../../schedule/calendar.js';
import { defineJob } from '../../schedule/default-calendar.js';
import type { JobContext } from '../../schedule/job.js';
import { findPeople } from '../people/person.repository.js';
import { ALL_BRANCHES } from '../role-assignments/role-assignment.entity.js';
import { listRoleHolders } from '../role-assignments/role-assignment.repository.js';
import { refreshHolidays } from './refresh-holidays.js';

export async function checkNextYearHolidays(ctx: JobContext): Promise<void> {
  await refreshHolidays(ctx.conn);
  const year = zonedParts(ctx.plannedAt, ctx.branch.timezone).year + 1;
  if (hasHolidayData(year)) return;
  // The admins who look after this branch (or every branch).
  const roles = (await listRoleHolders(ctx.conn, 'admin')).filter(
    (r) => r.branchId === ALL_BRANCHES || r.branchId === ctx.branch.id,
  );
  const admins = (await findPeople(ctx.conn, [...new Set(roles.map((r) => r.openId))])).filter(
    (p) => p.active,
  );
  const card = holidayWarningCard({ year, packageLast: holidayDataRange().last });
  for (const admin of admins) {
    await ctx.outbox.enqueue(`calendar.holiday-check:${ctx.periodKey}:${admin.openId}`, {
      op: 'send',
      receiveIdType: 'open_id',
      receiveId: admin.openId,
      card,
    });
  }
  ctx.log.info({ year, admins: admins.length }, 'next year has no official holidays: admins warned');
}

export const holidayCheckJob = defineJob('calendar.holiday-check', checkNextYearHolidays);
