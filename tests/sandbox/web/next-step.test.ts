/** 「下一步」 finds the next moment the demo branches' calendar does something. */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createScheduler, defineJob } from '../../../src/schedule/index.js';
import { findNextStep } from '../../../src/sandbox/web/next-step.js';
import { useTestDatabase } from '../../support/database.js';
import { FakeClock } from '../../support/fake-clock.js';

const db = useTestDatabase();
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

describe('the next step of the sandbox clock', () => {
  it('is the soonest delivery among the branches’ jobs, moved off holidays as 日程 shows it', async () => {
    const clock = new FakeClock(sh('2026-09-26 10:00'));
    const scheduler = createScheduler({
      conn: db(),
      clock,
      log: pino({ level: 'silent' }),
      listBranches: async () => [
        { id: 'zx-1', name: '第一党支部' },
        { id: 'zx-2', name: '第二党支部', calendar: { jobs: { 'record.remind': { enabled: false } } } },
      ],
      jobs: [
        defineJob('record.remind', async () => undefined),
        defineJob('record.chase', async () => undefined),
      ],
      context: () => ({}) as never,
      trigger: () => ({ stop() {} }),
    });
    const step = await findNextStep({
      scheduler,
      branchIds: ['zx-1', 'zx-2'],
      now: clock.now(),
      timezone: 'Asia/Shanghai',
    });
    // 25 September 2026 is 中秋节 (a Friday): the reminder waits for Monday the 28th, when quiet hours end —
    // before that day's chase at 09:00. The second branch switched the reminder off.
    expect(step).toMatchObject({ at: sh('2026-09-28 08:30'), branchName: '第一党支部' });
    expect(step?.summary).toContain('记实提醒');

    // 25 October 2026 is a Sunday: the reminder goes out on Monday the 26th, as quiet hours end.
    clock.set(sh('2026-10-20 10:00'));
    const later = await findNextStep({
      scheduler,
      branchIds: ['zx-1'],
      now: sh('2026-10-20 10:00'),
      timezone: 'Asia/Shanghai',
    });
    expect(later).toMatchObject({ at: sh('2026-10-26 08:30') });
    expect(later?.summary).toContain('记实提醒');
  });

  it('walks the default calendar when no capability has registered a job yet', async () => {
    const scheduler = createScheduler({
      conn: db(),
      clock: new FakeClock(sh('2026-12-31 10:00')),
      log: pino({ level: 'silent' }),
      listBranches: async () => [{ id: 'zx-1', name: '第一党支部' }],
      jobs: [],
      context: () => ({}) as never,
      trigger: () => ({ stop() {} }),
    });
    const step = await findNextStep({
      scheduler,
      branchIds: ['zx-1'],
      now: sh('2026-12-31 10:00'),
      timezone: 'Asia/Shanghai',
    });
    expect(step).toMatchObject({ at: sh('2027-01-01 09:00') });
    expect(step?.branchName).toBeUndefined();
  });
});
