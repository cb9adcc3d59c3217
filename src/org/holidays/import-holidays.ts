/** The organisation file's `holidays`, stored per year and loaded into the calendar at once. */
import type { Connection } from 'mongoose';
import type { OrgFile } from '../import/org-file.schema.js';
import { reconcile, type Recorder } from '../import/reconcile.js';
import type { SuppliedHolidayYear } from './holiday-year.entity.js';
import { listHolidayYears, putHolidayYear } from './holiday-year.repository.js';
import { refreshHolidays } from './refresh-holidays.js';

export async function importHolidays(conn: Connection, file: OrgFile, record: Recorder): Promise<void> {
  await reconcile<SuppliedHolidayYear>(record, {
    entity: 'holidays',
    listed: file.holidays.map((y) => ({ ...y, active: true, managedBy: 'file' })),
    owned: await listHolidayYears(conn),
    key: (y) => String(y.year),
    label: (y) => `节假日 ${y.year}年（放假 ${y.off.length} 天，补班 ${y.work.length} 天）`,
    put: (y) => putHolidayYear(conn, y),
  });
  await refreshHolidays(conn);
}
