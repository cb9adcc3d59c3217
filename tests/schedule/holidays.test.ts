import { afterEach, describe, expect, it } from 'vitest';
import { deliveryInstant, hasHolidayData, isWorkingDay } from '../../src/schedule/calendar.js';
import {
  holidaySource,
  holidaysVersion,
  holidayYear,
  setSuppliedHolidays,
} from '../../src/schedule/holidays.js';

// An illustrative 2027 arrangement (the State Council publishes the real one late in 2026).
const y2027 = {
  year: 2027,
  off: ['2027-01-01', '2027-02-06', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'],
  work: ['2027-02-20'],
};

afterEach(() => setSuppliedHolidays([]));

describe('holidays an admin supplied, for a year the package does not cover', () => {
  it('are used by the calendar: days off are off, make-up Saturdays are working days', () => {
    expect(holidaySource(2027)).toBe('weekdays');
    expect(isWorkingDay('2027-02-08')).toBe(true); // Monday, by the Monday–Friday fallback
    setSuppliedHolidays([y2027]);
    expect(hasHolidayData(2027)).toBe(true);
    expect(holidaySource(2027)).toBe('supplied');
    expect(isWorkingDay('2027-02-08')).toBe(false);
    expect(isWorkingDay('2027-02-20')).toBe(true); // Saturday 补班
    expect(isWorkingDay('2027-02-15')).toBe(true); // an ordinary Monday
    // A reminder due on Friday 1 January 2027 goes out on Monday 4 January at 08:30.
    expect(deliveryInstant(new Date('2027-01-01T01:00:00Z'), { tz: 'Asia/Shanghai' }).toISOString()).toBe(
      '2027-01-04T00:30:00.000Z',
    );
  });

  it('never override a year the package covers', () => {
    setSuppliedHolidays([{ year: 2026, off: ['2026-11-25'], work: [] }]);
    expect(holidaySource(2026)).toBe('package');
    expect(isWorkingDay('2026-11-25')).toBe(true);
    expect(holidayYear(2026).off).toContain('2026-10-01');
  });

  it('are replaced whole, and a change is visible to plan caches by version', () => {
    const v0 = holidaysVersion();
    setSuppliedHolidays([y2027]);
    const v1 = holidaysVersion();
    expect(v1).toBeGreaterThan(v0);
    setSuppliedHolidays([{ ...y2027 }]);
    expect(holidaysVersion()).toBe(v1); // the same data again changes nothing
    setSuppliedHolidays([]);
    expect(holidaysVersion()).toBeGreaterThan(v1);
    expect(holidayYear(2027)).toEqual({ year: 2027, source: 'weekdays', off: [], work: [] });
  });
});
