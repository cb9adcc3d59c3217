/**
 * A table's cell as the workbook stores it, and the text it shows (to size the column). Dates become
 * Excel dates of the local day — Excel has no time zones, so the day is the one the branch lived — counts
 * stay numbers, rates numbers 0..1 under a percent format.
 */
import { localDate } from '../../schedule/calendar.js';
import type { ExportCell, ExportColumnType } from '../ports.js';

export const DATE_FORMAT = 'yyyy"年"m"月"d"日"';
export const PERCENT_FORMAT = '0.0%';

export interface CellValue {
  value: string | number | Date | null;
  /** What a person reads in the cell. */
  shown: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function cellValue(cell: ExportCell, type: ExportColumnType, timeZone: string): CellValue {
  if (cell === null || cell === undefined || cell === '') return { value: null, shown: '' };
  if (type === 'date') return dateValue(cell, timeZone);
  if ((type === 'number' || type === 'percent') && typeof cell === 'number') {
    return {
      value: cell,
      shown: type === 'percent' ? `${(cell * 100).toFixed(1)}%` : String(cell),
    };
  }
  const text = cell instanceof Date ? localDate(cell, timeZone) : String(cell);
  return { value: text, shown: text };
}

function dateValue(cell: Exclude<ExportCell, null | undefined>, timeZone: string): CellValue {
  const iso = cell instanceof Date ? localDate(cell, timeZone) : String(cell);
  const m = ISO_DATE.exec(iso);
  // Not a day after all (free text in a date column): kept as the words, never a wrong date.
  if (!m) return { value: iso, shown: iso };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return { value: new Date(Date.UTC(y, mo - 1, d)), shown: `${y}年${mo}月${d}日` };
}
