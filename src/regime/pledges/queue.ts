/**
 * 待审: the pledges waiting for this person's review, across every branch they review for — members' cards
 * where they are secretary, books and secretaries' cards where they are reviewer — oldest first.
 */
import type { Connection } from 'mongoose';
import { queueCard } from '../../../cards/pledge-review.js';
import type { Command } from '../../bot/module.js';
import { listBranchesWithRole } from '../../org/index.js';
import { addDays, isWorkingDay, localDate } from '../../schedule/calendar.js';
import { pledgeTitle } from './branch-context.js';
import { currentRound, type Pledge } from './pledge.entity.js';
import { listSubmitted } from './pledge.repository.js';

/** Working days from the day after `from` up to and including `to` (China's official calendar). */
export function workingDaysBetween(from: Date, to: Date, tz: string): number {
  let day = localDate(from, tz);
  const last = localDate(to, tz);
  let n = 0;
  while (day < last && n < 400) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) n++;
  }
  return n;
}

export async function waitingFor(ctx: { conn: Connection }, openId: string): Promise<Pledge[]> {
  const [asSecretary, asReviewer] = await Promise.all([
    listBranchesWithRole(ctx.conn, openId, ['secretary']),
    listBranchesWithRole(ctx.conn, openId, ['reviewer']),
  ]);
  if (!asSecretary.length && !asReviewer.length) return [];
  const sec = new Set(asSecretary.map((b) => b.id));
  const rev = new Set(asReviewer.map((b) => b.id));
  const submitted = await listSubmitted(ctx.conn, {
    cardBranches: [...new Set([...sec, ...rev])],
    bookBranches: [...rev],
  });
  return submitted.filter((p) => {
    const round = currentRound(p);
    if (!round || round.decision || p.ownerId === openId || round.submittedBy === openId) return false;
    return round.reviewerRole === 'secretary' ? sec.has(p.branchId) : rev.has(p.branchId);
  });
}

export const queueCommand: Command = {
  name: 'pledge-queue',
  words: ['待审', 'to review'],
  summary: '查看等我审核的承诺（支部书记、上级党组织）',
  async run(ctx) {
    const tz = ctx.config.timezone;
    const pledges = await waitingFor(ctx, ctx.senderOpenId);
    const now = ctx.clock.now();
    const entries = await Promise.all(
      pledges.map(async (p) => ({
        pledgeId: p._id,
        title: await pledgeTitle(ctx.conn, p),
        round: currentRound(p)!.n,
        waitingDays: workingDaysBetween(currentRound(p)!.submittedAt, now, tz),
      })),
    );
    await ctx.reply(queueCard({ entries }));
  },
};
