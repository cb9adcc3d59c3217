import type { Connection } from 'mongoose';
import { modelOn } from '../../db/model.js';
import { isDuplicateKey } from '../../errors.js';
import { putDocument, type Put } from '../put-document.js';
import type { ManagedBy, Person } from './person.entity.js';
import { personSchema } from './person.schema.js';

const model = (conn: Connection) => modelOn(conn, 'Person', personSchema);

export async function findPerson(conn: Connection, openId: string): Promise<Person | undefined> {
  return (await model(conn).findOne({ openId }, { _id: 0 }).lean().exec()) ?? undefined;
}

export function findPeople(conn: Connection, openIds: readonly string[]): Promise<Person[]> {
  return model(conn)
    .find({ openId: { $in: [...openIds] } }, { _id: 0 })
    .lean()
    .exec();
}

export function listPeople(
  conn: Connection,
  filter: { managedBy?: ManagedBy; active?: boolean } = {},
): Promise<Person[]> {
  return model(conn).find(filter, { _id: 0 }).sort({ openId: 1 }).lean().exec();
}

export function putPerson(conn: Connection, p: Person): Promise<Put<Person>> {
  return putDocument(model(conn), { openId: p.openId }, p, [
    'openId',
    'name',
    'duties',
    'unit',
    'active',
    'managedBy',
  ]);
}

/** Creates the person unless someone with that open_id exists; true if this call created them. */
export async function createPersonIfMissing(conn: Connection, p: Person): Promise<boolean> {
  try {
    const res = await model(conn)
      .updateOne({ openId: p.openId }, { $setOnInsert: p }, { upsert: true })
      .exec();
    return res.upsertedCount === 1;
  } catch (err) {
    if (isDuplicateKey(err)) return false; // a concurrent upsert won the race
    throw err;
  }
}
