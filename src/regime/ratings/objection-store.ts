/**
 * Objections kept on the document they object to (a monthly rating, a year-end assessment): appended, and
 * answered once, the answer's grade becoming the document's. Shared by every capability with a 公示.
 */
import type { Collection } from 'mongodb';
import type { Objection } from './rating.entity.js';

/** A document that carries objections and a grade, guarded by `rev`. */
export interface Objectionable {
  _id: string;
  grade: string;
  objections: Objection[];
  rev: number;
}

export async function pushObjection<T extends Objectionable>(
  coll: Collection<T>,
  id: string,
  o: Objection,
): Promise<void> {
  await coll.updateOne({ _id: id } as never, { $push: { objections: o }, $inc: { rev: 1 } } as never);
}

/**
 * Answers the open objection at `index`; false if it was answered already (a repeated click). Written as a
 * whole array guarded by `rev`, since FerretDB 1.x is unreliable with positional paths into arrays.
 */
export async function answerObjectionIn<T extends Objectionable>(
  coll: Collection<T>,
  id: string,
  index: number,
  answer: NonNullable<Objection['answer']>,
): Promise<boolean> {
  const doc = (await coll.findOne({ _id: id } as never)) as Objectionable | null;
  const objections = doc?.objections ?? [];
  const objection = objections[index];
  if (!doc || !objection || objection.answer) return false;
  const next = objections.map((o, i) => (i === index ? { ...o, answer } : o));
  const res = await coll.updateOne(
    { _id: id, rev: doc.rev } as never,
    { $set: { objections: next, grade: answer.grade, rev: doc.rev + 1 } } as never,
  );
  return res.modifiedCount === 1;
}
