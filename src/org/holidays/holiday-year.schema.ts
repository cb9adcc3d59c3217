import { Schema } from 'mongoose';
import type { SuppliedHolidayYear } from './holiday-year.entity.js';

export const holidayYearSchema = new Schema<SuppliedHolidayYear>(
  {
    year: { type: Number, required: true },
    off: { type: [String], default: undefined },
    work: { type: [String], default: undefined },
    active: { type: Boolean, required: true },
    managedBy: { type: String, enum: ['file'], required: true },
  },
  { collection: 'holiday_years', versionKey: false },
);
