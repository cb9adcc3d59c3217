import type { Connection } from 'mongoose';
import type { Person } from './people/person.entity.js';
import { findPeople } from './people/person.repository.js';
import type { Role } from './role-assignments/role-assignment.entity.js';
import { listBranchRoles } from './role-assignments/role-assignment.repository.js';

/** The active people holding a role in a branch (by default its members: 党员), sorted by name. */
export async function listBranchPeople(
  conn: Connection,
  branchId: string,
  role: Role = 'member',
): Promise<Person[]> {
  const holders = await listBranchRoles(conn, { branchId, roles: [role] });
  const people = await findPeople(conn, [...new Set(holders.map((r) => r.openId))]);
  return people.filter((p) => p.active).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}
