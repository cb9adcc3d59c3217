import { Schema } from 'mongoose';
import type { Branch } from './branch.entity.js';

/**
 * A branch as stored. Job names contain dots (`record.remind`), which FerretDB (and MongoDB before 5.0) refuse
 * as field names, so `calendar.jobs` is stored as a list of `{ name, … }`; the repository converts.
 */
export interface BranchDoc extends Omit<Branch, 'calendar'> {
  calendar?: {
    quietHours?: { start: string; end: string };
    jobs?: Array<{ name: string; cron?: string; enabled?: boolean }>;
  };
}

export const branchSchema = new Schema<BranchDoc>(
  {
    id: { type: String, required: true },
    name: { type: String, required: true },
    orgId: { type: String, required: true },
    timezone: { type: String },
    // Free-form here; the organisation file's schema (src/org/import/org-file.schema.ts) validates it.
    calendar: { type: Schema.Types.Mixed },
    active: { type: Boolean, required: true },
  },
  { collection: 'branches', versionKey: false },
);
