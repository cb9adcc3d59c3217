import { afterEach, describe, expect, it } from 'vitest';
import type { ScheduleBranch } from '../../src/schedule/job.js';
import { RUNS_COLLECTION, type JobRun } from '../../src/schedule/run-store.js';
import type { Scheduler } from '../../src/schedule/runner.js';
import { useTestDatabase } from '../support/database.js';
import { FakeClock } from '../support/fake-clock.js';
import { HOUR, recorder, sh, testScheduler, walk } from './support.js';

const db = useTestDatabase();
const runs = () => db().db!.collection<JobRun>(RUNS_COLLECTION);

afterEach(async () => {
  await runs().deleteMany({});
});

const b1: ScheduleBranch = { id: 'b1', name: '第一支部' };
const b2: ScheduleBranch = {
  id: 'b2',
  name: '第二支部',
  calendar: {
    quietHours: { start: '09:00', end: '18:00' },
    jobs: { 'record.remind': { cron: '0 21 20 * *' }, 'comment.leader-remind': { enabled: false } },
  },
};

/** What each branch runs between 2026-09-20 00:00 and 2026-10-15 00:00 (Shanghai), start-up catch-up included. */
function expectedRuns(branch: string): string[] {
  const common = [
    // Caught up at start-up (20 September): this month's runs so far, about August or September.
    'record.chase-final:2026-08', // 1 Sep
    'rating.remind:2026-08', // 3 Sep
    'record.close:2026-08', // 3 Sep 23:59
    'disclosure.monthly:2026-08', // Sunday 6 Sep → 7 Sep
    // September: the 25th is the Mid-Autumn holiday, so the reminder goes out on Monday the 28th.
    'record.remind:2026-09',
    'record.chase:2026-09',
    // The National Day holiday moves 1–7 October reminders to 8 October 08:30.
    'record.chase-final:2026-09',
    'comment.quarterly:2026-Q3',
    'rating.remind:2026-09',
    'disclosure.monthly:2026-09',
    'record.close:2026-09', // not a reminder: runs on 3 October 23:59 regardless
    'briefing.quarterly:2026-Q3', // Saturday 10 October is a make-up working day
    'digest.monthly:2026-09', // 7 October, in the holiday → 8 October
    'digest.quarterly:2026-Q3', // 10 October, the make-up working day
    // Weekly on Mondays; W41's Monday (5 October) falls in the holiday and goes out on the 8th.
    'comment.follow-up:2026-W39',
    'comment.follow-up:2026-W40',
    'comment.follow-up:2026-W41',
    'comment.follow-up:2026-W42',
  ];
  const leader = ['comment.leader-remind:2026-09', 'comment.leader-remind:2026-10'];
  const all = branch === 'b1' ? [...common, ...leader] : common;
  return all.map((k) => k.replace(':', `:${branch}:`)).sort();
}

/** Too late at start-up: earlier periods, or past the job's catch-up window. */
const expectedSkipped = (branch: string) =>
  [
    'pledge.open:2026',
    'pledge.chase:2026-W14',
    'record.remind:2026-08',
    'record.chase:2026-08',
    'comment.quarterly:2026-Q2',
    'briefing.quarterly:2026-Q2',
    'comment.half-year:2026-H1',
    'comment.annual:2025',
    'survey.open:2026-H1',
    'survey.close:2026-H1',
    'selection.nominate:2026',
    'selection.vote:2026',
    'selection.commend:2026',
    'assessment.open:2025',
    'digest.monthly:2026-08', // 7 September: past its 10 catch-up days on the 20th
    'digest.quarterly:2026-Q2',
    'digest.half-year:2026-H1',
    'digest.annual:2025',
    'calendar.holiday-check:2026-W01', // Monday 29 December 2025
    'comment.follow-up:2026-W38', // Monday 14 September: past its 3 catch-up days on the 20th
  ]
    .map((k) => k.replace(':', `:${branch}:`))
    .sort();

