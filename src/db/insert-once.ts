/**
 * "Create it unless it exists; did I?" as an insert keyed by `_id`. The unique `_id` is the one guard that
 * holds under concurrency on every engine: FerretDB runs an upsert or a conditional update as a read and
 * then a write, so with `$setOnInsert` + `upsertedCount` two callers at once could both learn they created
 * the document (two votes cast, one link used twice).
 */
import type { Collection, Document, OptionalUnlessRequiredId } from 'mongodb';
import { isDuplicateKey } from '../errors.js';

/** True if this call inserted the document, false if one with its `_id` exists already. */
export async function insertOnce<T extends Document>(
  collection: Collection<T>,
  doc: OptionalUnlessRequiredId<T>,
): Promise<boolean> {
  try {
    await collection.insertOne(doc);
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}
