/** Period keys as users read them, and the months a period spans. */
import { parsePeriodKey } from '../../schedule/period.js';

/** 2026-03 → 2026年3月; 2026-Q1 → 2026年第一季度; 2026-H2 → 2026年下半年; 2026 → 2026年. */
export function periodLabel(key: string): string {
  const p = parsePeriodKey(key);
  const y = p.start.year;
  switch (p.kind) {
    case 'month':
      return `${y}年${p.start.month}月`;
    case 'quarter':
      return `${y}年第${'一二三四'[Math.floor((p.start.month - 1) / 3)]}季度`;
    case 'half':
      return `${y}年${p.start.month === 1 ? '上' : '下'}半年`;
    case 'year':
      return `${y}年`;
  }
}

/** The YYYY-MM keys of the months in a period, in order. */
export function monthsOf(key: string): string[] {
  const p = parsePeriodKey(key);
  const span = { month: 1, quarter: 3, half: 6, year: 12 }[p.kind];
  return Array.from(
    { length: span },
    (_, i) => `${p.start.year}-${String(p.start.month + i).padStart(2, '0')}`,
  );
}

export const yearOfPeriod = (key: string): number => parsePeriodKey(key).start.year;
