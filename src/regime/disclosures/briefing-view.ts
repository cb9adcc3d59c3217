/** The 督促通报 card's data for one branch, as of now, from what the siblings stored. */
import type { Connection } from 'mongoose';
import type { BriefingView } from '../../../cards/briefing.js';
import { findBranch, listBranchPeople } from '../../org/index.js';
import { localDate } from '../../schedule/calendar.js';
import { periodBounds, periodKey, previousPeriodKey } from '../../schedule/period.js';
import type { DisclosureDeps } from './deps.js';
import { progressOf } from './count.js';
import { periodLabel } from './periods.js';

/**
 * The pledges in force: this year's, or while the new ones are still being drafted (until 31 March) and
 * none is published yet, last year's.
 */
async function pledgeLines(
  deps: DisclosureDeps,
  conn: Connection,
  q: { branchId: string; year: number; now: Date },
) {
  const lines = await deps.ledger.linesOf(conn, q);
  return lines.length ? lines : deps.ledger.linesOf(conn, { ...q, year: q.year - 1 });
}

export async function briefingView(
  conn: Connection,
  deps: DisclosureDeps,
  q: { branchId: string; now: Date; tz: string },
): Promise<BriefingView> {
  const month = periodKey('month', q.now, q.tz);
  const lastMonth = previousPeriodKey(month);
  const quarter = periodKey('quarter', q.now, q.tz);
  const today = localDate(q.now, q.tz);
  const [branch, lines, sheet, lastSheet, leaders, comments, followUps] = await Promise.all([
    findBranch(conn, q.branchId),
    pledgeLines(deps, conn, { branchId: q.branchId, year: Number(month.slice(0, 4)), now: q.now }),
    deps.ratings.monthSheet(conn, { branchId: q.branchId, month }),
    deps.ratings.monthSheet(conn, { branchId: q.branchId, month: lastMonth }),
    listBranchPeople(conn, q.branchId, 'leader'),
    deps.comments.commentsIn(conn, {
      branchIds: [q.branchId],
      from: periodBounds(quarter, q.tz).start,
      to: new Date(q.now.getTime() + 1),
    }),
    deps.comments.openFollowUps(conn, { branchIds: [q.branchId] }),
  ]);
  const names = new Map(lastSheet.members.concat(sheet.members).map((m) => [m.openId, m.name]));
  const commenters = new Set(comments.map((c) => c.commenterId));
  return {
    branchId: q.branchId,
    branchName: branch?.name ?? q.branchId,
    dateLabel: today.replace(
      /^(\d{4})-(\d{2})-(\d{2})$/,
      (_, y, m, d) => `${y}年${Number(m)}月${Number(d)}日`,
    ),
    progress: progressOf(lines),
    records: {
      monthLabel: periodLabel(month),
      recorded: sheet.members.filter((m) => m.recorded).length,
      members: sheet.members.length,
    },
    ratings: {
      monthLabel: periodLabel(lastMonth),
      published: lastSheet.published,
      rated: lastSheet.members.filter((m) => m.grade).length,
      members: lastSheet.members.length,
    },
    missingRecords: lastSheet.members.filter((m) => !m.recorded).map((m) => m.name),
    quarterLabel: periodLabel(quarter),
    leaders: leaders.map((l) => ({ name: l.name, commented: commenters.has(l.openId) })),
    overdueLines: lines
      .filter((l) => l.status === 'overdue')
      .map((l) => ({
        owner: l.kind === 'branch' ? '支部' : (names.get(l.ownerId) ?? '已离开'),
        text: l.text,
        due: l.dueDate ?? '',
      })),
    openFollowUps: followUps.map((i) => ({
      target: i.targetName,
      text: i.text,
      due: i.due,
      overdue: i.due < today,
    })),
  };
}
