/**
 * The one pass over a year: each source streams its collection once for every branch in scope, and each
 * document is folded into its member's small accumulator (YearFigures) the moment it arrives. Nothing is
 * held but the accumulators — about a hundred bytes of numbers per member — so a year of ten thousand
 * members reads in the memory of one.
 */
import type { Connection } from 'mongoose';
import { addDays, parseIsoDate, zonedToInstant } from '../../schedule/calendar.js';
import type { AssessmentSources, YearScope } from '../ports.js';
import { RATING_SCALE } from '../ratings/rating.entity.js';
import type { YearFigures } from './assessment.entity.js';
import { scalePoints } from './score.js';

/** The comment register's grades, best first (comment.entity.ts GRADES). */
const COMMENT_POINTS = scalePoints(['好', '较好', '一般', '差']);
const RATING_INDEX = new Map<string, number>(RATING_SCALE.map((g, i) => [g, i]));

export function emptyFigures(): YearFigures {
  return {
    pledges: { onTime: 0, late: 0, open: 0 },
    ratings: RATING_SCALE.map(() => 0),
    records: 0,
    comments: { count: 0, graded: 0, points: 0 },
    survey: { approving: 0, total: 0 },
    honours: [],
  };
}

/** Members by branch, each with an empty accumulator; documents of anyone else are skipped. */
export type Tally = Map<string, Map<string, YearFigures>>;

export function newTally(members: ReadonlyMap<string, readonly string[]>): Tally {
  return new Map(
    [...members].map(([branchId, ids]) => [branchId, new Map(ids.map((id) => [id, emptyFigures()]))]),
  );
}

/** The instant a due date ends in the branch's zone, cached: a year has a few hundred distinct dates. */
function deadlines(): (due: string, tz: string) => number {
  const cache = new Map<string, number>();
  return (due, tz) => {
    const key = `${tz}|${due}`;
    let end = cache.get(key);
    if (end === undefined) {
      end = zonedToInstant(parseIsoDate(addDays(due, 1)), tz).getTime();
      cache.set(key, end);
    }
    return end;
  };
}

/** Folds every source into the tally; `zoneOf` gives a branch's time zone for due dates. */
export async function tallyYear(
  conn: Connection,
  sources: AssessmentSources,
  scope: YearScope,
  tally: Tally,
  zoneOf: (branchId: string) => string,
): Promise<void> {
  const of = (branchId: string, openId: string) => tally.get(branchId)?.get(openId);
  const endOf = deadlines();
  for await (const l of sources.ledgerLines(conn, scope)) {
    const f = of(l.branchId, l.ownerId);
    if (!f) continue;
    if (!l.fulfilledAt) f.pledges.open++;
    else if (!l.dueDate || l.fulfilledAt.getTime() < endOf(l.dueDate, zoneOf(l.branchId))) f.pledges.onTime++;
    else f.pledges.late++;
  }
  for await (const r of sources.ratings(conn, scope)) {
    const i = RATING_INDEX.get(r.grade);
    const f = of(r.branchId, r.openId);
    if (f && i !== undefined) f.ratings[i]!++;
  }
  for await (const r of sources.records(conn, scope)) {
    const f = of(r.branchId, r.openId);
    if (f) f.records++;
  }
  for await (const c of sources.comments(conn, scope)) {
    const f = of(c.branchId, c.targetId);
    if (!f) continue;
    f.comments.count++;
    for (const g of c.grades) {
      const p = COMMENT_POINTS.get(g);
      if (p === undefined) continue;
      f.comments.graded++;
      f.comments.points += p;
    }
  }
  for await (const s of sources.surveyResults(conn, scope)) {
    const f = of(s.branchId, s.targetId);
    if (!f) continue;
    f.survey.approving += s.satisfied + s.basic;
    f.survey.total += s.total;
  }
  for await (const h of sources.honours(conn, scope)) of(h.branchId, h.openId)?.honours.push(h.honour);
}

/** The branch's figures: its members' summed. */
export function sumFigures(all: Iterable<YearFigures>): YearFigures {
  const s = emptyFigures();
  for (const f of all) {
    s.pledges.onTime += f.pledges.onTime;
    s.pledges.late += f.pledges.late;
    s.pledges.open += f.pledges.open;
    f.ratings.forEach((n, i) => (s.ratings[i]! += n));
    s.records += f.records;
    s.comments.count += f.comments.count;
    s.comments.graded += f.comments.graded;
    s.comments.points += f.comments.points;
    s.survey.approving += f.survey.approving;
    s.survey.total += f.survey.total;
    s.honours.push(...f.honours);
  }
  return s;
}
