import type { Connection } from 'mongoose';
import { modelOn } from '../../db/model.js';
import { putDocument, withoutUndefined, type Put } from '../put-document.js';
import type { Branch } from './branch.entity.js';
import { branchSchema, type BranchDoc } from './branch.schema.js';

const model = (conn: Connection) => modelOn(conn, 'Branch', branchSchema);

export async function findBranch(conn: Connection, id: string): Promise<Branch | undefined> {
  const doc = await model(conn).findOne({ id }, { _id: 0 }).lean().exec();
  return doc ? fromDoc(doc) : undefined;
}

/** Branches sorted by id; `orgId` narrows to one organisation, `active` to the current ones. */
export async function listBranches(
  conn: Connection,
  filter: { orgId?: string; active?: boolean } = {},
): Promise<Branch[]> {
  return (await model(conn).find(filter, { _id: 0 }).sort({ id: 1 }).lean().exec()).map(fromDoc);
}

/** Changes are reported in the stored form (jobs as a list), which is also what the audit trail keeps. */
export async function putBranch(conn: Connection, b: Branch): Promise<Put<Branch>> {
  const put = await putDocument(model(conn), { id: b.id }, toDoc(b), [
    'id',
    'name',
    'orgId',
    'timezone',
    'calendar',
    'active',
  ]);
  return { ...put, before: put.before && fromDoc(put.before) };
}

function toDoc(b: Branch): BranchDoc {
  const { calendar, ...rest } = b;
  if (!calendar) return rest;
  const jobs =
    calendar.jobs &&
    Object.entries(calendar.jobs)
      .map(([name, j]) => ({ name, ...j }))
      .sort((x, y) => x.name.localeCompare(y.name));
  return { ...rest, calendar: withoutUndefined({ quietHours: calendar.quietHours, jobs }) };
}

function fromDoc(d: BranchDoc): Branch {
  const { calendar, ...rest } = d;
  if (!calendar) return rest;
  const jobs = calendar.jobs && Object.fromEntries(calendar.jobs.map(({ name, ...j }) => [name, j]));
  return { ...rest, calendar: withoutUndefined({ quietHours: calendar.quietHours, jobs }) };
}
