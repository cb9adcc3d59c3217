/**
 * Group commit for inserts: documents inserted in the same moment by concurrent requests share one
 * `insertMany({ ordered: false })`, and each caller still learns its own outcome (inserted, or a duplicate
 * `_id`). Every caller's promise settles only after the database has answered for its document, so
 * "acknowledge only what is stored" holds.
 *
 * Why: FerretDB's SQLite backend writes a batch as one multi-row INSERT in one transaction, but each single
 * insert as a transaction of its own; under 1,000 events/s the per-transaction cost dominates. On MongoDB
 * it saves round trips. At most `maxInFlight` batches are written at once, so batches grow under load.
 */
import type { Collection, OptionalUnlessRequiredId } from 'mongodb';

interface Waiter<T> {
  doc: OptionalUnlessRequiredId<T>;
  resolve(inserted: boolean): void;
  reject(err: unknown): void;
}

export class GroupInserter<T extends { _id: string }> {
  private queue: Array<Waiter<T>> = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    readonly collection: Collection<T>,
    private readonly maxBatch = 256,
    private readonly maxInFlight = 2,
    /** A batch unanswered this long fails its callers and frees its slot (a lost server must not stall us). */
    private readonly timeoutMs = 10_000,
  ) {}

  /** Resolves true once inserted, false if a document with this `_id` exists; rejects on other errors. */
  insert(doc: OptionalUnlessRequiredId<T>): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ doc, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    // Let every request parsed in this turn of the event loop join the batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.inFlight >= this.maxInFlight || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.maxBatch);
    this.inFlight++;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`insert batch unanswered after ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
    });
    try {
      // If the batch lands after the timeout, its callers have been told it failed; their retries dedupe.
      await Promise.race([
        this.collection.insertMany(
          batch.map((w) => w.doc),
          { ordered: false },
        ),
        timeout,
      ]);
      for (const w of batch) w.resolve(true);
    } catch (err) {
      settleFromBulkError(batch, err);
    } finally {
      clearTimeout(timer);
      this.inFlight--;
      this.schedule();
    }
  }
}

/**
 * With ordered: false the driver reports failed documents by index (`writeErrors`) and how many went in
 * (`insertedCount`). Its `insertedIds` is no evidence: it lists every id it meant to insert, and a
 * connection lost mid-batch arrives as a bulk error with no write errors and insertedCount 0. So the rest
 * of a batch counts as inserted only when insertedCount accounts for every document without an error;
 * otherwise everything but definite duplicates is rejected, and nobody acknowledges what may not be stored.
 */
function settleFromBulkError<T>(batch: Array<Waiter<T>>, err: unknown): void {
  const e = err as { writeErrors?: unknown; insertedCount?: unknown };
  const writeErrors = Array.isArray(e.writeErrors) ? e.writeErrors : e.writeErrors ? [e.writeErrors] : [];
  const failed = new Map<number, number>();
  for (const w of writeErrors as Array<{ index: number; code: number }>) failed.set(w.index, w.code);
  const accounted = typeof e.insertedCount === 'number' && e.insertedCount + failed.size === batch.length;
  batch.forEach((w, i) => {
    const code = failed.get(i);
    if (code === 11000) w.resolve(false);
    else if (code === undefined && accounted) w.resolve(true);
    else w.reject(err);
  });
}
