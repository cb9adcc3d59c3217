/**
 * The branch's own rating scale (等次). The seed names 优秀/良好/一般/较差, but a branch may rate on its own
 * words (好/较好/一般/差); the secretary or an admin sets them with `评定等次`. The rating sheet offers
 * them, the disclosure and digest show them, and a grade is stored as the word it was given in. Changing
 * the scale never rewrites grades already given: a month rated on the old words keeps them.
 */
import type { Connection } from 'mongoose';
import type { Permission } from '../../org/index.js';
import { RATING_SCALE } from './rating.entity.js';

export const RATING_SCALES = 'rating_scales';

export interface BranchRatingScale {
  /** The branch id. */
  _id: string;
  /** Best first. */
  grades: string[];
  setBy: string;
  setAt: Date;
}

export const SCALE_PERMISSION: Permission = {
  roles: ['secretary', 'admin'],
  to: '设置本支部的评定等次',
  en: "set the branch's rating scale",
};

const scales = (conn: Connection) => conn.db!.collection<BranchRatingScale>(RATING_SCALES);

/** The grades a branch rates with, best first: its own (`own`), or the default. */
export async function findBranchScale(
  conn: Connection,
  branchId: string,
): Promise<{ grades: readonly string[]; own: boolean }> {
  const own = (await scales(conn).findOne({ _id: branchId }))?.grades;
  return own ? { grades: own, own: true } : { grades: RATING_SCALE, own: false };
}

export async function branchScale(conn: Connection, branchId: string): Promise<readonly string[]> {
  return (await findBranchScale(conn, branchId)).grades;
}

/** Sets the branch's scale (undefined: back to the default). Returns the scale before. */
export async function putBranchScale(
  conn: Connection,
  q: { branchId: string; grades: readonly string[] | undefined; by: string; at: Date },
): Promise<readonly string[]> {
  const before = await branchScale(conn, q.branchId);
  if (q.grades === undefined) await scales(conn).deleteOne({ _id: q.branchId });
  else
    await scales(conn).updateOne(
      { _id: q.branchId },
      { $set: { grades: [...q.grades], setBy: q.by, setAt: q.at } },
      { upsert: true },
    );
  return before;
}

/** Words that mean "back to the default scale". */
const RESET_WORDS = new Set(['默认', '恢复默认', 'default']);

/**
 * `好 较好 一般 差` (spaces, 、 , ， / or ／ between) → the grades; a reason in Chinese when they cannot be a
 * scale. Two to six distinct words of at most six characters, best first.
 */
export function parseScale(
  text: string,
): { ok: true; grades: string[] | undefined } | { ok: false; reason: string } {
  const t = text.trim();
  if (RESET_WORDS.has(t.toLowerCase())) return { ok: true, grades: undefined };
  const grades = t.split(/[\s、,，/／]+/).filter(Boolean);
  if (grades.length < 2 || grades.length > 6) {
    return { ok: false, reason: '请写 2 至 6 个等次，从好到差，用空格或顿号隔开' };
  }
  if (grades.some((g) => g.length > 6)) return { ok: false, reason: '每个等次最多 6 个字' };
  if (new Set(grades).size !== grades.length) return { ok: false, reason: '等次不能重复' };
  return { ok: true, grades };
}

/** Grade counts in the scale's order; a grade given on an earlier scale is listed after them. */
export function gradeCounts(
  scale: readonly string[],
  given: Iterable<string>,
): Array<{ grade: string; count: number }> {
  const counts = new Map<string, number>(scale.map((g) => [g, 0]));
  for (const g of given) counts.set(g, (counts.get(g) ?? 0) + 1);
  return [...counts].map(([grade, count]) => ({ grade, count }));
}
