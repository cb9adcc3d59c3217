/**
 * Who comments on whom (domain.md, 领导点评): the reviewer on the branch, the secretary on each member, each
 * leader on their contact points — a whole branch (the branch and each of its members) or named members.
 */
import type { Connection } from 'mongoose';
import {
  ALL_BRANCHES,
  findPeople,
  listActiveBranches,
  listBranchPeople,
  listBranchRoles,
  rolesOf,
  type Role,
} from '../../org/index.js';
import type { CommentTarget } from './comment.entity.js';

export const COMMENTER_ROLES: readonly Role[] = ['reviewer', 'secretary', 'leader'];

/** Everyone this person must comment on, across all active branches, branches first then members. */
export async function targetsOf(conn: Connection, openId: string): Promise<CommentTarget[]> {
  const roles = (await rolesOf(conn, openId)).filter((r) => COMMENTER_ROLES.includes(r.role));
  if (roles.length === 0) return [];
  const branches = await listActiveBranches(conn);
  const byId = new Map(branches.map((b) => [b.id, b]));
  const out = new Map<string, CommentTarget>();
  const addBranch = (id: string) => {
    const b = byId.get(id);
    if (b) out.set(`branch:${id}`, { type: 'branch', id, name: b.name, branchId: id });
  };
  const membersOf = new Map<string, Awaited<ReturnType<typeof listBranchPeople>>>();
  const members = async (branchId: string) => {
    if (!membersOf.has(branchId)) membersOf.set(branchId, await listBranchPeople(conn, branchId));
    return membersOf.get(branchId)!;
  };
  const addMember = (branchId: string, p: { openId: string; name: string }) => {
    if (p.openId !== openId && !out.has(`member:${p.openId}`))
      out.set(`member:${p.openId}`, { type: 'member', id: p.openId, name: p.name, branchId });
  };
  for (const r of roles) {
    const ids = r.branchId === ALL_BRANCHES ? branches.map((b) => b.id) : [r.branchId];
    for (const branchId of ids) {
      if (!byId.has(branchId)) continue;
      if (r.role === 'reviewer') addBranch(branchId);
      if (r.role === 'secretary') for (const p of await members(branchId)) addMember(branchId, p);
      if (r.role === 'leader') {
        if (!r.contactMembers) {
          addBranch(branchId);
          for (const p of await members(branchId)) addMember(branchId, p);
        } else {
          const named = new Set(r.contactMembers);
          for (const p of await members(branchId)) if (named.has(p.openId)) addMember(branchId, p);
        }
      }
    }
  }
  const list = [...out.values()];
  return [...list.filter((t) => t.type === 'branch'), ...list.filter((t) => t.type === 'member')];
}

/** The people who comment on something in this branch (its reviewers, secretary and leaders). */
export async function commentersIn(conn: Connection, branchId: string): Promise<string[]> {
  const here = await listBranchRoles(conn, { branchId, roles: COMMENTER_ROLES });
  const everywhere = await listBranchRoles(conn, { branchId: ALL_BRANCHES, roles: ['reviewer'] });
  const ids = [...new Set([...here, ...everywhere].map((r) => r.openId))];
  const active = new Set((await findPeople(conn, ids)).filter((p) => p.active).map((p) => p.openId));
  return ids.filter((id) => active.has(id)).sort();
}

/** Leaders with a contact point in this branch. */
export async function leadersIn(conn: Connection, branchId: string): Promise<string[]> {
  const here = await listBranchRoles(conn, { branchId, roles: ['leader'] });
  return [...new Set(here.map((r) => r.openId))].sort();
}
