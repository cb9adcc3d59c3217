/**
 * Authorisation in one place. Every action states the roles it needs as a Permission; `requireRole` answers
 * yes with the person and the roles that granted it, or no with the sentence the person reads
 * ("只有管理员或该支部书记可以绑定群聊"). Callers write nothing on a refusal.
 */
import type { Connection } from 'mongoose';
import { noticeCard } from '../../cards/org-notice.js';
import type { CardJson } from '../lark/client.js';
import type { CardReply } from '../bot/module.js';
import type { Person } from './people/person.entity.js';
import { findPerson } from './people/person.repository.js';
import {
  ALL_BRANCHES,
  ROLE_NAMES,
  type Role,
  type RoleAssignment,
} from './role-assignments/role-assignment.entity.js';
import { rolesOf } from './role-assignments/role-assignment.repository.js';

/** The roles an action needs, and the action as the end of "只有…可以…" / "Only … can …". */
export interface Permission {
  roles: readonly Role[];
  to: string;
  en: string;
}

export type Authorization = { ok: true; person: Person; roles: RoleAssignment[] } | Refusal;
export interface Refusal {
  ok: false;
  message: string;
  en: string;
}

/** The organisation's own actions. Other modules declare theirs beside their handlers, in the same shape. */
export const ORG_PERMISSIONS = {
  bindChat: { roles: ['admin', 'secretary'], to: '绑定群聊', en: 'bind chats' },
  bindSharedChat: {
    roles: ['admin'],
    to: '把群聊绑定到多个支部或全部支部',
    en: 'bind a chat for several branches or a whole organisation',
  },
  syncMembers: { roles: ['admin', 'secretary'], to: '同步群成员', en: 'sync chat members' },
} as const satisfies Record<string, Permission>;

/**
 * Does this person hold one of the roles? With `branchId`, only roles in that branch (or in every branch)
 * count; without it, the role in any branch does. An unknown or deactivated person holds no role.
 */
export async function requireRole(
  conn: Connection,
  openId: string,
  need: Permission | readonly Role[],
  branchId?: string,
): Promise<Authorization> {
  const permission: Permission = 'roles' in need ? need : { roles: need, to: '进行这项操作', en: 'do this' };
  const person = await findPerson(conn, openId);
  if (person?.active) {
    const held = (await rolesOf(conn, openId)).filter(
      (r) =>
        permission.roles.includes(r.role) &&
        (branchId === undefined || r.branchId === branchId || r.branchId === ALL_BRANCHES),
    );
    if (held.length > 0) return { ok: true, person, roles: held };
  }
  return refusal(permission, branchId !== undefined);
}

/** Branch roles as users say them when one branch is in question. */
const IN_BRANCH: Partial<Record<Role, { zh: string; en: string }>> = {
  secretary: { zh: '该支部书记', en: "the branch's secretary" },
  member: { zh: '该支部党员', en: "the branch's members" },
};

/** "只有管理员或该支部书记可以绑定群聊": the roles named, in the order the permission lists them. */
export function refusal(p: Permission, inBranch: boolean): Refusal {
  const names = p.roles.map((r) => (inBranch ? IN_BRANCH[r] : undefined) ?? ROLE_NAMES[r]);
  const en = names.map((n) => n.en);
  return {
    ok: false,
    message: `只有${names.map((n) => n.zh).join('或')}可以${p.to}`,
    en: `Only ${en.length > 1 ? `${en.slice(0, -1).join(', ')} or ${en.at(-1)}` : en[0]} can ${p.en}.`,
  };
}

/** A refusal as the answer to a card click: a warning toast, the card left as it was. */
export function refusalReply(r: Refusal): CardReply {
  return { toast: { type: 'warning', content: r.message, en: r.en } };
}

/** A refusal as the answer to a chat command. */
export function refusalCard(r: Refusal): CardJson {
  return noticeCard({
    title: { zh: '没有权限', en: 'Not allowed' },
    text: { zh: r.message, en: r.en },
    tone: 'refused',
  });
}
