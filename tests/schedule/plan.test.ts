import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR, defineJob } from '../../src/schedule/default-calendar.js';
import type { JobDefinition, ScheduleBranch } from '../../src/schedule/job.js';
import { parseCron } from '../../src/schedule/cron.js';
import {
  branchJobs,
  isStale,
  latestPlan,
  nextPlan,
  planAt,
  resolveBranch,
  type BranchJob,
} from '../../src/schedule/plan.js';

const noop = async () => {};
const rulesOf = (jobs: readonly JobDefinition[]) => new Map(jobs.map((j) => [j.name, parseCron(j.cron)]));

function jobFor(branch: ScheduleBranch, job: JobDefinition): BranchJob {
  return branchJobs(branch, resolveBranch(branch), [job], rulesOf([job]))[0]!;
}

const b1: ScheduleBranch = { id: 'b1', name: '第一支部' };

describe('reminders on China’s official calendar', () => {
  it('moves a reminder due on National Day (2026-10-01) to 2026-10-08 08:30 Shanghai', () => {
    const bj = jobFor(b1, defineJob('comment.leader-remind', noop));
    const plan = latestPlan(bj, new Date('2026-10-01T02:00:00Z'))!;
    expect(plan.plannedAt.toISOString()).toBe('2026-10-01T01:00:00.000Z');
    expect(plan.deliverAt.toISOString()).toBe('2026-10-08T00:30:00.000Z');
    expect(plan.shifted).toBe(true);
    expect(plan.periodKey).toBe('2026-10');
  });

  it('keeps the period of the planned day when the delivery moves into the next period', () => {
    // The 1 October chase is about September; the quarterly comment reminder is about Q3.
    const chase = latestPlan(
      jobFor(b1, defineJob('record.chase-final', noop)),
      new Date('2026-10-08T01:00:00Z'),
    )!;
    expect(chase.periodKey).toBe('2026-09');
    expect(chase.deliverAt.toISOString()).toBe('2026-10-08T00:30:00.000Z');
    const quarterly = latestPlan(
      jobFor(b1, defineJob('comment.quarterly', noop)),
      new Date('2026-10-08T01:00:00Z'),
    )!;
    expect(quarterly.periodKey).toBe('2026-Q3');
    expect(quarterly.windowKey).toBe('2026-Q4');
  });

  it('counts a make-up working day (补班): Saturday 2026-10-10 and Saturday 2026-02-28 are not moved', () => {
    const briefing = nextPlan(
      jobFor(b1, defineJob('briefing.quarterly', noop)),
      new Date('2026-10-09T00:00:00Z'),
    )!;
    expect(briefing.plannedAt.toISOString()).toBe('2026-10-10T01:00:00.000Z');
    expect(briefing.shifted).toBe(false);
    const chase = nextPlan(jobFor(b1, defineJob('record.chase', noop)), new Date('2026-02-01T00:00:00Z'))!;
    expect(chase.plannedAt.toISOString()).toBe('2026-02-28T01:00:00.000Z');
    expect(chase.shifted).toBe(false);
  });

  it('moves an ordinary weekend reminder to Monday at the start of the window', () => {
    // 2026-11-28 is a Saturday.
    const chase = nextPlan(jobFor(b1, defineJob('record.chase', noop)), new Date('2026-11-01T00:00:00Z'))!;
    expect(chase.deliverAt.toISOString()).toBe('2026-11-30T00:30:00.000Z');
  });

  it('does not move jobs that are not reminders (closing a month runs on a holiday)', () => {
    const close = nextPlan(jobFor(b1, defineJob('record.close', noop)), new Date('2026-10-01T00:00:00Z'))!;
    expect(close.plannedAt.toISOString()).toBe('2026-10-03T15:59:00.000Z');
    expect(close.shifted).toBe(false);
    expect(close.periodKey).toBe('2026-09');
  });

  it('reports a year the holiday data does not cover', () => {
    const years: number[] = [];
    planAt(jobFor(b1, defineJob('record.remind', noop)), new Date('2027-03-25T01:00:00Z'), {
      noHolidayData: (y) => years.push(y),
    });
    expect(years).toContain(2027);
  });
});

