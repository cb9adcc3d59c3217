/**
 * The one write path the organisation uses for "make the stored document look like this": it compares the
 * named fields, writes only what differs and says what changed, so an import run twice writes nothing and
 * every change it does make can be audited field by field. Without transactions (FerretDB) each document is
 * written on its own; running the same put again mends a half-finished run.
 */
import type { Model } from 'mongoose';

export interface FieldChange {
  from?: unknown;
  to?: unknown;
}

export interface Put<T> {
  outcome: 'created' | 'updated' | 'unchanged';
  /** The stored document before the put (undefined when created). */
  before: T | undefined;
  /** Field → old and new value, for the fields that changed (all given fields when created). */
  changes: Record<string, FieldChange>;
}

export async function putDocument<T extends object>(
  model: Model<T>,
  filter: Record<string, unknown>,
  desired: T,
  fields: ReadonlyArray<keyof T & string>,
): Promise<Put<T>> {
  const before = (await model.findOne(filter, { _id: 0 }).lean().exec()) as T | null;
  const changes: Record<string, FieldChange> = {};
  for (const f of fields) {
    const from = before?.[f];
    const to = desired[f];
    if (!sameValue(from, to))
      changes[f] = { ...(from !== undefined && { from }), ...(to !== undefined && { to }) };
  }
  if (!before) {
    // $setOnInsert: two puts racing on the unique key both end with one document.
    const res = await model
      .updateOne(filter, { $setOnInsert: withoutUndefined(desired) }, { upsert: true })
      .exec();
    if (res.upsertedCount === 1) return { outcome: 'created', before: undefined, changes };
    return putDocument(model, filter, desired, fields);
  }
  if (Object.keys(changes).length === 0) return { outcome: 'unchanged', before, changes };
  const $set: Record<string, unknown> = {};
  const $unset: Record<string, ''> = {};
  for (const f of Object.keys(changes)) {
    const to = desired[f as keyof T];
    if (to === undefined) $unset[f] = '';
    else $set[f] = to;
  }
  await model
    .updateOne(filter, {
      ...(Object.keys($set).length && { $set }),
      ...(Object.keys($unset).length && { $unset }),
    })
    .exec();
  return { outcome: 'updated', before, changes };
}

/** Equal as stored data: key order, and absent vs undefined, do not matter. */
export function sameValue(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

function stableJson(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

export function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
