/**
 * How a year-wide read names its branches to the database. FerretDB 1.x on PostgreSQL does not push `$in`
 * down: it tests every document against the whole list in Go, so a list of two hundred branches costs more
 * than reading the collection plain. Up to a few dozen branches the filter goes to the database; beyond,
 * the read is unfiltered by branch and `keep` drops the documents of other branches as they stream past.
 */
const IN_LIST_MAX = 40;

export function branchScope(branchIds: readonly string[]): {
  filter: Record<string, unknown>;
  keep: (branchId: string) => boolean;
} {
  if (branchIds.length <= IN_LIST_MAX)
    return { filter: { branchId: { $in: [...branchIds] } }, keep: () => true };
  const wanted = new Set(branchIds);
  return { filter: {}, keep: (b) => wanted.has(b) };
}
