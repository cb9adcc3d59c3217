/**
 * One year's official holidays and 调休 make-up working days as an admin supplied them in the organisation
 * file, for a year the chinese-days package does not cover. The calendar uses them through the in-memory
 * registry (src/schedule/holidays.ts), which refresh-holidays.ts fills from these records.
 */
export interface SuppliedHolidayYear {
  year: number;
  /** 'YYYY-MM-DD', sorted. */
  off: string[];
  /** 'YYYY-MM-DD', sorted. */
  work: string[];
  /** False once the file no longer lists the year; never deleted. */
  active: boolean;
  managedBy: 'file';
}
