/**
 * A small five-field cron evaluator (minute hour day-of-month month day-of-week) that answers the two
 * questions the scheduler asks: "when was the latest planned run at or before t?" and "when is the next one
 * after t?", by the wall clock of a given time zone.
 *
 * node-cron 4 parses patterns but only looks forward from a live task, and it ANDs day-of-month with
 * day-of-week; the classic (Vixie) rule, used here, is that when both fields are restricted a day matching
 * either one matches (`0 9 1 * 1` = the 1st of the month and every Monday).
 * https://man7.org/linux/man-pages/man5/crontab.5.html
 *
 * Supported: `*`, `?` (same as `*`), numbers, ranges `a-b`, steps `*\/n`, `a-b/n`, `a/n`, lists, month names
 * (jan–dec), weekday names (sun–sat), 0 or 7 for Sunday, and `L` (last day of the month) in day-of-month.
 */
import { daysInMonth, zonedParts, zonedToInstant } from './calendar.js';

export interface CronRule {
  readonly source: string;
  /** Ascending. */
  readonly minutes: readonly number[];
  /** Ascending. */
  readonly hours: readonly number[];
  readonly daysOfMonth: ReadonlySet<number>;
  readonly lastDayOfMonth: boolean;
  readonly months: ReadonlySet<number>;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekdays: ReadonlySet<number>;
  /** Whether the field was written starting with `*` (or `?`): unrestricted for the either-day rule. */
  readonly dayOfMonthStar: boolean;
  readonly dayOfWeekStar: boolean;
}

export class CronError extends Error {
  override name = 'CronError';
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface FieldSpec {
  label: string;
  min: number;
  max: number;
  /** Names mapped to min, min+1, … */
  names?: readonly string[];
  allowLast?: boolean;
}

const FIELDS: readonly FieldSpec[] = [
  { label: 'minute', min: 0, max: 59 },
  { label: 'hour', min: 0, max: 23 },
  { label: 'day of month', min: 1, max: 31, allowLast: true },
  { label: 'month', min: 1, max: 12, names: MONTH_NAMES },
  // 7 is accepted as Sunday and folded to 0 below.
  { label: 'day of week', min: 0, max: 7, names: WEEKDAY_NAMES },
];

interface ParsedField {
  values: Set<number>;
  star: boolean;
  last: boolean;
}

function parseValue(token: string, spec: FieldSpec, source: string): number {
  const named = spec.names?.indexOf(token.toLowerCase()) ?? -1;
  if (named >= 0) return named + spec.min;
  if (!/^\d+$/.test(token)) throw new CronError(`"${source}": "${token}" is not a valid ${spec.label}`);
  const n = Number(token);
  if (n < spec.min || n > spec.max) {
    throw new CronError(`"${source}": ${spec.label} ${n} is outside ${spec.min}–${spec.max}`);
  }
  return n;
}

function parseField(text: string, spec: FieldSpec, source: string): ParsedField {
  const field: ParsedField = {
    values: new Set(),
    star: text.startsWith('*') || text.startsWith('?'),
    last: false,
  };
  for (const part of text.split(',')) {
    if (spec.allowLast && part.toUpperCase() === 'L') {
      field.last = true;
      continue;
    }
    const [range = '', stepText, extra] = part.split('/');
    if (extra !== undefined || range === '')
      throw new CronError(`"${source}": "${part}" is not a valid ${spec.label}`);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) < 1) {
        throw new CronError(`"${source}": step "${stepText}" in the ${spec.label} must be a positive number`);
      }
      step = Number(stepText);
    }
    let lo: number;
    let hi: number;
    if (range === '*' || range === '?') {
      lo = spec.min;
      hi = spec.max;
    } else if (range.includes('-')) {
      const [a = '', b = ''] = range.split('-');
      lo = parseValue(a, spec, source);
      hi = parseValue(b, spec, source);
      if (lo > hi) throw new CronError(`"${source}": range ${range} in the ${spec.label} runs backwards`);
    } else {
      lo = parseValue(range, spec, source);
      hi = stepText === undefined ? lo : spec.max; // `5/15` = from 5 every 15
    }
    for (let v = lo; v <= hi; v += step) field.values.add(v);
  }
  return field;
}

