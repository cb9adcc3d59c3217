import type { Connection } from 'mongoose';
import { modelOn } from '../../db/model.js';
import { isDuplicateKey } from '../../errors.js';
import type { ManagedBy } from '../people/person.entity.js';
import { putDocument, type Put } from '../put-document.js';
import type { Role, RoleAssignment } from './role-assignment.entity.js';
import { roleAssignmentSchema } from './role-assignment.schema.js';

const model = (conn: Connection) => modelOn(conn, 'RoleAssignment', roleAssignmentSchema);

/** The key of an assignment: one person, one role, one branch. */
export type RoleKey = Pick<RoleAssignment, 'openId' | 'role' | 'branchId'>;

/** A person's assignments in every branch; active ones only unless asked. */
export function rolesOf(
  conn: Connection,
  openId: string,
  o: { includeInactive?: boolean } = {},
): Promise<RoleAssignment[]> {
  return model(conn)
    .find({ openId, ...(o.includeInactive ? {} : { active: true }) }, { _id: 0 })
    .sort({ branchId: 1, role: 1 })
    .lean()
    .exec();
}

/** The active assignments of one branch, optionally of some roles only. */
export function listBranchRoles(
  conn: Connection,
  q: { branchId: string; roles?: readonly Role[] },
): Promise<RoleAssignment[]> {
  return model(conn)
    .find({ branchId: q.branchId, active: true, ...(q.roles && { role: { $in: [...q.roles] } }) }, { _id: 0 })
    .sort({ role: 1, openId: 1 })
    .lean()
    .exec();
}

/** The active assignments of one role in several branches. */
export function listRolesIn(
  conn: Connection,
  q: { branchIds: readonly string[]; role: Role },
): Promise<RoleAssignment[]> {
  return model(conn)
    .find({ branchId: { $in: [...q.branchIds] }, role: q.role, active: true }, { _id: 0 })
    .lean()
    .exec();
}

/** Every assignment with the given origin, active or not (the import compares against these). */
export function listRolesManagedBy(conn: Connection, managedBy: ManagedBy): Promise<RoleAssignment[]> {
  return model(conn).find({ managedBy }, { _id: 0 }).lean().exec();
}

/** Active assignments of a role anywhere (e.g. every leader), for contact-point lookups. */
export function listRoleHolders(conn: Connection, role: Role): Promise<RoleAssignment[]> {
  return model(conn).find({ role, active: true }, { _id: 0 }).lean().exec();
}

export function putRole(conn: Connection, r: RoleAssignment): Promise<Put<RoleAssignment>> {
  const key: RoleKey = { openId: r.openId, role: r.role, branchId: r.branchId };
  return putDocument(model(conn), key, r, [
    'openId',
    'role',
    'branchId',
    'contactMembers',
    'active',
    'managedBy',
  ]);
}

/** Grants the role unless the person holds it (active or not) in that branch; true if this call granted it. */
export async function grantRoleIfMissing(conn: Connection, r: RoleAssignment): Promise<boolean> {
  const key: RoleKey = { openId: r.openId, role: r.role, branchId: r.branchId };
  try {
    const res = await model(conn).updateOne(key, { $setOnInsert: r }, { upsert: true }).exec();
    return res.upsertedCount === 1;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}
