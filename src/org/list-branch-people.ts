import type { Connection } from 'mongoose';
import type { Person } from './people/person.entity.js';
import { findPeople, listPeople } from './people/person.repository.js';
import type { Role } from './role-assignments/role-assignment.entity.js';
import {
  listBranchRoles,
  listRoleHolders,
  listRolesIn,
} from './role-assignments/role-assignment.repository.js';

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

/**
 * The active holders of a role in several branches at once, by branch, with their names: two reads however
 * many branches (the year-end assessment builds every branch of an organisation in one pass).
 */
export async function listBranchesPeople(
  conn: Connection,
  branchIds: readonly string[],
  role: Role = 'member',
): Promise<Map<string, Person[]>> {
  // FerretDB 1.x tests `$in` lists in Go against every document: for many branches (thousands of people)
  // reading every holder and every active person plainly is far quicker than naming them.
  const many = branchIds.length > 40;
  const wanted = new Set(branchIds);
  const holders = many
    ? (await listRoleHolders(conn, role)).filter((r) => wanted.has(r.branchId))
    : await listRolesIn(conn, { branchIds, role });
  const found = many
    ? await listPeople(conn, { active: true })
    : await findPeople(conn, [...new Set(holders.map((r) => r.openId))]);
  const people = new Map(found.filter((p) => p.active).map((p) => [p.openId, p]));
  const out = new Map<string, Person[]>(branchIds.map((b) => [b, []]));
  for (const r of holders) {
    const p = people.get(r.openId);
    if (p) out.get(r.branchId)?.push(p);
  }
  for (const list of out.values()) list.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return out;
}
