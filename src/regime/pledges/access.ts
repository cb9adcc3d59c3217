/**
 * Who may do what with a pledge, in one place: the author writes and ticks off, the branch secretary reviews
 * members' cards (a secretary's own card goes to the reviewer), the reviewer reviews the book, and nobody
 * reviews their own pledge. Refusals name the role the person lacks.
 */
import type { Connection } from 'mongoose';
import { requireRole, type Authorization, type Permission } from '../../org/index.js';
import type { Pledge } from './pledge.entity.js';
import type { PledgeKind } from './themes.js';

export const PLEDGE_PERMISSIONS = {
  draftCard: { roles: ['member'], to: '填写自己的承诺卡', en: 'draft their own pledge card' },
  draftBook: { roles: ['secretary'], to: '起草支部承诺书', en: 'draft the branch pledge book' },
  reviewCard: { roles: ['secretary'], to: '审核党员承诺卡', en: "review members' pledge cards" },
  reviewSecretaryCard: { roles: ['reviewer'], to: '审核支部书记的承诺卡', en: "review the secretary's card" },
  reviewBook: { roles: ['reviewer'], to: '审核支部承诺书', en: 'review the branch pledge book' },
  confirmTick: { roles: ['secretary'], to: '确认或重新打开销号', en: 'confirm or reopen a tick' },
  tickBook: { roles: ['secretary'], to: '为支部承诺书销号', en: 'tick off the branch book' },
  seeLedger: {
    roles: ['secretary', 'member', 'reviewer', 'admin'],
    to: '查看本支部台账',
    en: "see the branch's ledger",
  },
} as const satisfies Record<string, Permission>;

export interface PledgeKey {
  year: number;
  branchId: string;
  ownerId: string;
  kind: PledgeKind;
}

/** `${year}:${branchId}:${ownerId}`; the book's owner is the branch itself. */
export function parsePledgeId(id: string): PledgeKey | undefined {
  const m = /^(\d{4}):([^:]+):([^:]+)$/.exec(id);
  if (!m) return undefined;
  const [, year, branchId, ownerId] = m as unknown as [string, string, string, string];
  return { year: Number(year), branchId, ownerId, kind: ownerId === branchId ? 'branch' : 'member' };
}

/** May this person write (and tick off) the pledge? The author of a card, the secretary for the book. */
export async function mayWrite(conn: Connection, openId: string, k: PledgeKey): Promise<Authorization> {
  if (k.kind === 'branch') return requireRole(conn, openId, PLEDGE_PERMISSIONS.draftBook, k.branchId);
  const auth = await requireRole(conn, openId, PLEDGE_PERMISSIONS.draftCard, k.branchId);
  if (auth.ok && openId !== k.ownerId)
    return { ok: false, message: '只能填写自己的承诺卡', en: 'You can only write your own pledge card.' };
  return auth;
}

/** Which role reviews this pledge: the secretary for a member's card, the reviewer for the book and a secretary's card. */
export async function reviewerRoleFor(conn: Connection, k: PledgeKey): Promise<'secretary' | 'reviewer'> {
  if (k.kind === 'branch') return 'reviewer';
  const asSecretary = await requireRole(conn, k.ownerId, ['secretary'], k.branchId);
  return asSecretary.ok ? 'reviewer' : 'secretary';
}

export async function mayReview(
  conn: Connection,
  openId: string,
  p: Pledge,
  role: 'secretary' | 'reviewer',
): Promise<Authorization> {
  const permission =
    p.kind === 'branch'
      ? PLEDGE_PERMISSIONS.reviewBook
      : role === 'reviewer'
        ? PLEDGE_PERMISSIONS.reviewSecretaryCard
        : PLEDGE_PERMISSIONS.reviewCard;
  const auth = await requireRole(conn, openId, permission, p.branchId);
  if (!auth.ok) return auth;
  const author = p.rounds.at(-1)?.submittedBy;
  if (openId === p.ownerId || openId === author)
    return { ok: false, message: '不能审核自己提交的承诺', en: 'Nobody reviews their own pledge.' };
  return auth;
}
