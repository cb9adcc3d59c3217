/**
 * Copies every collection of one MongoDB-wire database, with its indexes, into another: from FerretDB on
 * SQLite to FerretDB on PostgreSQL, or from the bot's own database to a MongoDB replica set.
 *
 * Resumable without transactions: documents go in `_id` order, so a copy that stopped half-way holds a
 * prefix, and a re-run starts from the greatest `_id` the target has, inserting unordered and ignoring
 * duplicates. BSON compares values of different types apart (a `$gte` on a string never matches an
 * ObjectId), so a collection still short after that pass is copied once more in full, again skipping
 * duplicates. Each collection is then verified by counting both sides.
 */
import { MongoBulkWriteError, type Db, type Document, type IndexDescriptionInfo } from 'mongodb';

export interface CollectionCopy {
  readonly name: string;
  readonly source: number;
  readonly target: number;
  /** Documents this run inserted (the rest were there already). */
  readonly copied: number;
  readonly indexes: number;
  readonly ok: boolean;
}

export interface CopyOptions {
  batchSize?: number;
  log?: (line: string) => void;
}

/** Values come back as stored (Int32, Long, Double, Binary), so they go in as the same BSON types. */
const AS_STORED = { promoteLongs: false, promoteValues: false, promoteBuffers: false, bsonRegExp: true };
const DUPLICATE_KEY = 11000;

export async function copyDatabase(from: Db, to: Db, opts: CopyOptions = {}): Promise<CollectionCopy[]> {
  const log = opts.log ?? (() => {});
  const names = (await from.listCollections({}, { nameOnly: true }).toArray())
    .map((c) => c.name)
    .filter((n) => !n.startsWith('system.'))
    .sort();
  const results: CollectionCopy[] = [];
  for (const name of names) {
    const indexes = await copyIndexes(from, to, name);
    const copied = await copyDocuments(from, to, name, opts.batchSize ?? 1000);
    const source = await from.collection(name).countDocuments({});
    const target = await to.collection(name).countDocuments({});
    const result = { name, source, target, copied, indexes, ok: source === target };
    results.push(result);
    log(
      `${name}: ${source} in source, ${target} in target (${copied} copied now, ${indexes} indexes) ` +
        (result.ok ? 'ok' : 'MISMATCH'),
    );
  }
  return results;
}

async function copyIndexes(from: Db, to: Db, name: string): Promise<number> {
  const existing = await to.listCollections({ name }, { nameOnly: true }).toArray();
  if (existing.length === 0) await to.createCollection(name);
  const specs = (await from.collection(name).indexes()) as IndexDescriptionInfo[];
  let count = 0;
  for (const spec of specs) {
    if (spec.name === '_id_') continue;
    // Only the options the bot's migrations use, and the ones MongoDB keeps meaning across versions.
    const { name: indexName, unique, sparse, expireAfterSeconds, partialFilterExpression } = spec;
    const options = Object.fromEntries(
      Object.entries({ name: indexName, unique, sparse, expireAfterSeconds, partialFilterExpression }).filter(
        ([, v]) => v !== undefined,
      ),
    );
    await to.collection(name).createIndex(spec.key, options);
    count++;
  }
  return count;
}

async function copyDocuments(from: Db, to: Db, name: string, batchSize: number): Promise<number> {
  const target = to.collection(name);
  const last = await target
    .find({}, { projection: { _id: 1 }, ...AS_STORED })
    .sort({ _id: -1 })
    .limit(1)
    .next();
  let copied = await copyFiltered(from, to, name, last ? { _id: { $gte: last._id } } : {}, batchSize);
  if (last) {
    const [source, have] = await Promise.all([
      from.collection(name).countDocuments({}),
      target.countDocuments({}),
    ]);
    if (have < source) copied += await copyFiltered(from, to, name, {}, batchSize);
  }
  return copied;
}

async function copyFiltered(from: Db, to: Db, name: string, filter: Document, batchSize: number) {
  const cursor = from.collection(name).find(filter, AS_STORED).sort({ _id: 1 }).batchSize(batchSize);
  let batch: Document[] = [];
  let copied = 0;
  for await (const doc of cursor) {
    batch.push(doc);
    if (batch.length >= batchSize) {
      copied += await insertIgnoringDuplicates(to, name, batch);
      batch = [];
    }
  }
  if (batch.length > 0) copied += await insertIgnoringDuplicates(to, name, batch);
  return copied;
}

async function insertIgnoringDuplicates(to: Db, name: string, docs: Document[]): Promise<number> {
  try {
    return (await to.collection(name).insertMany(docs, { ordered: false })).insertedCount;
  } catch (err) {
    const errors = err instanceof MongoBulkWriteError ? [err.writeErrors].flat() : [];
    if (errors.length === 0 || errors.some((e) => e.code !== DUPLICATE_KEY)) throw err;
    return (err as MongoBulkWriteError).result.insertedCount;
  }
}
