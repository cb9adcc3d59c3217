/** The arguments of `npm run inbox:replay`: event ids, or `--since <ISO time>`. */
export type ReplayArgs =
  { ok: true; select: { eventIds: string[] } | { since: Date } } | { ok: false; error: string };

export function parseReplayArgs(argv: readonly string[]): ReplayArgs {
  const at = argv.indexOf('--since');
  if (at >= 0) {
    const value = argv[at + 1];
    const since = value ? new Date(value) : undefined;
    if (!since || Number.isNaN(since.getTime()))
      return {
        ok: false,
        error: `--since needs an ISO time such as 2026-11-27T00:00:00+08:00, got ${value ?? 'nothing'}`,
      };
    if (argv.length !== 2) return { ok: false, error: 'give either --since <time> or event ids, not both' };
    return { ok: true, select: { since } };
  }
  const eventIds = argv.filter((a) => a.trim() !== '');
  if (eventIds.length === 0) return { ok: false, error: 'name at least one event id, or --since <time>' };
  const flag = eventIds.find((a) => a.startsWith('--'));
  if (flag) return { ok: false, error: `unknown option ${flag}` };
  return { ok: true, select: { eventIds } };
}
