/**
 * Which days China's official calendar takes off (public holidays) and puts back to work (调休 make-up
 * days), per year, from two sources: the maintained `chinese-days` package, and years an admin supplied in
 * the organisation file (for years the package does not cover yet: the State Council publishes each year's
 * arrangement in November, often before a package release). The package wins for a year it covers.
 *
 * The supplied years live in memory so that every calendar call stays synchronous; the organisation
 * module loads them from the database at start-up, after an import, and now and then (`setSuppliedHolidays`).
 */
// The package's JSON is imported rather than its API because the API parses dates in the host's
// local zone; we only need the raw date → holiday/make-up-day maps, keyed by 'YYYY-MM-DD'.
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

/** Where the calendar's knowledge of a year comes from. */
export type HolidaySource = 'package' | 'supplied' | 'weekdays';

/** One year's official arrangement: days off that would be working days, and make-up working days. */
export interface HolidayYear {
  year: number;
  /** 'YYYY-MM-DD', sorted. */
  off: string[];
  /** 'YYYY-MM-DD', sorted: weekends worked to make up for a bridged holiday (补班). */
  work: string[];
}

// Maps of 'YYYY-MM-DD' → "English name,中文名,days". Copied into Maps so lookups never hit prototype keys.
const packageOff = new Map<string, string>(Object.entries(chineseDays.holidays));
const packageWork = new Map<string, string>(Object.entries(chineseDays.workdays));

// A year counts as covered when its National Day (1 Oct) is listed: it is in every annual State
// Council notice, whereas a stray January date can come from the previous year's arrangement.
const packageYears = new Set<number>(
  [...packageOff.keys()].filter((d) => d.endsWith('-10-01')).map((d) => Number(d.slice(0, 4))),
);

let supplied = new Map<number, { off: Set<string>; work: Set<string> }>();
let version = 0;

/** Replaces the admin-supplied years (all of them: a year no longer listed is forgotten). */
export function setSuppliedHolidays(years: readonly HolidayYear[]): void {
  const next = new Map(years.map((y) => [y.year, { off: new Set(y.off), work: new Set(y.work) }]));
  if (sameYears(next, supplied)) return;
  supplied = next;
  version += 1;
}

/** Changes whenever the supplied years do, so that caches of computed plans know to start again. */
export function holidaysVersion(): number {
  return version;
}

export function holidaySource(year: number): HolidaySource {
  if (packageYears.has(year)) return 'package';
  return supplied.has(year) ? 'supplied' : 'weekdays';
}

/** What the calendar believes about a year (for the 节假日 card). */
export function holidayYear(year: number): HolidayYear & { source: HolidaySource } {
  const source = holidaySource(year);
  const prefix = `${String(year).padStart(4, '0')}-`;
  const inYear = (days: Iterable<string>) => [...days].filter((d) => d.startsWith(prefix)).sort();
  if (source === 'package')
    return { year, source, off: inYear(packageOff.keys()), work: inYear(packageWork.keys()) };
  const s = supplied.get(year);
  return { year, source, off: s ? inYear(s.off) : [], work: s ? inYear(s.work) : [] };
}

/** 'off' for an official day off, 'work' for a make-up working day, undefined for an ordinary day. */
export function officialDayKind(date: string): 'off' | 'work' | undefined {
  const year = Number(date.slice(0, 4));
  if (packageYears.has(year)) {
    if (packageWork.has(date)) return 'work';
    return packageOff.has(date) ? 'off' : undefined;
  }
  const s = supplied.get(year);
  if (s?.work.has(date)) return 'work';
  return s?.off.has(date) ? 'off' : undefined;
}

/** The years the package covers (not the supplied ones): for diagnostics and the README's promise. */
export function packageHolidayYears(): number[] {
  return [...packageYears].sort((a, b) => a - b);
}

function sameYears(
  a: Map<number, { off: Set<string>; work: Set<string> }>,
  b: Map<number, { off: Set<string>; work: Set<string> }>,
): boolean {
  if (a.size !== b.size) return false;
  const same = (x: Set<string>, y: Set<string>) => x.size === y.size && [...x].every((d) => y.has(d));
  return [...a].every(([year, v]) => {
    const w = b.get(year);
    return w !== undefined && same(v.off, w.off) && same(v.work, w.work);
  });
}
