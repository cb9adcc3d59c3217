import type { Connection } from 'mongoose';
import { modelOn } from '../../db/model.js';
import { putDocument, type Put } from '../put-document.js';
import type { SuppliedHolidayYear } from './holiday-year.entity.js';
import { holidayYearSchema } from './holiday-year.schema.js';

const model = (conn: Connection) => modelOn(conn, 'HolidayYear', holidayYearSchema);

/** The supplied years, sorted; `active` narrows to those the file lists now. */
export async function listHolidayYears(
  conn: Connection,
  filter: { active?: boolean } = {},
): Promise<SuppliedHolidayYear[]> {
  const docs = await model(conn).find(filter, { _id: 0 }).sort({ year: 1 }).lean().exec();
  return docs.map((d) => ({ ...d, off: d.off ?? [], work: d.work ?? [] }));
}

export function putHolidayYear(conn: Connection, y: SuppliedHolidayYear): Promise<Put<SuppliedHolidayYear>> {
  return putDocument(model(conn), { year: y.year }, y, ['year', 'off', 'work', 'active', 'managedBy']);
}
