import type { Connection } from 'mongoose';
import { modelOn } from '../../db/model.js';
import { putDocument, type Put } from '../put-document.js';
import type { Organisation } from './organisation.entity.js';
import { organisationSchema } from './organisation.schema.js';

const model = (conn: Connection) => modelOn(conn, 'Organisation', organisationSchema);

export async function findOrganisation(conn: Connection, id: string): Promise<Organisation | undefined> {
  return (await model(conn).findOne({ id }, { _id: 0 }).lean().exec()) ?? undefined;
}

export function putOrganisation(conn: Connection, o: Organisation): Promise<Put<Organisation>> {
  return putDocument(model(conn), { id: o.id }, o, ['id', 'name']);
}

export function listOrganisations(conn: Connection): Promise<Organisation[]> {
  return model(conn).find({}, { _id: 0 }).sort({ id: 1 }).lean().exec();
}
