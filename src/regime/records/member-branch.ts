/** The branch a person acts in for the monthly cycle: their first branch with the role. */
import type { Connection } from 'mongoose';
import { rolesOf, type Role } from '../../org/index.js';

export async function branchWithRole(
  conn: Connection,
  openId: string,
  role: Role,
): Promise<string | undefined> {
  const roles = await rolesOf(conn, openId);
  return roles.find((r) => r.role === role && r.active !== false && r.branchId !== '*')?.branchId;
}
