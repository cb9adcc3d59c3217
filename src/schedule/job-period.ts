/**
 * Period keys for jobs: the regime's kinds come from period.ts; weeks are ISO weeks ('2026-W10', Monday
 * first, week 1 holding the year's first Thursday), for the jobs that chase weekly.
 */
import { zonedParts } from './calendar.js';
import type { JobPeriodKind } from './job.js';
import { periodKey, previousPeriodKey } from './period.js';

const MS_PER_DAY = 86_400_000;

/** ISO week key of a calendar date. */
export function isoWeekKey(year: number, month: number, day: number): string {
  const date = Date.UTC(year, month - 1, day);
  const weekday = new Date(date).getUTCDay() || 7;
  const thursday = new Date(date + (4 - weekday) * MS_PER_DAY);
  const weekYear = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / MS_PER_DAY / 7) + 1;
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}

/** Key of the period of `kind` that contains `instant` in `tz`. */
export function containingPeriodKey(kind: JobPeriodKind, instant: Date, tz: string): string {
  if (kind !== 'week') return periodKey(kind, instant, tz);
  const p = zonedParts(instant, tz);
  return isoWeekKey(p.year, p.month, p.day);
}

/** Key of the period a run at `instant` is for: the containing one, or the one before it. */
export function subjectPeriodKey(
  kind: JobPeriodKind,
  about: 'current' | 'previous' | undefined,
  instant: Date,
  tz: string,
): string {
  if (about !== 'previous') return containingPeriodKey(kind, instant, tz);
  if (kind !== 'week') return previousPeriodKey(periodKey(kind, instant, tz));
  const p = zonedParts(instant, tz);
  const weekEarlier = new Date(Date.UTC(p.year, p.month - 1, p.day) - 7 * MS_PER_DAY);
  return isoWeekKey(weekEarlier.getUTCFullYear(), weekEarlier.getUTCMonth() + 1, weekEarlier.getUTCDate());
}
