/**
 * `assessments` (one per member and year) and `assessment_years` (one per branch and year). A draft is
 * rebuilt whole (removed and inserted in batches: far quicker than upserts on FerretDB); once published
 * it is never rebuilt, only its objections answered.
 */
import type { Connection } from 'mongoose';
import { isDuplicateKey } from '../../errors.js';
import type { Objection } from '../ratings/rating.entity.js';
import { answerObjectionIn, pushObjection } from '../ratings/objection-store.js';
import {
  ASSESSMENT_GRADES,
  assessmentYearId,
  type AssessmentYear,
  type MemberAssessment,
} from './assessment.entity.js';

export const ASSESSMENTS = 'assessments';
export const ASSESSMENT_YEARS = 'assessment_years';

export const memberDocs = (conn: Connection) => conn.db!.collection<MemberAssessment>(ASSESSMENTS);
const years = (conn: Connection) => conn.db!.collection<AssessmentYear>(ASSESSMENT_YEARS);

/** An empty list may come back absent (FerretDB drops empty arrays in some writes). */
const normal = (m: MemberAssessment): MemberAssessment => ({ ...m, objections: m.objections ?? [] });

export async function findYears(
  conn: Connection,
  branchIds: readonly string[],
  year: number,
): Promise<Map<string, AssessmentYear>> {
  const found = await years(conn)
    .find({ _id: { $in: branchIds.map((b) => assessmentYearId(b, year)) } })
    .toArray();
  return new Map(found.map((y) => [y.branchId, y]));
}

export async function findYear(conn: Connection, branchId: string, year: number) {
  return (await years(conn).findOne({ _id: assessmentYearId(branchId, year) })) ?? undefined;
}

/** Removes the drafts of these branches' year, before they are written again. */
export async function clearDrafts(conn: Connection, branchIds: readonly string[], year: number) {
  if (!branchIds.length) return;
  await memberDocs(conn).deleteMany({ branchId: { $in: [...branchIds] }, year });
  await years(conn).deleteMany({
    _id: { $in: branchIds.map((b) => assessmentYearId(b, year)) },
    status: 'draft',
  });
}

/** Inserts; a document written by a concurrent build of the same draft is left as it is. */
async function insertAll<T extends { _id: string }>(
  coll: ReturnType<typeof memberDocs> | ReturnType<typeof years>,
  docs: T[],
) {
  if (!docs.length) return;
  try {
    await coll.insertMany(docs as never[], { ordered: false });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

export const insertMembers = (conn: Connection, docs: MemberAssessment[]) =>
  insertAll(memberDocs(conn), docs);
export const insertYears = (conn: Connection, docs: AssessmentYear[]) => insertAll(years(conn), docs);

/** A branch's year, best first (the sheet's order). */
export async function listMembers(
  conn: Connection,
  branchId: string,
  year: number,
): Promise<MemberAssessment[]> {
  return (await memberDocs(conn).find({ branchId, year }).sort({ order: 1 }).toArray()).map(normal);
}

export async function findMember(conn: Connection, id: string): Promise<MemberAssessment | undefined> {
  const m = await memberDocs(conn).findOne({ _id: id });
  return m ? normal(m) : undefined;
}

/** Draft → 公示; false if it was published before (the first publication stands). */
export async function markNotice(
  conn: Connection,
  q: { branchId: string; year: number; by: string; at: Date; noticeEndsAt: Date },
): Promise<boolean> {
  const res = await years(conn).updateOne(
    { _id: assessmentYearId(q.branchId, q.year), status: 'draft' },
    { $set: { status: 'notice', publishedAt: q.at, publishedBy: q.by, noticeEndsAt: q.noticeEndsAt } },
  );
  return res.modifiedCount === 1;
}

/** 公示 → final; false if it was final already. */
export async function markFinal(
  conn: Connection,
  branchId: string,
  year: number,
  at: Date,
): Promise<boolean> {
  const res = await years(conn).updateOne(
    { _id: assessmentYearId(branchId, year), status: 'notice' },
    { $set: { status: 'final', finalAt: at } },
  );
  return res.modifiedCount === 1;
}

export const addObjection = (conn: Connection, id: string, o: Objection) =>
  pushObjection(memberDocs(conn), id, o);

export const answerObjection = (
  conn: Connection,
  id: string,
  index: number,
  answer: NonNullable<Objection['answer']>,
) => answerObjectionIn(memberDocs(conn), id, index, answer);

/** After a grade changed on an objection: the branch's count of each 等次 again. */
export async function recountGrades(conn: Connection, branchId: string, year: number): Promise<void> {
  const grades = ASSESSMENT_GRADES.map(() => 0);
  for (const m of await memberDocs(conn)
    .find({ branchId, year }, { projection: { grade: 1 } })
    .toArray())
    grades[ASSESSMENT_GRADES.indexOf(m.grade)]!++;
  await years(conn).updateOne(
    { _id: assessmentYearId(branchId, year) },
    { $set: { 'summary.grades': grades } },
  );
}
