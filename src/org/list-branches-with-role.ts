import type { Connection } from 'mongoose';
import { listBranches } from './branches/branch.repository.js';
import { findPerson } from './people/person.repository.js';
import { ALL_BRANCHES, type Role } from './role-assignments/role-assignment.entity.js';
import { rolesOf } from './role-assignments/role-assignment.repository.js';

/** The active branches in which this person holds one of the roles (every branch for a deployment-wide role). */
export async function listBranchesWithRole(
  conn: Connection,
  openId: string,
  roles: readonly Role[],
): Promise<Array<{ id: string; name: string }>> {
  if (!(await findPerson(conn, openId))?.active) return [];
  const held = (await rolesOf(conn, openId)).filter((r) => roles.includes(r.role));
  const everywhere = held.some((r) => r.branchId === ALL_BRANCHES);
  const ids = new Set(held.map((r) => r.branchId));
  return (await listBranches(conn, { active: true }))
    .filter((b) => everywhere || ids.has(b.id))
    .map((b) => ({ id: b.id, name: b.name }));
}
