/**
 * How a year-wide read names its branches to the database. FerretDB 1.x on PostgreSQL does not push `$in`
 * down: it tests every document against the whole list in Go, so a list of two hundred branches costs more
 * than reading the collection plain. Up to a few dozen branches the filter goes to the database; beyond,
 * the read is unfiltered by branch and `keep` drops the documents of other branches as they stream past.
 * One branch (an export) is named by plain equality, which FerretDB does push down: a one-element `$in`
 * read every branch's documents (a branch of 500 among eight: 0.5 s against 3 s).
 */
const IN_LIST_MAX = 40;

export function branchScope(branchIds: readonly string[]): {
  filter: Record<string, unknown>;
  keep: (branchId: string) => boolean;
} {
  if (branchIds.length === 1) return { filter: { branchId: branchIds[0] }, keep: () => true };
  if (branchIds.length <= IN_LIST_MAX)
    return { filter: { branchId: { $in: [...branchIds] } }, keep: () => true };
  const wanted = new Set(branchIds);
  return { filter: {}, keep: (b) => wanted.has(b) };
}
