/** Counts the ballots per target. Pure, so the results card and the tests can recompute it from ballots. */
import type { Ballot, SurveyTarget, TargetResult } from './survey.entity.js';

const rate = (n: number, total: number) => (total === 0 ? 0 : Math.round((n / total) * 10_000) / 10_000);

export function tally(targets: readonly SurveyTarget[], all: readonly Ballot[]): TargetResult[] {
  return targets.map((t) => {
    const counts = { satisfied: 0, basic: 0, unsatisfied: 0 };
    for (const b of all) {
      const a = b.answers.find((x) => x.targetId === t.id);
      if (a) counts[a.choice]++;
    }
    const total = counts.satisfied + counts.basic + counts.unsatisfied;
    return {
      ...t,
      ...counts,
      total,
      approvalRate: rate(counts.satisfied + counts.basic, total),
      satisfiedRate: rate(counts.satisfied, total),
    };
  });
}

/** 0.8571 → "85.7%" */
export const percent = (r: number) => `${(Math.round(r * 1000) / 10).toFixed(1)}%`;
