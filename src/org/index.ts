/**
 * What other modules use from the organisation: who is in which branch in which role, which chat serves
 * them (`resolveChats` / `sendToChats`: once per chat however many branches share it), the permission
 * check, the audit trail, and the holidays admins supplied (`refreshHolidays`).
 */
export { orgModule } from './module.js';
export { listActiveBranches } from './list-active-branches.js';
export { listBranchPeople, listBranchesPeople } from './list-branch-people.js';
export { listBranchesWithRole } from './list-branches-with-role.js';
export { findChatBinding } from './chat-bindings/chat-binding.repository.js';
export { findBranchChats, findSharedChat, resolveChats, type ResolvedChat } from './chat/resolve-chats.js';
export { sendToChats, type SendToChatsInput, type SentToChat } from './chat/send-to-chats.js';
export { refreshHolidays } from './holidays/refresh-holidays.js';
export { findBranch, listBranches } from './branches/branch.repository.js';
export { findOrganisation } from './organisations/organisation.repository.js';
export type { Organisation } from './organisations/organisation.entity.js';

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
  SHARED_CHAT_KINDS,
  type BranchChats,
  type ChatBinding,
  type ChatKind,
  type ChatScope,
} from './chat-bindings/chat-binding.entity.js';
