/**
 * Calendar arithmetic for scheduled reminders: time-zone conversion, China's official working-day
 * calendar (public holidays and 调休 make-up working days) and quiet hours.
 *
 * Everything here is pure but for the holiday registry (./holidays.ts): callers pass instants in, so tests
 * and the scheduler share one clock (src/clock.ts) and nothing depends on the host's TZ setting.
 */
import { holidaySource, officialDayKind, packageHolidayYears } from './holidays.js';

/** Wall-clock fields of an instant in some zone. `weekday` is ISO: 1 = Monday … 7 = Sunday. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

/** A wall-clock date (and optional time) to be resolved to an instant in a zone. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
}

/** A calendar date as 'YYYY-MM-DD'. */
export type IsoDate = string;

/**
 * The window in which delivery is allowed, as local 'HH:mm' times of the same day.
 * Nothing is delivered before `start` or after `end`.
 */
export interface QuietHours {
  start: string;
  end: string;
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** True for an IANA time zone this runtime knows, such as Asia/Shanghai. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
export const DEFAULT_QUIET_HOURS: Readonly<QuietHours> = Object.freeze({ start: '08:30', end: '20:00' });

export interface DeliveryOptions {
  tz: string;
  /** Omitted → DEFAULT_QUIET_HOURS; null → deliver at any time of day. */
  quietHours?: QuietHours | null;
  /** Defaults to true: the regime's reminders are meant for working days only. */
  workingDaysOnly?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Time zones
// ---------------------------------------------------------------------------------------------

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

// Building a DateTimeFormat is far more expensive than using one, and the scheduler converts often.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let formatter = formatters.get(tz);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        // h23, not hour12:false, because some engines render midnight as "24" with the latter.
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        era: 'short',
      });
    } catch (cause) {
      throw new Error(`Unknown time zone "${tz}": expected an IANA name such as "Asia/Shanghai"`, { cause });
    }
    formatters.set(tz, formatter);
  }
  return formatter;
}

/** Wall-clock fields of `instant` as shown in `tz`. */
export function zonedParts(instant: Date, tz: string): ZonedParts {
  if (Number.isNaN(instant.getTime())) throw new Error('zonedParts: invalid Date');
  const fields: Record<string, string> = {};
  for (const part of formatterFor(tz).formatToParts(instant)) fields[part.type] = part.value;
  const yearOfEra = Number(fields.year);
  // en-US prints years before 1 CE as "n BC"; convert to astronomical numbering for arithmetic.
  const year = fields.era === 'BC' ? 1 - yearOfEra : yearOfEra;
  const month = Number(fields.month);
  const day = Number(fields.day);
  return {
    year,
    month,
    day,
    hour: Number(fields.hour),
    minute: Number(fields.minute),
    second: Number(fields.second),
    weekday: isoWeekday(year, month, day),
  };
}

/** Milliseconds since the epoch of a wall-clock reading as if it were UTC (no Date.UTC: it remaps years 0–99). */
function wallClockMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

/** The zone's UTC offset at `ms` (wall clock minus UTC), in milliseconds. */
function offsetAt(ms: number, tz: string): number {
  const p = zonedParts(new Date(ms), tz);
  // Compare whole seconds: the formatter drops milliseconds.
  const wholeSecond = Math.floor(ms / 1000) * 1000;
  return wallClockMs(p.year, p.month, p.day, p.hour, p.minute, p.second) - wholeSecond;
}

type Disambiguation = 'earlier' | 'later';

/**
 * Resolve a wall-clock reading to an instant. Readings repeated by a backward shift (autumn DST)
 * resolve to the `earlier` or `later` occurrence; readings skipped by a forward shift (spring DST)
 * resolve as if the pre-shift offset still applied, i.e. they move forward by the gap — the same
 * rule as Temporal's 'compatible' and as most calendar apps.
 */
function resolveWallClock(local: LocalDateTime, tz: string, which: Disambiguation): Date {
  const { year, month, day, hour = 0, minute = 0 } = local;
  validateLocal(local);
  const wall = wallClockMs(year, month, day, hour, minute);
  // Offsets a day either side bracket any single transition near this reading.
  const offsetBefore = offsetAt(wall - MS_PER_DAY, tz);
  const offsetAfter = offsetAt(wall + MS_PER_DAY, tz);
  const candidates = [...new Set([offsetBefore, offsetAfter, offsetAt(wall, tz)])]
    .map((offset) => wall - offset)
    .filter((ms) => wall - offsetAt(ms, tz) === ms)
    .sort((a, b) => a - b);
  const chosen = which === 'earlier' ? candidates[0] : candidates[candidates.length - 1];
  return new Date(chosen ?? wall - offsetBefore);
}

/** The instant at which the wall clock in `tz` shows the given date and time (default 00:00). */
export function zonedToInstant(local: LocalDateTime, tz: string): Date {
  return resolveWallClock(local, tz, 'earlier');
}

function validateLocal({ year, month, day, hour = 0, minute = 0 }: LocalDateTime): void {
  const ok =
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    month >= 1 &&
    month <= 12 &&
    Number.isInteger(day) &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    Number.isInteger(hour) &&
    hour >= 0 &&
    hour <= 23 &&
    Number.isInteger(minute) &&
    minute >= 0 &&
    minute <= 59;
  if (!ok) throw new Error(`Invalid local date/time ${JSON.stringify({ year, month, day, hour, minute })}`);
}

