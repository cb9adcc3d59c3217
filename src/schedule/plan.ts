/**
 * From a branch's settings and a job's declaration to planned runs: the effective cron rule, time zone and
 * quiet hours, the latest and next planned instants, when a reminder is actually delivered, and which
 * period a run belongs to. Pure apart from the holiday-data warning hook; no database here.
 */
import {
  DEFAULT_QUIET_HOURS,
  DEFAULT_TIME_ZONE,
  deliveryInstant,
  hasHolidayData,
  zonedParts,
  type QuietHours,
} from './calendar.js';
import { cronProblem, nextRun, parseCron, previousRun, type CronRule } from './cron.js';
import type { JobDefinition, ScheduleBranch } from './job.js';
import { containingPeriodKey, subjectPeriodKey } from './job-period.js';

export interface ResolvedBranch {
  id: string;
  name: string;
  timezone: string;
  quietHours: QuietHours;
  /** Settings that could not be used (the default was used instead), in Chinese for the 日程 card. */
  problems: string[];
}

export interface BranchJob {
  job: JobDefinition;
  branch: ResolvedBranch;
  /** The rule in force: the branch's override, or the job's default. */
  cron: string;
  rule: CronRule;
  overridden: boolean;
  enabled: boolean;
  /** The branch's rule was invalid and the default is used. */
  problem?: string;
}

export interface Plan {
  plannedAt: Date;
  /** plannedAt, or a reminder's time moved off a holiday or out of quiet hours. */
  deliverAt: Date;
  shifted: boolean;
  /** The period the run is for (its once-per-period key). */
  periodKey: string;
  /** The period containing deliverAt: the run may happen, or be retried, only while this period lasts. */
  windowKey: string;
}

export interface PlanHooks {
  /** Called when a reminder falls in a year the bundled holiday calendar does not cover. */
  noHolidayData?(year: number): void;
}

const MS_PER_DAY = 86_400_000;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export function runKey(job: string, branchId: string, periodKey: string): string {
  return `${job}:${branchId}:${periodKey}`;
}

export function resolveBranch(b: ScheduleBranch, defaultTimeZone = DEFAULT_TIME_ZONE): ResolvedBranch {
  const problems: string[] = [];
  let timezone = b.timezone ?? defaultTimeZone;
  try {
    zonedParts(new Date(0), timezone);
  } catch {
    problems.push(`时区「${timezone}」无效，已按 ${defaultTimeZone} 计算`);
    timezone = defaultTimeZone;
  }
  let quietHours: QuietHours = { ...DEFAULT_QUIET_HOURS };
  const q = b.calendar?.quietHours;
  if (q) {
    if (HH_MM.test(q.start) && HH_MM.test(q.end) && q.start < q.end)
      quietHours = { start: q.start, end: q.end };
    else problems.push(`免打扰时间「${q.start}–${q.end}」无效，已按默认 08:30–20:00 计算`);
  }
  return { id: b.id, name: b.name, timezone, quietHours, problems };
}

/** The jobs as this branch runs them (including switched-off ones, for the 日程 list). */
export function branchJobs(
  b: ScheduleBranch,
  branch: ResolvedBranch,
  jobs: readonly JobDefinition[],
  defaultRules: ReadonlyMap<string, CronRule>,
): BranchJob[] {
  return jobs.map((job) => {
    const setting = b.calendar?.jobs?.[job.name];
    const enabled = setting?.enabled !== false;
    const fallback = defaultRules.get(job.name) ?? parseCron(job.cron);
    if (setting?.cron === undefined || setting.cron === job.cron) {
      return { job, branch, cron: job.cron, rule: fallback, overridden: false, enabled };
    }
    const problem = cronProblem(setting.cron);
    if (problem) {
      return { job, branch, cron: job.cron, rule: fallback, overridden: false, enabled, problem };
    }
    return { job, branch, cron: setting.cron, rule: parseCron(setting.cron), overridden: true, enabled };
  });
}

/** The plan for a run the cron rule places at `plannedAt`. */
export function planAt(bj: BranchJob, plannedAt: Date, hooks: PlanHooks = {}): Plan {
  const { timezone: tz, quietHours } = bj.branch;
  let deliverAt = plannedAt;
  if (bj.job.reminder) {
    deliverAt = deliveryInstant(plannedAt, { tz, quietHours });
    for (const at of [plannedAt, deliverAt]) {
      const { year } = zonedParts(at, tz);
      if (!hasHolidayData(year)) hooks.noHolidayData?.(year);
    }
  }
  return {
    plannedAt,
    deliverAt,
    shifted: deliverAt.getTime() !== plannedAt.getTime(),
    periodKey: subjectPeriodKey(bj.job.period, bj.job.about, plannedAt, tz),
    windowKey: containingPeriodKey(bj.job.period, deliverAt, tz),
  };
}

/** The plan of the latest planned instant at or before `now`, if any. */
export function latestPlan(bj: BranchJob, now: Date, hooks?: PlanHooks): Plan | null {
  const at = previousRun(bj.rule, now, bj.branch.timezone);
  return at ? planAt(bj, at, hooks) : null;
}

/** The plan of the first planned instant after `now`, if any. */
export function nextPlan(bj: BranchJob, now: Date, hooks?: PlanHooks): Plan | null {
  const at = nextRun(bj.rule, now, bj.branch.timezone);
  return at ? planAt(bj, at, hooks) : null;
}

/**
 * Too late to run `plan` at `now`: its period is over, or it is later than the job's catch-up window.
 * After downtime such a run is recorded as skipped; a failed run is not retried past this point.
 */
export function isStale(bj: BranchJob, plan: Plan, now: Date): boolean {
  const { catchUpDays } = bj.job;
  if (catchUpDays !== undefined && now.getTime() - plan.deliverAt.getTime() > catchUpDays * MS_PER_DAY)
    return true;
  return containingPeriodKey(bj.job.period, now, bj.branch.timezone) !== plan.windowKey;
}

/** The plan of a run started by hand now: for the period containing now, delivered at once. */
export function manualPlan(bj: BranchJob, now: Date): Plan {
  const tz = bj.branch.timezone;
  return {
    plannedAt: now,
    deliverAt: now,
    shifted: false,
    periodKey: subjectPeriodKey(bj.job.period, bj.job.about, now, tz),
    windowKey: containingPeriodKey(bj.job.period, now, tz),
  };
}
