/**
 * Reporting periods of the regime (monthly records, quarterly comments, half-year checks, annual
 * review) as stable string keys, so that records, ratings and disclosures can be grouped and looked
 * up without storing instants whose meaning depends on a time zone.
 *
 * Keys: month '2026-11', quarter '2026-Q3', half '2026-H2', year '2026'.
 */
import { zonedParts, zonedToInstant } from './calendar.js';

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year';

export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

export interface ParsedPeriod {
  kind: PeriodKind;
  /** First day of the period. */
  start: CalendarDay;
  /** First day after the period, so consecutive periods share a boundary with no gap. */
  endExclusive: CalendarDay;
}

/** Length of each kind in months; every kind starts on a month boundary, which keeps arithmetic uniform. */
const MONTHS: Record<PeriodKind, number> = { month: 1, quarter: 3, half: 6, year: 12 };

const PERIOD_KINDS: readonly PeriodKind[] = ['month', 'quarter', 'half', 'year'];

export function isPeriodKind(value: unknown): value is PeriodKind {
  return typeof value === 'string' && (PERIOD_KINDS as readonly string[]).includes(value);
}

// Four-digit years only: keys must sort lexically in chronological order.
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;

/** Key of the period starting at (year, month), month being the period's first month. */
function keyFor(kind: PeriodKind, year: number, month: number): string {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new Error(`Period year ${year} is outside ${MIN_YEAR}–${MAX_YEAR}`);
  }
  switch (kind) {
    case 'month':
      return `${year}-${String(month).padStart(2, '0')}`;
    case 'quarter':
      return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
    case 'half':
      return `${year}-H${month <= 6 ? 1 : 2}`;
    case 'year':
      return String(year);
  }
}

/** Key of the period of `kind` that contains `instant`, by the calendar in `tz`. */
export function periodKey(kind: PeriodKind, instant: Date, tz: string): string {
  if (!isPeriodKind(kind)) throw new Error(`Unknown period kind "${String(kind)}"`);
  const { year, month } = zonedParts(instant, tz);
  return keyFor(kind, year, month);
}

const KEY_PATTERN = /^(\d{4})(?:-(?:(\d{2})|Q([1-4])|H([12])))?$/;

/** Parse a period key; throws on anything that is not exactly one of the four key shapes. */
export function parsePeriodKey(key: string): ParsedPeriod {
  const match = typeof key === 'string' ? KEY_PATTERN.exec(key) : null;
  if (!match) {
    throw new Error(
      `Invalid period key "${String(key)}": expected YYYY, YYYY-MM, YYYY-Qn (1–4) or YYYY-Hn (1–2)`,
    );
  }
  const year = Number(match[1]);
  const [, , monthText, quarterText, halfText] = match;
  let kind: PeriodKind;
  let firstMonth: number;
  if (monthText !== undefined) {
    kind = 'month';
    firstMonth = Number(monthText);
    if (firstMonth < 1 || firstMonth > 12)
      throw new Error(`Invalid period key "${key}": month must be 01–12`);
  } else if (quarterText !== undefined) {
    kind = 'quarter';
    firstMonth = (Number(quarterText) - 1) * 3 + 1;
  } else if (halfText !== undefined) {
    kind = 'half';
    firstMonth = halfText === '1' ? 1 : 7;
  } else {
    kind = 'year';
    firstMonth = 1;
  }
  if (year < MIN_YEAR) throw new Error(`Invalid period key "${key}": year must be ${MIN_YEAR}–${MAX_YEAR}`);
  return {
    kind,
    start: { year, month: firstMonth, day: 1 },
    endExclusive: shiftMonth(year, firstMonth, MONTHS[kind]),
  };
}

function shiftMonth(year: number, month: number, deltaMonths: number): CalendarDay {
  const index = year * 12 + (month - 1) + deltaMonths;
  return { year: Math.floor(index / 12), month: (index % 12) + 1, day: 1 };
}

/**
 * The instants bounding the period in `tz`: `start` is local midnight of its first day, `end` local
 * midnight of the first day after it (exclusive), so `start <= t < end` tests membership.
 */
export function periodBounds(key: string, tz: string): { start: Date; end: Date } {
  const { start, endExclusive } = parsePeriodKey(key);
  return { start: zonedToInstant(start, tz), end: zonedToInstant(endExclusive, tz) };
}

function shiftPeriod(key: string, steps: number): string {
  const { kind, start } = parsePeriodKey(key);
  const target = shiftMonth(start.year, start.month, steps * MONTHS[kind]);
  return keyFor(kind, target.year, target.month);
}

/** The period of the same kind just before `key` (e.g. '2026-Q1' → '2025-Q4'). */
export function previousPeriodKey(key: string): string {
  return shiftPeriod(key, -1);
}

/** The period of the same kind just after `key` (e.g. '2026-12' → '2027-01'). */
export function nextPeriodKey(key: string): string {
  return shiftPeriod(key, 1);
}
