/** Small counting helpers the digests and 通报 share. */
import type { LedgerLine, LedgerProgress } from '../ports.js';

export function progressOf(lines: readonly LedgerLine[]): LedgerProgress {
  const c = { total: lines.length, fulfilled: 0, open: 0, overdue: 0 };
  for (const l of lines) c[l.status]++;
  return c;
}

/** How many of `items` each key has. */
export function countBy<T>(items: readonly T[], key: (t: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const i of items) out.set(key(i), (out.get(key(i)) ?? 0) + 1);
  return out;
}

/** Lines grouped by owner. */
export function linesByOwner(lines: readonly LedgerLine[]): Map<string, LedgerLine[]> {
  const out = new Map<string, LedgerLine[]>();
  for (const l of lines) out.set(l.ownerId, [...(out.get(l.ownerId) ?? []), l]);
  return out;
}