describe('quiet hours', () => {
  const late: JobDefinition = { ...defineJob('record.remind', noop), cron: '0 21 * * *' };

  it('holds a reminder planned after 20:00 until 08:30 on the next working day', () => {
    // Friday 2026-11-27 21:00 → Monday 2026-11-30 08:30.
    const plan = planAt(jobFor(b1, late), new Date('2026-11-27T13:00:00Z'));
    expect(plan.deliverAt.toISOString()).toBe('2026-11-30T00:30:00.000Z');
  });

  it('uses the branch’s own window', () => {
    const branch: ScheduleBranch = { ...b1, calendar: { quietHours: { start: '09:30', end: '18:00' } } };
    const early = { ...late, cron: '0 9 * * *' };
    const plan = planAt(jobFor(branch, early), new Date('2026-11-26T01:00:00Z'));
    expect(plan.deliverAt.toISOString()).toBe('2026-11-26T01:30:00.000Z');
  });
});

describe('branch settings', () => {
  const jobs = DEFAULT_CALENDAR.map((e) => ({ ...e, run: noop }));
  const rules = rulesOf(jobs);

  it('applies a branch’s cron override, switch-off and time zone', () => {
    const branch: ScheduleBranch = {
      id: 'b2',
      name: '第二支部',
      timezone: 'Asia/Urumqi',
      calendar: { jobs: { 'record.remind': { cron: '0 10 20 * *' }, 'record.chase': { enabled: false } } },
    };
    const list = branchJobs(branch, resolveBranch(branch), jobs, rules);
    const remind = list.find((j) => j.job.name === 'record.remind')!;
    expect(remind).toMatchObject({ cron: '0 10 20 * *', overridden: true, enabled: true });
    expect(list.find((j) => j.job.name === 'record.chase')!.enabled).toBe(false);
    // 10:00 in Urumqi (UTC+6) is 04:00 UTC.
    expect(nextPlan(remind, new Date('2026-11-01T00:00:00Z'))!.plannedAt.toISOString()).toBe(
      '2026-11-20T04:00:00.000Z',
    );
  });

  it('falls back to defaults for settings it cannot use, and says why in Chinese', () => {
    const branch: ScheduleBranch = {
      id: 'b3',
      name: '第三支部',
      timezone: 'Mars/Olympus',
      calendar: {
        quietHours: { start: '20:00', end: '08:00' },
        jobs: { 'record.remind': { cron: '0 9 31 2 *' } },
      },
    };
    const resolved = resolveBranch(branch);
    expect(resolved.timezone).toBe('Asia/Shanghai');
    expect(resolved.quietHours).toEqual({ start: '08:30', end: '20:00' });
    expect(resolved.problems.join('\n')).toMatch(
      /时区「Mars\/Olympus」无效[\s\S]*免打扰时间「20:00–08:00」无效/,
    );
    const remind = branchJobs(branch, resolved, jobs, rules).find((j) => j.job.name === 'record.remind')!;
    expect(remind).toMatchObject({ cron: '0 9 25 * *', overridden: false });
    expect(remind.problem).toMatch(/never occurs/);
  });
});

describe('staleness', () => {
  it('allows catching up within the period, not after it, and not past a job’s catch-up window', () => {
    const remind = jobFor(b1, defineJob('record.remind', noop));
    const plan = planAt(remind, new Date('2026-11-25T01:00:00Z'));
    expect(isStale(remind, plan, new Date('2026-11-30T15:59:00Z'))).toBe(false);
    expect(isStale(remind, plan, new Date('2026-11-30T16:00:00Z'))).toBe(true); // 1 December in Shanghai
    const open = jobFor(b1, defineJob('pledge.open', noop)); // 60 days
    const jan = planAt(open, new Date('2026-01-02T01:00:00Z'));
    // 1–3 January are the New Year holiday; Sunday 4 January is a make-up working day.
    expect(jan.deliverAt.toISOString()).toBe('2026-01-04T00:30:00.000Z');
    expect(isStale(open, jan, new Date('2026-02-20T00:00:00Z'))).toBe(false);
    expect(isStale(open, jan, new Date('2026-09-20T00:00:00Z'))).toBe(true);
  });
});
