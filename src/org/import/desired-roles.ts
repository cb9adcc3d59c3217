import { ALL_BRANCHES, type RoleAssignment } from '../role-assignments/role-assignment.entity.js';
import type { OrgFile } from './org-file.schema.js';

/**
 * The role assignments an organisation file describes. A leader gets one assignment per contact branch;
 * contact members are grouped under their own branch, unless the leader has that whole branch already.
 */
export function desiredRoles(file: OrgFile): RoleAssignment[] {
  const memberBranches = new Map(file.people.map((p) => [p.open_id, p.roles.member ?? []]));
  const out: RoleAssignment[] = [];
  const add = (r: Omit<RoleAssignment, 'active' | 'managedBy'>) =>
    out.push({ ...r, active: true, managedBy: 'file' });
  for (const p of file.people) {
    const { leader, ...branchRoles } = p.roles;
    for (const [role, branchIds] of Object.entries(branchRoles) as Array<
      [RoleAssignment['role'], string[] | undefined]
    >) {
      for (const branchId of new Set(branchIds ?? []))
        add({ openId: p.open_id, role, branchId: branchId === '*' ? ALL_BRANCHES : branchId });
    }
    if (!leader) continue;
    const whole = new Set(leader.branches ?? []);
    for (const branchId of whole) add({ openId: p.open_id, role: 'leader', branchId });
    const byBranch = new Map<string, string[]>();
    for (const m of new Set(leader.members ?? [])) {
      for (const b of memberBranches.get(m) ?? [])
        if (!whole.has(b)) byBranch.set(b, [...(byBranch.get(b) ?? []), m]);
    }
    for (const [branchId, members] of byBranch)
      add({ openId: p.open_id, role: 'leader', branchId, contactMembers: members.sort() });
  }
  return out;
}
