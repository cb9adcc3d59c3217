/**
 * Who may bind a chat for a scope: for one branch, an admin or that branch's secretary; for several
 * branches or a whole organisation, an admin of every branch concerned (a secretary speaks for their own
 * branch only).
 */
import type { Connection } from 'mongoose';
import { ORG_PERMISSIONS, requireRole, type Authorization } from '../authorize.js';
import { listBranches } from '../branches/branch.repository.js';
import type { ChatScope } from '../chat-bindings/chat-binding.entity.js';

export async function authorizeBinding(
  conn: Connection,
  openId: string,
  scope: ChatScope,
): Promise<Authorization> {
  if (!('orgId' in scope) && scope.branchIds.length === 1)
    return requireRole(conn, openId, ORG_PERMISSIONS.bindChat, scope.branchIds[0]);
  const branchIds =
    'orgId' in scope
      ? (await listBranches(conn, { orgId: scope.orgId, active: true })).map((b) => b.id)
      : scope.branchIds;
  let granted: Authorization | undefined;
  for (const branchId of branchIds) {
    granted = await requireRole(conn, openId, ORG_PERMISSIONS.bindSharedChat, branchId);
    if (!granted.ok) return granted;
  }
  return granted ?? requireRole(conn, openId, ORG_PERMISSIONS.bindSharedChat);
}
