/**
 * The organisation file's `holidays`: per year, the official days off (`off`) and the 调休 make-up working
 * days (`work`), as the State Council's notice lists them, for years the chinese-days package does not know:
 *
 *   holidays:
 *     2027:
 *       off: [2027-01-01, 2027-02-06, …]
 *       work: [2027-02-14]
 *
 * Every date must exist, fall in its year, appear once, and a make-up working day must be a weekend (a
 * weekday is a working day anyway: listing one is a typo).
 */
import { z } from 'zod';
import { parseIsoDate } from '../../schedule/calendar.js';
import type { HolidayYear } from '../../schedule/holidays.js';

type Path = Array<string | number>;
type At = (path: Path, message: string) => void;

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const WEEKDAYS = ['星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'];

const dates = z.array(z.string({ error: '日期应写成 YYYY-MM-DD，如 2027-01-01' })).default([]);
// Not strict: an unknown key is reported on its own, and the dates are still checked.
const yearRow = z.object({ off: dates, work: dates });

/** The years listed, checked; problems go to `at` with their path under `holidays`. */
export function parseHolidays(raw: unknown, at: At, zh: z.core.$ZodErrorMap): HolidayYear[] {
  if (raw === undefined || raw === null) return [];
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    at(['holidays'], '应按年份列出，如 holidays: { 2027: { off: [...], work: [...] } }');
    return [];
  }
  const years: HolidayYear[] = [];
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const base: Path = ['holidays', key];
    const year = Number(key);
    if (!/^\d{4}$/.test(key) || year < 2000 || year > 2099) {
      at(base, `「${key}」不是年份，应写成四位数字，如 2027`);
      continue;
    }
    let bad = 0;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const k of Object.keys(value).filter((k) => k !== 'off' && k !== 'work')) {
        at([...base, k], `不认识的字段「${k}」（应为 off 或 work）`);
        bad += 1;
      }
    }
    const row = yearRow.safeParse(value ?? {}, { error: zh });
    if (!row.success) {
      for (const i of row.error.issues) at([...base, ...(i.path as Path)], i.message);
      continue;
    }
    for (const list of ['off', 'work'] as const) {
      row.data[list].forEach((d, j) => {
        const problem =
          dateProblem(d, year, list) ??
          (row.data[list].indexOf(d) !== j ? `${d} 重复` : undefined) ??
          (list === 'work' && row.data.off.includes(d) ? `${d} 同时写在 off 和 work 中` : undefined);
        if (!problem) return;
        at([...base, list, j], problem);
        bad += 1;
      });
    }
    if (bad === 0) years.push({ year, off: [...row.data.off].sort(), work: [...row.data.work].sort() });
  }
  return years.sort((a, b) => a.year - b.year);
}

function dateProblem(d: string, year: number, list: 'off' | 'work'): string | undefined {
  let parsed: { year: number; month: number; day: number };
  try {
    if (!ISO.test(d)) throw new Error();
    parsed = parseIsoDate(d);
  } catch {
    return `「${d}」不是有效日期，应写成 YYYY-MM-DD，如 ${year}-01-01`;
  }
  if (parsed.year !== year) return `${d} 不在 ${year} 年`;
  if (list === 'work') {
    const weekday = new Date(Date.UTC(parsed.year, parsed.month - 1, parsed.day)).getUTCDay();
    const iso = weekday === 0 ? 7 : weekday;
    if (iso <= 5) return `${d} 是${WEEKDAYS[iso - 1]}，本来就上班；补班日（work）应是周末`;
  }
  return undefined;
}
