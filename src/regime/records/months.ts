/** Month keys in a branch's own calendar, and how users read them. */
import type { Connection } from 'mongoose';
import type { Config } from '../../config.js';
import { findBranch } from '../../org/index.js';
import { periodBounds, periodKey, previousPeriodKey } from '../../schedule/period.js';

export { periodBounds, previousPeriodKey };

export async function branchTimeZone(conn: Connection, config: Config, branchId: string): Promise<string> {
  return (await findBranch(conn, branchId))?.timezone ?? config.timezone;
}

export function monthOf(now: Date, tz: string): string {
  return periodKey('month', now, tz);
}

/** '2026-11' → '2026年11月' */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-');
  return `${y}年${Number(m)}月`;
}

/** The calendar year a month belongs to (the ledger is kept per year). */
export function yearOf(month: string): number {
  return Number(month.slice(0, 4));
}
