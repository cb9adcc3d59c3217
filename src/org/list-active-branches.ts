import type { Connection } from 'mongoose';
import type { Branch } from './branches/branch.entity.js';
import { listBranches } from './branches/branch.repository.js';

/** The branches the regime runs for now, with their calendar settings (read by the scheduler). */
export async function listActiveBranches(
  conn: Connection,
): Promise<Array<{ id: string; name: string; timezone?: string; calendar?: Branch['calendar'] }>> {
  return (await listBranches(conn, { active: true })).map((b) => ({
    id: b.id,
    name: b.name,
    ...(b.timezone !== undefined && { timezone: b.timezone }),
    ...(b.calendar !== undefined && { calendar: b.calendar }),
  }));
}
