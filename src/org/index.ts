/**
 * What other modules use from the organisation: who is in which branch in which role, which chat is
 * theirs, the permission check and the audit trail.
 */
export { orgModule } from './module.js';
export { listActiveBranches } from './list-active-branches.js';
export { listBranchPeople } from './list-branch-people.js';
export { listBranchesWithRole } from './list-branches-with-role.js';
export { findBranchChats, findChatBinding } from './chat-bindings/chat-binding.repository.js';
export { findBranch } from './branches/branch.repository.js';
export { findPerson, findPeople } from './people/person.repository.js';
export { listBranchRoles, rolesOf } from './role-assignments/role-assignment.repository.js';
export {
  requireRole,
  refusalReply,
  refusalCard,
  ORG_PERMISSIONS,
  type Permission,
  type Authorization,
  type Refusal,
} from './authorize.js';
export { recordAudit, listAudit, sourceOf, type AuditEntry, type AuditSource } from './audit.js';
export type { Branch, BranchCalendar } from './branches/branch.entity.js';
export type { Person } from './people/person.entity.js';
export {
  ALL_BRANCHES,
  ROLES,
  ROLE_NAMES,
  type Role,
  type RoleAssignment,
} from './role-assignments/role-assignment.entity.js';
export {
  CHAT_KINDS,
  CHAT_KIND_NAMES,
  type BranchChats,
  type ChatBinding,
  type ChatKind,
} from './chat-bindings/chat-binding.entity.js';