// ---------------------------------------------------------------------------------------------
// Calendar dates ('YYYY-MM-DD')
// ---------------------------------------------------------------------------------------------

export function daysInMonth(year: number, month: number): number {
  return new Date(wallClockMs(year, month + 1, 0)).getUTCDate();
}

function isoWeekday(year: number, month: number, day: number): number {
  const sundayZero = new Date(wallClockMs(year, month, day)).getUTCDay();
  return sundayZero === 0 ? 7 : sundayZero;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Parse and validate 'YYYY-MM-DD'; a clear error beats silently scheduling on "2026-02-30". */
export function parseIsoDate(date: IsoDate): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) return { year, month, day };
  }
  throw new Error(`Invalid date "${date}": expected an existing calendar date as YYYY-MM-DD`);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  const d = new Date(wallClockMs(year, month, day) + days * MS_PER_DAY);
  return formatIsoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** The calendar date of `instant` in `tz`, as 'YYYY-MM-DD'. */
export function localDate(instant: Date, tz: string): IsoDate {
  const p = zonedParts(instant, tz);
  return formatIsoDate(p.year, p.month, p.day);
}

// ---------------------------------------------------------------------------------------------
// China's official working-day calendar
// ---------------------------------------------------------------------------------------------

/**
 * Whether the calendar knows `year`'s official arrangement: from the chinese-days package, or supplied by
 * an admin (src/schedule/holidays.ts). When it does not, isWorkingDay falls back to Monday–Friday, which
 * misses holidays and 补班 days; callers should log a warning.
 */
export function hasHolidayData(year: number): boolean {
  return holidaySource(year) !== 'weekdays';
}

/** First and last years covered by the bundled package, for diagnostics. */
export function holidayDataRange(): { first: number; last: number } {
  const years = packageHolidayYears();
  return { first: years[0]!, last: years.at(-1)! };
}

/** Whether `date` is a working day on China's official calendar (weekends and holidays off, 补班 days on). */
export function isWorkingDay(date: IsoDate): boolean {
  const { year, month, day } = parseIsoDate(date);
  const kind = officialDayKind(date);
  if (kind) return kind === 'work';
  return isoWeekday(year, month, day) <= 5;
}

/** `date` itself if it is a working day, else the first working day after it. */
export function nextWorkingDay(date: IsoDate): IsoDate {
  let candidate = date;
  // The longest official break is 9 days (Spring Festival); a year is a generous safety bound.
  for (let i = 0; i < 366; i += 1) {
    if (isWorkingDay(candidate)) return candidate;
    candidate = addDays(candidate, 1);
  }
  throw new Error(`No working day within a year after ${date}`);
}

// ---------------------------------------------------------------------------------------------
// Delivery time
// ---------------------------------------------------------------------------------------------

function parseHhMm(value: string, label: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match) throw new Error(`Invalid quiet-hours ${label} "${value}": expected HH:mm (00:00–23:59)`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * When a reminder planned for `planned` should actually be sent: never on a non-working day (unless
 * `workingDaysOnly` is false) and never outside the allowed window. A planned instant that is already
 * acceptable is returned unchanged; otherwise the result is the window start of the first acceptable day.
 */
export function deliveryInstant(planned: Date, opts: DeliveryOptions): Date {
  const { tz, workingDaysOnly = true } = opts;
  const window = opts.quietHours === undefined ? DEFAULT_QUIET_HOURS : opts.quietHours;
  const startMin = window ? parseHhMm(window.start, 'start') : 0;
  const endMin = window ? parseHhMm(window.end, 'end') : 24 * 60;
  // A window wrapping midnight would make "the next day's start" ambiguous; nobody needs one here.
  if (startMin >= endMin) {
    throw new Error(`Invalid quiet hours ${window?.start}–${window?.end}: start must be before end`);
  }

  const p = zonedParts(planned, tz);
  const today = formatIsoDate(p.year, p.month, p.day);
  const firstDayFrom = (date: IsoDate): IsoDate => (workingDaysOnly ? nextWorkingDay(date) : date);
  const windowStartOn = (date: IsoDate): Date => {
    const { year, month, day } = parseIsoDate(date);
    const local = { year, month, day, hour: Math.floor(startMin / 60), minute: startMin % 60 };
    // If the start reading occurs twice (autumn DST), take the occurrence that is not in the past.
    const earlier = resolveWallClock(local, tz, 'earlier');
    if (earlier.getTime() >= planned.getTime()) return earlier;
    const later = resolveWallClock(local, tz, 'later');
    return later.getTime() >= planned.getTime() ? later : planned;
  };

  if (workingDaysOnly && !isWorkingDay(today)) return windowStartOn(nextWorkingDay(today));
  // Milliseconds since local midnight by the wall clock, so 20:00:30 counts as after a 20:00 end.
  const sinceMidnightMs =
    ((p.hour * 60 + p.minute) * 60 + p.second) * 1000 + (((planned.getTime() % 1000) + 1000) % 1000);
  if (sinceMidnightMs < startMin * MS_PER_MINUTE) return windowStartOn(today);
  if (sinceMidnightMs > endMin * MS_PER_MINUTE) return windowStartOn(firstDayFrom(addDays(today, 1)));
  return planned;
}
