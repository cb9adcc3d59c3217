/**
 * From a member's year to a score: each part normalised to 0..1, weighted, summed to 0..100; a grade by the
 * organisation's score lines; places with ties shared (1, 2, 2, 4) and listed in one fixed order.
 */
import {
  ASSESSMENT_GRADES,
  type AssessmentGrade,
  type Components,
  type YearFigures,
} from './assessment.entity.js';
import { WEIGHT_PARTS, type Weights } from './weights.js';

/** A fulfilled item counts 1 by its due date and half after it; an open one nothing. */
export const LATE_CREDIT = 0.5;

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

/** Points of a grade on a scale given best first: 1 for the best, 0 for the worst, evenly between. */
export function scalePoints(scale: readonly string[]): Map<string, number> {
  return new Map(
    scale.map((g, i) => [g, scale.length > 1 ? (scale.length - 1 - i) / (scale.length - 1) : 1]),
  );
}

export function componentsOf(f: YearFigures, ratingScale: readonly string[]): Components {
  const p = f.pledges;
  const rated = f.ratings.reduce((a, b) => a + b, 0);
  const points = scalePoints(ratingScale);
  const ratingPoints = f.ratings.reduce((sum, n, i) => sum + n * (points.get(ratingScale[i]!) ?? 0), 0);
  return {
    pledge: ratio(p.onTime + LATE_CREDIT * p.late, p.onTime + p.late + p.open),
    rating: ratio(ratingPoints, rated),
    records: Math.min(1, f.records / 12),
    comments: ratio(f.comments.points, f.comments.graded),
    survey: ratio(f.survey.approving, f.survey.total),
    honours: f.honours.length > 0 ? 1 : 0,
  };
}

/** 0..100 with two decimals, so equal work reads as an equal score (and a shared place). */
export function scoreOf(c: Components, w: Weights): number {
  const total = WEIGHT_PARTS.reduce((s, p) => s + w[p.key], 0);
  const sum = WEIGHT_PARTS.reduce((s, p) => s + w[p.key] * c[p.key], 0);
  return Math.round((10_000 * sum) / total) / 100;
}

export function gradeOf(score: number, w: Weights): AssessmentGrade {
  if (score >= w.excellent) return ASSESSMENT_GRADES[0];
  if (score >= w.pass) return ASSESSMENT_GRADES[1];
  if (score >= w.basic) return ASSESSMENT_GRADES[2];
  return ASSESSMENT_GRADES[3];
}

/**
 * Sorts best first — score, then name (as Chinese sorts), then open_id so the order never depends on how
 * the database returned them — and gives each its place, shared by equal scores.
 */
export function rank<T extends { score: number; name: string; openId: string }>(
  list: T[],
): Array<T & { rank: number; order: number }> {
  const sorted = [...list].sort(
    (a, b) =>
      b.score - a.score ||
      a.name.localeCompare(b.name, 'zh-CN') ||
      (a.openId < b.openId ? -1 : a.openId > b.openId ? 1 : 0),
  );
  let place = 0;
  return sorted.map((m, i) => {
    if (i === 0 || m.score !== sorted[i - 1]!.score) place = i + 1;
    return { ...m, rank: place, order: i + 1 };
  });
}