describe('the scheduler across a month and a quarter boundary', () => {
  it('runs every job exactly once per period per branch, with two instances ticking at once and a restart', async () => {
    const clock = new FakeClock(sh('2026-09-20 00:00'));
    const rec = recorder(clock);
    const make = () =>
      testScheduler({ conn: db(), clock, jobs: rec.calendarJobs, listBranches: async () => [b1, b2] });
    let instances: Scheduler[] = [make(), make()];
    await Promise.all(instances.map((s) => s.start()));

    await walk(clock, sh('2026-09-20 00:00'), sh('2026-10-02 12:00'), HOUR, () => instances);
    // One instance is replaced mid-way (a deploy): the new one starts on the same database.
    await instances[0]!.stop();
    instances = [make(), instances[1]!];
    await instances[0]!.start();
    await walk(clock, sh('2026-10-02 13:00'), sh('2026-10-15 00:00'), HOUR, () => instances);

    expect(rec.keys()).toEqual([...expectedRuns('b1'), ...expectedRuns('b2')].sort());
    const done = await runs().find({ status: 'done' }).toArray();
    expect(done.map((r) => r._id).sort()).toEqual(rec.keys());
    const skipped = await runs().find({ status: 'skipped' }).toArray();
    expect(skipped.map((r) => r._id).sort()).toEqual(
      [...expectedSkipped('b1'), ...expectedSkipped('b2')].sort(),
    );
    expect(await runs().countDocuments({ status: { $nin: ['done', 'skipped'] } })).toBe(0);

    const at = (key: string) => rec.calls.find((c) => c.key === key)!.at;
    expect(at('record.remind:b1:2026-09')).toEqual(sh('2026-09-28 09:00')); // first tick after 08:30
    expect(at('record.remind:b2:2026-09')).toEqual(sh('2026-09-21 09:00')); // 20th 21:00 → next morning 09:00
    expect(at('comment.quarterly:b1:2026-Q3')).toEqual(sh('2026-10-08 09:00'));
    expect(at('record.close:b1:2026-09')).toEqual(sh('2026-10-04 00:00'));
    expect(at('briefing.quarterly:b1:2026-Q3')).toEqual(sh('2026-10-10 09:00'));
    const briefing = await runs().findOne({ _id: 'briefing.quarterly:b1:2026-Q3' });
    expect(briefing!.deliverAt).toEqual(briefing!.plannedAt);
    const quarterly = await runs().findOne({ _id: 'comment.quarterly:b1:2026-Q3' });
    expect(quarterly).toMatchObject({ plannedAt: sh('2026-10-01 09:00'), deliverAt: sh('2026-10-08 08:30') });
    expect(rec.calls.find((c) => c.key === 'rating.remind:b1:2026-08')!.trigger).toBe('catch-up');
    expect(rec.calls.find((c) => c.key === 'record.chase:b1:2026-09')!.trigger).toBe('schedule');
    await Promise.all(instances.map((s) => s.stop()));
  });

  it('after downtime, catches up the current period at start-up, skips stale runs and reruns nothing', async () => {
    const clock = new FakeClock(sh('2026-09-20 00:00'));
    const rec = recorder(clock);
    const make = () =>
      testScheduler({ conn: db(), clock, jobs: rec.calendarJobs, listBranches: async () => [b1] });
    const first = make();
    await first.start();
    await walk(clock, sh('2026-09-20 01:00'), sh('2026-09-24 12:00'), HOUR, () => [first]);
    await first.stop();
    const before = rec.keys();
    expect(before).toEqual(
      ['record.chase-final', 'rating.remind', 'record.close', 'disclosure.monthly']
        .map((j) => `${j}:b1:2026-08`)
        .concat('comment.leader-remind:b1:2026-09', 'comment.follow-up:b1:2026-W39')
        .sort(),
    );

    // Down from 24 September noon to 9 October 10:00: the September reminders (25th → 28th, 28th) were missed
    // and their month is over; October's runs so far, and Q3's quarterly comment, are still current.
    clock.set(sh('2026-10-09 10:00'));
    const second = make();
    await second.start();
    const caughtUp = rec.calls.slice(before.length);
    expect(caughtUp.map((c) => c.key).sort()).toEqual(
      [
        'comment.follow-up:b1:2026-W41', // Monday 5 October, a holiday: due on the 8th, a day late is fine
        'comment.leader-remind:b1:2026-10',
        'comment.quarterly:b1:2026-Q3',
        'digest.monthly:b1:2026-09', // 7 October, a holiday: due on the 8th
        'disclosure.monthly:b1:2026-09',
        'rating.remind:b1:2026-09',
        'record.chase-final:b1:2026-09',
        'record.close:b1:2026-09',
      ].sort(),
    );
    expect(caughtUp.every((c) => c.trigger === 'catch-up')).toBe(true);
    const stale = await runs()
      .find({ status: 'skipped', createdAt: { $gte: sh('2026-10-09 10:00') } })
      .toArray();
    expect(stale.map((r) => r._id).sort()).toEqual(['record.chase:b1:2026-09', 'record.remind:b1:2026-09']);

    await walk(clock, sh('2026-10-09 11:00'), sh('2026-10-12 00:00'), HOUR, () => [second]);
    expect(rec.calls.slice(before.length + caughtUp.length).map((c) => c.key)).toEqual([
      'briefing.quarterly:b1:2026-Q3',
      'digest.quarterly:b1:2026-Q3',
    ]);
    expect(new Set(rec.keys()).size).toBe(rec.calls.length);
    await second.stop();
  });
});
