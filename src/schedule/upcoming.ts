/**
 * The 日程 list: for each job of a branch, the next run (with its delivery time if a holiday or quiet hours
 * moved it), whether that period already has a run (e.g. someone pressed 立即执行), and the last run.
 */
import type { JobDefinition } from './job.js';
import { isStale, latestPlan, nextPlan, runKey, type BranchJob, type Plan, type PlanHooks } from './plan.js';
import type { JobRun, RunStore } from './run-store.js';

export interface UpcomingRun {
  job: JobDefinition;
  /** The rule in force for this branch, and whether it is the branch's own. */
  cron: string;
  overridden: boolean;
  enabled: boolean;
  /** The branch's own rule was invalid (the default is used), in Chinese. */
  problem?: string;
  /** Null when the rule has no run within the search window. */
  next: (Plan & { run: JobRun | null }) | null;
  last: JobRun | null;
}

export async function upcomingRuns(
  jobs: readonly BranchJob[],
  store: RunStore,
  now: Date,
  hooks: PlanHooks,
): Promise<UpcomingRun[]> {
  const plans = jobs.map((bj) => {
    const latest = latestPlan(bj, now, hooks);
    // The latest planned run is still the next one while its delivery waits (holiday, quiet hours) or
    // while it is due but the next evaluation has not run it yet.
    const pendingLatest = latest && (latest.deliverAt > now || !isStale(bj, latest, now)) ? latest : null;
    return { bj, latest: pendingLatest, next: nextPlan(bj, now, hooks) };
  });
  const keyOf = (bj: BranchJob, p: Plan) => runKey(bj.job.name, bj.branch.id, p.periodKey);
  const keys = plans.flatMap(({ bj, latest, next }) =>
    [latest, next].flatMap((p) => (p ? [keyOf(bj, p)] : [])),
  );
  const records = new Map((await store.getMany(keys)).map((r) => [r._id, r]));

  const rows = await Promise.all(
    plans.map(async ({ bj, latest, next }): Promise<UpcomingRun> => {
      const latestRun = latest ? (records.get(keyOf(bj, latest)) ?? null) : null;
      const chosen = latest && (latest.deliverAt > now || !latestRun) ? latest : next;
      return {
        job: bj.job,
        cron: bj.cron,
        overridden: bj.overridden,
        enabled: bj.enabled,
        ...(bj.problem ? { problem: bj.problem } : {}),
        next: chosen ? { ...chosen, run: records.get(keyOf(bj, chosen)) ?? null } : null,
        last: await store.latest(bj.branch.id, bj.job.name),
      };
    }),
  );
  const at = (r: UpcomingRun) =>
    r.enabled && r.next ? r.next.deliverAt.getTime() : Number.POSITIVE_INFINITY;
  return rows.sort((a, b) => at(a) - at(b));
}
