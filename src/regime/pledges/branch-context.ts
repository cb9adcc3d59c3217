/** What the pledge handlers look up again and again: a branch's name and clock, people's names, titles. */
import type { Connection } from 'mongoose';
import { findBranch, findPeople } from '../../org/index.js';
import { localDate, zonedParts } from '../../schedule/calendar.js';
import type { PledgeKey } from './access.js';

export interface BranchInfo {
  id: string;
  name: string;
  tz: string;
}

export async function branchInfo(conn: Connection, branchId: string, defaultTz: string): Promise<BranchInfo> {
  const b = await findBranch(conn, branchId);
  return { id: branchId, name: b?.name ?? branchId, tz: b?.timezone ?? defaultTz };
}

export const yearIn = (now: Date, tz: string) => zonedParts(now, tz).year;
export const todayIn = (now: Date, tz: string) => localDate(now, tz);

export async function namesOf(conn: Connection, openIds: readonly string[]): Promise<Map<string, string>> {
  const people = await findPeople(conn, [...new Set(openIds)]);
  return new Map(people.map((p) => [p.openId, p.name]));
}

export async function nameOf(conn: Connection, openId: string): Promise<string> {
  return (await namesOf(conn, [openId])).get(openId) ?? openId;
}

/** 「李秀英 2026年承诺卡」 / 「第一党支部 2026年承诺书」 */
export async function pledgeTitle(conn: Connection, k: PledgeKey, branchName?: string): Promise<string> {
  if (k.kind === 'branch') {
    const name = branchName ?? (await findBranch(conn, k.branchId))?.name ?? k.branchId;
    return `${name} ${k.year}年承诺书`;
  }
  return `${await nameOf(conn, k.ownerId)} ${k.year}年承诺卡`;
}
