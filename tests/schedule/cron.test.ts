import { describe, expect, it } from 'vitest';
import {
  CronError,
  cronProblem,
  matchesDate,
  nextRun,
  parseCron,
  previousRun,
} from '../../src/schedule/cron.js';
import { isoWeekKey, subjectPeriodKey } from '../../src/schedule/job-period.js';

const SH = 'Asia/Shanghai';
const BERLIN = 'Europe/Berlin';
const at = (s: string) => new Date(s);
const prev = (rule: string, t: string, tz = SH) =>
  previousRun(parseCron(rule), at(t), tz)?.toISOString() ?? null;
const next = (rule: string, t: string, tz = SH) => nextRun(parseCron(rule), at(t), tz)?.toISOString() ?? null;

describe('parsing cron rules', () => {
  it('expands stars, ranges, steps, lists and names', () => {
    const r = parseCron('*/15 8-10,14 1,15 jan-mar MON-fri');
    expect(r.minutes).toEqual([0, 15, 30, 45]);
    expect(r.hours).toEqual([8, 9, 10, 14]);
    expect([...r.daysOfMonth].sort((a, b) => a - b)).toEqual([1, 15]);
    expect([...r.months].sort()).toEqual([1, 2, 3]);
    expect([...r.weekdays].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(parseCron('5/20 * * * *').minutes).toEqual([5, 25, 45]);
    expect(parseCron('0 0 * * 1-5/2').weekdays).toEqual(new Set([1, 3, 5]));
  });

  it('treats 7 and sun alike as Sunday, and ? as *', () => {
    expect(parseCron('0 9 * * 7').weekdays).toEqual(new Set([0]));
    expect(parseCron('0 9 * * sun').weekdays).toEqual(new Set([0]));
    expect(parseCron('0 9 ? * 5-7').weekdays).toEqual(new Set([5, 6, 0]));
    expect(parseCron('0 9 ? * *').dayOfMonthStar).toBe(true);
  });

  it.each([
    ['0 9 * *', /expected 5 fields/],
    ['0 9 * * * *', /expected 5 fields/],
    ['60 9 * * *', /minute 60 is outside 0–59/],
    ['0 24 * * *', /hour 24/],
    ['0 9 0 * *', /day of month 0/],
    ['0 9 * 13 *', /month 13/],
    ['0 9 * * 8', /day of week 8/],
    ['0 9 * * abc', /"abc" is not a valid day of week/],
    ['*/0 * * * *', /step "0"/],
    ['0 9 20-10 * *', /runs backwards/],
    ['0 9 1,,2 * *', /not a valid day of month/],
    ['0 9 30 2 *', /never occurs/],
    ['0 9 31 4,6 *', /never occurs/],
  ])('rejects %s with a clear reason', (rule, reason) => {
    expect(() => parseCron(rule)).toThrow(CronError);
    expect(cronProblem(rule)).toMatch(reason);
  });

  it('accepts 29 February, the last day of the month, and a 31st in mixed months', () => {
    expect(cronProblem('0 0 29 2 *')).toBeUndefined();
    expect(cronProblem('0 0 L 2 *')).toBeUndefined();
    expect(cronProblem('0 0 31 1-12 *')).toBeUndefined();
  });
});

describe('matching days', () => {
  it('matches either day field when both are restricted (classic cron), both when one is *', () => {
    const either = parseCron('0 9 1 * mon');
    expect(matchesDate(either, 2026, 9, 1)).toBe(true); // Tuesday the 1st
    expect(matchesDate(either, 2026, 9, 7)).toBe(true); // a Monday
    expect(matchesDate(either, 2026, 9, 8)).toBe(false);
    expect(matchesDate(parseCron('0 9 * * mon'), 2026, 9, 1)).toBe(false);
    expect(matchesDate(parseCron('0 9 */2 * mon'), 2026, 9, 7)).toBe(true); // a starred step is "*" for this rule
    expect(matchesDate(parseCron('0 9 */2 * mon'), 2026, 9, 3)).toBe(false);
  });

  it('knows the last day of each month, leap years included', () => {
    const last = parseCron('0 9 L * *');
    expect(matchesDate(last, 2026, 2, 28)).toBe(true);
    expect(matchesDate(last, 2028, 2, 28)).toBe(false);
    expect(matchesDate(last, 2028, 2, 29)).toBe(true);
    expect(matchesDate(last, 2026, 4, 30)).toBe(true);
  });
});

describe('latest run at or before, next run after', () => {
  it('reads the rule on the branch wall clock (Shanghai 09:00 = 01:00 UTC)', () => {
    expect(prev('0 9 25 * *', '2026-11-25T01:00:00Z')).toBe('2026-11-25T01:00:00.000Z'); // inclusive
    expect(prev('0 9 25 * *', '2026-11-25T00:59:59Z')).toBe('2026-10-25T01:00:00.000Z');
    expect(next('0 9 25 * *', '2026-11-25T01:00:00Z')).toBe('2026-12-25T01:00:00.000Z'); // strictly after
    expect(next('0 9 25 * *', '2026-11-25T00:59:59Z')).toBe('2026-11-25T01:00:00.000Z');
  });

  it('crosses the local midnight, month and year boundaries', () => {
    // 2026-12-31T17:30Z is already 1 January 2027 01:30 in Shanghai.
    expect(prev('0 9 25 * *', '2026-12-31T17:30:00Z')).toBe('2026-12-25T01:00:00.000Z');
    expect(prev('0 0 1 * *', '2026-12-31T17:30:00Z')).toBe('2026-12-31T16:00:00.000Z');
    expect(next('0 9 1 1,4,7,10 *', '2026-10-01T02:00:00Z')).toBe('2027-01-01T01:00:00.000Z');
    expect(prev('59 23 3 * *', '2026-11-03T15:58:00Z')).toBe('2026-10-03T15:59:00.000Z');
  });

  it('finds 29 February years away', () => {
    expect(prev('0 0 29 2 *', '2026-03-01T00:00:00Z')).toBe('2024-02-28T16:00:00.000Z');
    expect(next('0 0 29 2 *', '2026-03-01T00:00:00Z')).toBe('2028-02-28T16:00:00.000Z');
  });

  it('walks every Monday in March and nothing else', () => {
    const rule = parseCron('0 9 * 3 1');
    const runs: string[] = [];
    let t = at('2026-01-01T00:00:00Z');
    for (let i = 0; i < 6; i += 1) {
      const n = nextRun(rule, t, SH)!;
      runs.push(n.toISOString().slice(0, 10));
      t = n;
    }
    expect(runs).toEqual([
      '2026-03-02',
      '2026-03-09',
      '2026-03-16',
      '2026-03-23',
      '2026-03-30',
      '2027-03-01',
    ]);
  });

  it('handles steps within the hour and several hours a day', () => {
    expect(prev('*/20 8,14 * * *', '2026-11-26T06:10:00Z')).toBe('2026-11-26T06:00:00.000Z'); // 14:00
    expect(prev('*/20 8,14 * * *', '2026-11-26T05:59:00Z')).toBe('2026-11-26T00:40:00.000Z'); // 08:40
    expect(next('*/20 8,14 * * *', '2026-11-26T06:40:00Z')).toBe('2026-11-27T00:00:00.000Z');
  });

  it('runs a wall time skipped by a DST change just after the gap, and a repeated one once', () => {
    // Berlin springs forward on 2026-03-29 at 02:00 → 03:00: 02:30 does not exist that day.
    expect(next('30 2 * * *', '2026-03-28T12:00:00Z', BERLIN)).toBe('2026-03-29T01:30:00.000Z');
    // It falls back on 2026-10-25 at 03:00 → 02:00: 02:30 happens twice; the first one counts.
    expect(next('30 2 * * *', '2026-10-24T12:00:00Z', BERLIN)).toBe('2026-10-25T00:30:00.000Z');
    expect(next('30 2 * * *', '2026-10-25T00:30:00Z', BERLIN)).toBe('2026-10-26T01:30:00.000Z');
    expect(prev('30 2 * * *', '2026-10-25T01:45:00Z', BERLIN)).toBe('2026-10-25T00:30:00.000Z');
  });
});

describe('job periods', () => {
  it('numbers ISO weeks across year ends', () => {
    expect(isoWeekKey(2026, 3, 2)).toBe('2026-W10');
    expect(isoWeekKey(2025, 12, 29)).toBe('2026-W01');
    expect(isoWeekKey(2026, 12, 31)).toBe('2026-W53');
    expect(isoWeekKey(2027, 1, 1)).toBe('2026-W53');
    expect(isoWeekKey(2027, 1, 4)).toBe('2027-W01');
  });

  it('names the period a run is for, current or previous, in the branch zone', () => {
    const firstOfOctober = at('2026-09-30T16:30:00Z'); // 1 October 00:30 in Shanghai
    expect(subjectPeriodKey('month', 'current', firstOfOctober, SH)).toBe('2026-10');
    expect(subjectPeriodKey('month', 'previous', firstOfOctober, SH)).toBe('2026-09');
    expect(subjectPeriodKey('quarter', 'previous', firstOfOctober, SH)).toBe('2026-Q3');
    expect(subjectPeriodKey('year', 'previous', at('2027-01-05T01:00:00Z'), SH)).toBe('2026');
    expect(subjectPeriodKey('week', 'previous', at('2027-01-04T01:00:00Z'), SH)).toBe('2026-W53');
    expect(subjectPeriodKey('month', undefined, firstOfOctober, 'UTC')).toBe('2026-09');
  });
});
