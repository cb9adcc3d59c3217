/**
 * Loads the holidays admins supplied into the calendar's in-memory registry, so that every calendar call
 * stays synchronous. Called at start-up, after an import, before each scheduler evaluation (an import may
 * have run in another process) and before showing 节假日.
 */
import type { Connection } from 'mongoose';
import { setSuppliedHolidays } from '../../schedule/holidays.js';
import { listHolidayYears } from './holiday-year.repository.js';

export async function refreshHolidays(conn: Connection): Promise<void> {
  const years = await listHolidayYears(conn, { active: true });
  setSuppliedHolidays(years.map(({ year, off, work }) => ({ year, off, work })));
}
