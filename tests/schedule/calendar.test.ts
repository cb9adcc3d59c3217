import { describe, it, expect } from 'vitest';
import {
  addDays,
  deliveryInstant,
  hasHolidayData,
  holidayDataRange,
  isWorkingDay,
  localDate,
  nextWorkingDay,
  parseIsoDate,
  zonedParts,
  zonedToInstant,
} from '../../src/schedule/calendar.js';
import {
  nextPeriodKey,
  parsePeriodKey,
  periodBounds,
  periodKey,
  previousPeriodKey,
} from '../../src/schedule/period.js';

const SH = 'Asia/Shanghai';
const BERLIN = 'Europe/Berlin';
const iso = (s: string): Date => new Date(s);

describe('zone conversion', () => {
  it('reads Shanghai wall-clock fields (UTC+8) including the ISO weekday', () => {
    expect(zonedParts(iso('2026-09-30T16:30:00Z'), SH)).toEqual({
      year: 2026,
      month: 10,
      day: 1,
      hour: 0,
      minute: 30,
      second: 0,
      weekday: 4, // Thursday
    });
    expect(zonedParts(iso('2026-10-25T01:00:00Z'), SH).weekday).toBe(7); // Sunday
  });

  it('renders midnight as hour 0, never 24', () => {
    expect(zonedParts(iso('2026-11-25T16:00:00Z'), SH).hour).toBe(0);
  });

  it('gives the local calendar date, which differs from the UTC date late in the UTC day', () => {
    expect(localDate(iso('2026-09-30T16:30:00Z'), SH)).toBe('2026-10-01');
    expect(localDate(iso('2026-09-30T16:30:00Z'), 'UTC')).toBe('2026-09-30');
  });

  it('converts a Shanghai wall-clock time to the instant', () => {
    expect(zonedToInstant({ year: 2026, month: 10, day: 1, hour: 0, minute: 30 }, SH).toISOString()).toBe(
      '2026-09-30T16:30:00.000Z',
    );
    // hour and minute default to local midnight
    expect(zonedToInstant({ year: 2027, month: 1, day: 1 }, SH).toISOString()).toBe(
      '2026-12-31T16:00:00.000Z',
    );
  });

  it('Europe/Berlin on 2026-03-29 (spring DST): every quarter hour round-trips through zonedToInstant', () => {
    const from = iso('2026-03-28T22:00:00Z').getTime(); // Berlin midnight, CET
    for (let t = from; t < from + 24 * 3_600_000; t += 15 * 60_000) {
      const p = zonedParts(new Date(t), BERLIN);
      expect(zonedToInstant(p, BERLIN).getTime(), new Date(t).toISOString()).toBe(t);
    }
    // Offsets on either side of the 02:00 → 03:00 jump
    expect(zonedToInstant({ year: 2026, month: 3, day: 29, hour: 1, minute: 30 }, BERLIN).toISOString()).toBe(
      '2026-03-29T00:30:00.000Z',
    );
    expect(zonedToInstant({ year: 2026, month: 3, day: 29, hour: 3, minute: 30 }, BERLIN).toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
  });

  it('Europe/Berlin: a skipped time (02:30 on 2026-03-29) moves forward by the gap to 03:30 CEST', () => {
    const t = zonedToInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, BERLIN);
    expect(t.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(zonedParts(t, BERLIN)).toMatchObject({ hour: 3, minute: 30 });
  });

  it('Europe/Berlin: a repeated time (02:30 on 2026-10-25) resolves to its first occurrence (CEST)', () => {
    expect(
      zonedToInstant({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, BERLIN).toISOString(),
    ).toBe('2026-10-25T00:30:00.000Z');
  });

  it('round-trips in America/New_York across its 2026-03-08 DST change and in half-hour zones', () => {
    for (const [tz, fromIso] of [
      ['America/New_York', '2026-03-08T05:00:00Z'],
      ['Asia/Kolkata', '2026-03-08T00:00:00Z'],
      ['Asia/Kathmandu', '2026-03-08T00:00:00Z'],
    ] as const) {
      const from = iso(fromIso).getTime();
      for (let t = from; t < from + 24 * 3_600_000; t += 30 * 60_000) {
        expect(zonedToInstant(zonedParts(new Date(t), tz), tz).getTime(), `${tz} ${t}`).toBe(t);
      }
    }
  });

  it('rejects unknown zones and impossible dates with a clear error', () => {
    expect(() => zonedParts(new Date(0), 'Mars/Olympus_Mons')).toThrow(
      /Unknown time zone "Mars\/Olympus_Mons"/,
    );
    expect(() => zonedToInstant({ year: 2026, month: 2, day: 29 }, SH)).toThrow(/Invalid local date/);
    expect(() => parseIsoDate('2026-02-30')).toThrow(/Invalid date "2026-02-30"/);
    expect(() => isWorkingDay('2026/10/01')).toThrow(/YYYY-MM-DD/);
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('China official working-day calendar (chinese-days data)', () => {
  it('bundles official data for 2026 and earlier years', () => {
    expect(hasHolidayData(2026)).toBe(true);
    expect(hasHolidayData(2025)).toBe(true);
    expect(holidayDataRange().first).toBeLessThanOrEqual(2010);
    expect(holidayDataRange().last).toBeGreaterThanOrEqual(2026);
  });

  it('2026-10-01 to 2026-10-07 National Day holiday are not working days, 2026-10-08 is', () => {
    for (let d = 1; d <= 7; d += 1) expect(isWorkingDay(`2026-10-0${d}`), `2026-10-0${d}`).toBe(false);
    expect(isWorkingDay('2026-10-08')).toBe(true);
  });

  it('Spring Festival 2026-02-15 to 2026-02-23 is off, including weekdays such as Tue 2026-02-17', () => {
    expect(isWorkingDay('2026-02-17')).toBe(false);
    expect(isWorkingDay('2026-02-23')).toBe(false); // Monday
    expect(isWorkingDay('2026-02-24')).toBe(true);
  });

  it('补班: Sunday 2026-09-20 and Saturday 2026-10-10 (National Day make-up days) are working days', () => {
    expect(isWorkingDay('2026-09-20')).toBe(true);
    expect(isWorkingDay('2026-10-10')).toBe(true);
  });

  it('补班: Sunday 2026-01-04 (New Year) and Saturdays 2026-02-14 / 2026-02-28 (Spring Festival) are working days', () => {
    expect(isWorkingDay('2026-01-04')).toBe(true);
    expect(isWorkingDay('2026-02-14')).toBe(true);
    expect(isWorkingDay('2026-02-28')).toBe(true);
  });

  it('ordinary weekends are not working days, ordinary weekdays are', () => {
    expect(isWorkingDay('2026-11-28')).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-29')).toBe(false); // Sunday
    expect(isWorkingDay('2026-11-25')).toBe(true); // Wednesday
  });

  it('2027: a March Wednesday works and a March Saturday is off (true with or without 2027 data)', () => {
    expect(isWorkingDay('2027-03-10')).toBe(true);
    expect(isWorkingDay('2027-03-13')).toBe(false);
  });

  it('falls back to Monday–Friday for a year without official data, and says so', () => {
    expect(hasHolidayData(2100)).toBe(false);
    expect(isWorkingDay('2100-01-01')).toBe(true); // a Friday: no holiday data to say otherwise
    expect(isWorkingDay('2100-01-02')).toBe(false); // Saturday
  });

  it('nextWorkingDay skips the whole holiday and keeps a date that already is one', () => {
    expect(nextWorkingDay('2026-10-01')).toBe('2026-10-08');
    expect(nextWorkingDay('2026-02-15')).toBe('2026-02-24');
    expect(nextWorkingDay('2026-09-30')).toBe('2026-09-30');
    expect(nextWorkingDay('2026-10-10')).toBe('2026-10-10'); // 补班 Saturday
    expect(nextWorkingDay('2026-11-28')).toBe('2026-11-30');
  });
});

describe('deliveryInstant (Asia/Shanghai, default window 08:30–20:00, working days only)', () => {
  const deliver = (planned: string): string => deliveryInstant(iso(planned), { tz: SH }).toISOString();

  it('a record reminder planned for the 25th, Sunday 2026-10-25 09:00, moves to Monday 2026-10-26 08:30', () => {
    expect(deliver('2026-10-25T01:00:00Z')).toBe('2026-10-26T00:30:00.000Z');
  });

  it('a reminder at 21:00 on Wed 2026-11-25 moves to Thu 2026-11-26 08:30', () => {
    expect(deliver('2026-11-25T13:00:00Z')).toBe('2026-11-26T00:30:00.000Z');
  });

  it('a reminder at 21:00 on Friday 2026-11-27 moves to Monday 2026-11-30 08:30', () => {
    expect(deliver('2026-11-27T13:00:00Z')).toBe('2026-11-30T00:30:00.000Z');
  });

  it('a reminder at 21:00 on 2026-09-30, the eve of National Day, waits until 2026-10-08 08:30', () => {
    expect(deliver('2026-09-30T13:00:00Z')).toBe('2026-10-08T00:30:00.000Z');
  });

  it('a reminder at 07:00 moves to 08:30 the same day', () => {
    expect(deliver('2026-11-24T23:00:00Z')).toBe('2026-11-25T00:30:00.000Z');
  });

  it('inside the window on a working day the instant is unchanged, including both edges', () => {
    expect(deliver('2026-11-25T04:17:23Z')).toBe('2026-11-25T04:17:23.000Z'); // 12:17:23
    expect(deliver('2026-11-25T00:30:00Z')).toBe('2026-11-25T00:30:00.000Z'); // 08:30 exactly
    expect(deliver('2026-11-25T12:00:00Z')).toBe('2026-11-25T12:00:00.000Z'); // 20:00 exactly
  });

  it('one second after the window end counts as after it', () => {
    expect(deliver('2026-11-25T12:00:01Z')).toBe('2026-11-26T00:30:00.000Z');
  });

  it('a 补班 Sunday (2026-09-20) is a normal delivery day', () => {
    expect(deliver('2026-09-20T02:00:00Z')).toBe('2026-09-20T02:00:00.000Z');
  });

  it('with workingDaysOnly false only the window applies', () => {
    const opts = { tz: SH, workingDaysOnly: false };
    expect(deliveryInstant(iso('2026-10-25T01:00:00Z'), opts).toISOString()).toBe('2026-10-25T01:00:00.000Z');
    // Saturday 21:00 → Sunday 08:30
    expect(deliveryInstant(iso('2026-11-28T13:00:00Z'), opts).toISOString()).toBe('2026-11-29T00:30:00.000Z');
  });

  it('with quietHours null only working days apply, from local midnight', () => {
    const opts = { tz: SH, quietHours: null };
    expect(deliveryInstant(iso('2026-11-24T19:00:00Z'), opts).toISOString()).toBe('2026-11-24T19:00:00.000Z');
    // Sunday 03:00 → Monday 00:00
    expect(deliveryInstant(iso('2026-11-28T19:00:00Z'), opts).toISOString()).toBe('2026-11-29T16:00:00.000Z');
  });

  it('honours a custom window', () => {
    const opts = { tz: SH, quietHours: { start: '09:00', end: '18:00' } };
    expect(deliveryInstant(iso('2026-11-25T00:30:00Z'), opts).toISOString()).toBe('2026-11-25T01:00:00.000Z');
    expect(deliveryInstant(iso('2026-11-25T10:30:00Z'), opts).toISOString()).toBe('2026-11-26T01:00:00.000Z');
  });

  it('rejects malformed or inverted windows', () => {
    expect(() =>
      deliveryInstant(new Date(0), { tz: SH, quietHours: { start: '8:30', end: '20:00' } }),
    ).toThrow(/HH:mm/);
    expect(() =>
      deliveryInstant(new Date(0), { tz: SH, quietHours: { start: '20:00', end: '08:30' } }),
    ).toThrow(/start must be before end/);
  });

  it('works in another zone: 06:00 in Berlin moves to 08:30 Berlin time', () => {
    expect(deliveryInstant(iso('2026-11-25T05:00:00Z'), { tz: BERLIN }).toISOString()).toBe(
      '2026-11-25T07:30:00.000Z',
    );
  });

  it('DST: a window start inside the skipped hour is delivered at the first valid time after it', () => {
    const opts = { tz: BERLIN, workingDaysOnly: false, quietHours: { start: '02:30', end: '20:00' } };
    // 2026-03-29 00:10 CET → 02:30 does not exist → 03:30 CEST
    expect(deliveryInstant(iso('2026-03-28T23:10:00Z'), opts).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('DST: never delivers earlier than planned when the window start is repeated (2026-10-25 Berlin)', () => {
    const opts = { tz: BERLIN, workingDaysOnly: false, quietHours: { start: '02:30', end: '20:00' } };
    // 02:10 in the second (CET) pass is after the first 02:30 (CEST, 00:30Z): take the second 02:30.
    expect(deliveryInstant(iso('2026-10-25T01:10:00Z'), opts).toISOString()).toBe('2026-10-25T01:30:00.000Z');
  });
});

describe('period keys', () => {
  it('2026-09-30T16:30:00Z is 2026-10-01 00:30 in Shanghai: Q4, H2, month 10', () => {
    const t = iso('2026-09-30T16:30:00Z');
    expect(periodKey('quarter', t, SH)).toBe('2026-Q4');
    expect(periodKey('half', t, SH)).toBe('2026-H2');
    expect(periodKey('month', t, SH)).toBe('2026-10');
    expect(periodKey('year', t, SH)).toBe('2026');
    // The same instant is still September in UTC
    expect(periodKey('quarter', t, 'UTC')).toBe('2026-Q3');
  });

  it('one millisecond before Shanghai midnight still belongs to the earlier period', () => {
    expect(periodKey('quarter', iso('2026-09-30T15:59:59.999Z'), SH)).toBe('2026-Q3');
    expect(periodKey('half', iso('2026-06-30T15:59:59.999Z'), SH)).toBe('2026-H1');
    expect(periodKey('half', iso('2026-06-30T16:00:00Z'), SH)).toBe('2026-H2');
  });

  it('Shanghai new year arrives at 2026-12-31T16:00:00Z', () => {
    const t = iso('2026-12-31T16:00:00Z');
    expect([periodKey('year', t, SH), periodKey('half', t, SH), periodKey('quarter', t, SH)]).toEqual([
      '2027',
      '2027-H1',
      '2027-Q1',
    ]);
    expect(periodKey('month', t, SH)).toBe('2027-01');
    expect(periodKey('year', t, 'UTC')).toBe('2026');
  });

  it('parses every key shape into first day and exclusive end', () => {
    expect(parsePeriodKey('2026-11')).toEqual({
      kind: 'month',
      start: { year: 2026, month: 11, day: 1 },
      endExclusive: { year: 2026, month: 12, day: 1 },
    });
    expect(parsePeriodKey('2026-Q3')).toEqual({
      kind: 'quarter',
      start: { year: 2026, month: 7, day: 1 },
      endExclusive: { year: 2026, month: 10, day: 1 },
    });
    expect(parsePeriodKey('2026-H2')).toEqual({
      kind: 'half',
      start: { year: 2026, month: 7, day: 1 },
      endExclusive: { year: 2027, month: 1, day: 1 },
    });
    expect(parsePeriodKey('2026')).toEqual({
      kind: 'year',
      start: { year: 2026, month: 1, day: 1 },
      endExclusive: { year: 2027, month: 1, day: 1 },
    });
  });

  it.each([
    '2026-13',
    '2026-00',
    '2026-Q5',
    '2026-Q0',
    '2026-H3',
    '2026-q1',
    '26-01',
    '2026-1',
    '',
    ' 2026',
    '2026-11-01',
  ])('rejects bad key %j with a clear error', (key) => {
    expect(() => parsePeriodKey(key)).toThrow(/Invalid period key/);
  });

  it('gives Shanghai-midnight bounds, end exclusive', () => {
    const q4 = periodBounds('2026-Q4', SH);
    expect(q4.start.toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(q4.end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    const t = iso('2026-09-30T16:30:00Z');
    expect(t >= q4.start && t < q4.end).toBe(true);
  });

  it('gives DST-aware bounds in Berlin: March 2026 is one hour shorter', () => {
    const march = periodBounds('2026-03', BERLIN);
    expect(march.start.toISOString()).toBe('2026-02-28T23:00:00.000Z');
    expect(march.end.toISOString()).toBe('2026-03-31T22:00:00.000Z');
    expect(march.end.getTime() - march.start.getTime()).toBe((31 * 24 - 1) * 3_600_000);
  });

  it('steps to previous and next periods across year boundaries', () => {
    expect(previousPeriodKey('2026-01')).toBe('2025-12');
    expect(nextPeriodKey('2026-12')).toBe('2027-01');
    expect(previousPeriodKey('2026-Q1')).toBe('2025-Q4');
    expect(nextPeriodKey('2026-Q4')).toBe('2027-Q1');
    expect(previousPeriodKey('2026-H1')).toBe('2025-H2');
    expect(nextPeriodKey('2026-H2')).toBe('2027-H1');
    expect(nextPeriodKey('2026')).toBe('2027');
    expect(previousPeriodKey('2026')).toBe('2025');
    expect(nextPeriodKey('2026-07')).toBe('2026-08');
  });

  it('the next period starts exactly where the previous one ends', () => {
    for (const key of ['2026-11', '2026-Q3', '2026-H2', '2026']) {
      expect(periodBounds(nextPeriodKey(key), SH).start).toEqual(periodBounds(key, SH).end);
      expect(nextPeriodKey(previousPeriodKey(key))).toBe(key);
    }
  });
});
