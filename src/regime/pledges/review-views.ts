/** The review card of a pledge's current round, as stored: items, warnings, earlier rounds, last year. */
import type { Connection } from 'mongoose';
import { reviewCard } from '../../../cards/pledge-review.js';
import type { CardJson } from '../../lark/client.js';
import type { Config } from '../../config.js';
import { branchInfo, pledgeTitle, todayIn } from './branch-context.js';
import { lineStatus, listLines } from './ledger.repository.js';
import { currentRound, pledgeId, type Pledge } from './pledge.entity.js';

export async function reviewCardFor(
  ctx: { conn: Connection; config: Config; clock: { now(): Date } },
  p: Pledge,
): Promise<CardJson> {
  const round = currentRound(p)!;
  const branch = await branchInfo(ctx.conn, p.branchId, ctx.config.timezone);
  const today = todayIn(ctx.clock.now(), branch.tz);
  const lastYear = (
    await listLines(ctx.conn, { branchId: p.branchId, year: p.year - 1, ownerId: p.ownerId })
  ).filter((l) => l.pledgeId === pledgeId(p.year - 1, p.branchId, p.ownerId));
  const fmt = (d: Date) => todayIn(d, branch.tz).slice(5);
  return reviewCard({
    pledgeId: p._id,
    title: await pledgeTitle(ctx.conn, p, branch.name),
    round: round.n,
    revision: round.revision,
    items: round.items,
    warnings: round.warnings,
    earlier: p.rounds
      .filter((r) => r.n < round.n && r.decision)
      .map((r) => ({
        n: r.n,
        outcome: r.decision!.outcome,
        byName: r.decision!.byName,
        ...(r.decision!.reason ? { reason: r.decision!.reason } : {}),
        at: fmt(r.decision!.at),
      })),
    lastYear: lastYear.length
      ? {
          total: lastYear.length,
          fulfilled: lastYear.filter((l) => l.fulfilled).length,
          overdue: lastYear.filter((l) => lineStatus(l, today) === 'overdue').length,
        }
      : undefined,
    decided: round.decision
      ? { outcome: round.decision.outcome, byName: round.decision.byName, reason: round.decision.reason }
      : undefined,
  });
}
