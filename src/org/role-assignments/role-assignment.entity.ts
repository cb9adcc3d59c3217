import type { ManagedBy } from '../people/person.entity.js';

/** The regime's roles (see shared/domain.md, "Who takes part"). */
export const ROLES = ['member', 'secretary', 'reviewer', 'leader', 'evaluator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What users read for each role, Chinese first. */
export const ROLE_NAMES: Record<Role, { zh: string; en: string }> = {
  member: { zh: '党员', en: 'member' },
  secretary: { zh: '支部书记', en: 'branch secretary' },
  reviewer: { zh: '上级党组织', en: 'reviewing Party organisation' },
  leader: { zh: '联系领导', en: 'contact leader' },
  evaluator: { zh: '群众评议代表', en: 'evaluator' },
  admin: { zh: '管理员', en: 'administrator' },
};

/** `branchId` of a role that holds in every branch (a deployment-wide admin or reviewer). */
export const ALL_BRANCHES = '*';

/** One person holding one role in one branch (or in all of them). */
export interface RoleAssignment {
  openId: string;
  role: Role;
  /** The branch the role holds in, or ALL_BRANCHES. */
  branchId: string;
  /**
   * Leaders only. Absent: the whole branch (and so each of its members) is the leader's contact point.
   * Present: only these members of the branch (open_ids) are, not the branch itself.
   */
  contactMembers?: string[];
  active: boolean;
  managedBy: ManagedBy;
}

/** A readable id of an assignment for the audit trail: `ou_…/secretary@zx-1`. */
export function roleId(r: Pick<RoleAssignment, 'openId' | 'role' | 'branchId'>): string {
  return `${r.openId}/${r.role}@${r.branchId}`;
}