/** Parses a five-field cron rule; throws CronError naming what is wrong. */
export function parseCron(source: string): CronRule {
  const parts = typeof source === 'string' ? source.trim().split(/\s+/) : [];
  if (parts.length !== 5) {
    throw new CronError(
      `"${String(source)}": expected 5 fields (minute hour day-of-month month day-of-week), got ${parts.length}`,
    );
  }
  const [minute, hour, dom, month, dow] = parts.map((p, i) => parseField(p, FIELDS[i]!, source)) as [
    ParsedField,
    ParsedField,
    ParsedField,
    ParsedField,
    ParsedField,
  ];
  const weekdays = new Set([...dow.values].map((d) => d % 7));
  const rule: CronRule = {
    source,
    minutes: [...minute.values].sort((a, b) => a - b),
    hours: [...hour.values].sort((a, b) => a - b),
    daysOfMonth: dom.values,
    lastDayOfMonth: dom.last,
    months: month.values,
    weekdays,
    dayOfMonthStar: dom.star,
    dayOfWeekStar: dow.star,
  };
  // `0 9 30 2 *` would silently never run; say so now rather than never.
  if (!rule.dayOfMonthStar && rule.dayOfWeekStar && !rule.lastDayOfMonth) {
    const possible = [...rule.months].some((m) =>
      [...rule.daysOfMonth].some((d) => d <= daysInMonth(2024, m)),
    );
    if (!possible) throw new CronError(`"${source}": that day of the month never occurs in the given months`);
  }
  return rule;
}

/** The problem with a cron rule, or undefined if it is valid (for settings validation). */
export function cronProblem(source: string): string | undefined {
  try {
    parseCron(source);
    return undefined;
  } catch (err) {
    if (err instanceof CronError) return err.message;
    throw err;
  }
}

/** Whether the rule runs on this calendar date (weekday 0 = Sunday). */
export function matchesDate(rule: CronRule, year: number, month: number, day: number): boolean {
  if (!rule.months.has(month)) return false;
  const domMatch = rule.daysOfMonth.has(day) || (rule.lastDayOfMonth && day === daysInMonth(year, month));
  const dowMatch = rule.weekdays.has(weekdayOf(year, month, day));
  if (rule.dayOfMonthStar && rule.dayOfWeekStar) return true;
  if (rule.dayOfMonthStar) return dowMatch;
  if (rule.dayOfWeekStar) return domMatch;
  return domMatch || dowMatch;
}

// Days are walked as day numbers since 1970-01-01, which keeps the loop free of time-zone lookups: only a
// matching date is converted to an instant.
const MS_PER_DAY = 86_400_000;
const dayNumber = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / MS_PER_DAY;
function fromDayNumber(n: number): { year: number; month: number; day: number } {
  const d = new Date(n * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
function weekdayOf(y: number, m: number, d: number): number {
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** A 29 February rule recurs within 8 years; nothing valid needs a longer search. */
const SEARCH_DAYS = 8 * 366;
/** Wall-clock slack on the start day, so a DST shift cannot hide a candidate. */
const SLACK_MINUTES = 180;

/**
 * The latest instant at or before `at` at which the rule fires by the wall clock of `tz`, or null when it
 * has not fired within the search window. A wall time skipped by a DST change fires just after the gap.
 */
export function previousRun(rule: CronRule, at: Date, tz: string): Date | null {
  const now = zonedParts(at, tz);
  const nowMinute = now.hour * 60 + now.minute;
  const start = dayNumber(now.year, now.month, now.day);
  for (let n = start; n >= start - SEARCH_DAYS; n -= 1) {
    const { year, month, day } = fromDayNumber(n);
    if (!matchesDate(rule, year, month, day)) continue;
    for (let h = rule.hours.length - 1; h >= 0; h -= 1) {
      for (let i = rule.minutes.length - 1; i >= 0; i -= 1) {
        const hour = rule.hours[h]!;
        const minute = rule.minutes[i]!;
        if (n === start && hour * 60 + minute > nowMinute + SLACK_MINUTES) continue;
        const instant = zonedToInstant({ year, month, day, hour, minute }, tz);
        if (instant.getTime() <= at.getTime()) return instant;
      }
    }
  }
  return null;
}

/** The earliest instant strictly after `at` at which the rule fires in `tz`, or null within the window. */
export function nextRun(rule: CronRule, at: Date, tz: string): Date | null {
  const now = zonedParts(at, tz);
  const nowMinute = now.hour * 60 + now.minute;
  const start = dayNumber(now.year, now.month, now.day);
  for (let n = start; n <= start + SEARCH_DAYS; n += 1) {
    const { year, month, day } = fromDayNumber(n);
    if (!matchesDate(rule, year, month, day)) continue;
    for (const hour of rule.hours) {
      for (const minute of rule.minutes) {
        if (n === start && hour * 60 + minute < nowMinute - SLACK_MINUTES) continue;
        const instant = zonedToInstant({ year, month, day, hour, minute }, tz);
        if (instant.getTime() > at.getTime()) return instant;
      }
    }
  }
  return null;
}
