/**
 * Keeps the delivery collections from growing forever. Lark re-delivers for ~7 h, so event ids must be
 * remembered at least that long; a week also leaves room to look into what happened. Each delete scans on
 * FerretDB, so this runs hourly, never on a request path.
 */
import type { Db } from 'mongodb';
import type { Clock } from '../clock.js';

export const RETENTION_DAYS = 7;

/** Each collection and the date field that says how old a document is. */
const AGED: ReadonlyArray<[collection: string, field: string]> = [
  ['inbox', 'queuedAt'],
  ['inbox_done', 'finishedAt'],
  ['outbox', 'queuedAt'],
  ['outbox_done', 'finishedAt'],
  ['card_clicks', 'at'],
];

/** Deletes what is older than the retention; returns how many documents each collection lost. */
export async function pruneDeliveries(
  db: Db,
  clock: Clock,
  days = RETENTION_DAYS,
): Promise<Record<string, number>> {
  const before = new Date(clock.now().getTime() - days * 86_400_000);
  const removed: Record<string, number> = {};
  for (const [name, field] of AGED) {
    // Every retry policy ends within about a day, so nothing this old is still waiting to be worked on.
    removed[name] = (await db.collection(name).deleteMany({ [field]: { $lt: before } })).deletedCount;
  }
  return removed;
}
