/** Which table a word names: its name, one of its aliases or its slug (台账, pledge-ledger), any case. */
import type { ExportTable } from '../ports.js';

export function findTable(tables: readonly ExportTable[], word: string): ExportTable | undefined {
  const w = word.trim().toLowerCase();
  if (!w) return undefined;
  return tables.find((t) =>
    [t.name, t.slug, ...(t.aliases ?? [])].some((n) => n !== undefined && n.toLowerCase() === w),
  );
}

/** Refuses a set of tables in which two claim the same word: `导出 台账` must mean one thing. */
export function checkTableWords(tables: readonly ExportTable[]): void {
  const seen = new Map<string, string>();
  for (const t of tables) {
    for (const n of [t.name, t.slug, ...(t.aliases ?? [])]) {
      if (n === undefined) continue;
      const key = n.toLowerCase();
      const other = seen.get(key);
      if (other !== undefined && other !== t.name)
        throw new Error(`export word 「${n}」 names both ${other} and ${t.name}`);
      seen.set(key, t.name);
    }
  }
}
