/**
 * Keeps the delivery collections from growing forever. Lark re-delivers for ~7 h, so event ids must be
 * remembered at least that long; a week also leaves room to look into what happened. Each delete scans on
 * FerretDB, so this runs hourly, never on a request path.
 */
import type { Db } from 'mongodb';
import type { Clock } from '../clock.js';

export const RETENTION_DAYS = 7;
/**
 * Dead letters wait for a person to look into them and replay them, which may take weeks; they are kept
 * apart from finished work, with the per-handler completion records a replay consults.
 */
export const DEAD_LETTER_RETENTION_DAYS = 90;

/** Each collection, the date field that says how old a document is, and how long it is kept. */
const AGED: ReadonlyArray<[collection: string, field: string, days?: number]> = [
  ['inbox', 'queuedAt'],
  ['inbox_done', 'finishedAt'],
  ['outbox', 'queuedAt'],
  ['outbox_done', 'finishedAt'],
  ['card_clicks', 'at'],
  ['dead_letters', 'deadAt', DEAD_LETTER_RETENTION_DAYS],
  ['handler_runs', 'at', DEAD_LETTER_RETENTION_DAYS],
  ['instances', 'beatAt'],
];

/** Deletes what is older than the retention; returns how many documents each collection lost. */
export async function pruneDeliveries(
  db: Db,
  clock: Clock,
  days = RETENTION_DAYS,
): Promise<Record<string, number>> {
  const removed: Record<string, number> = {};
  for (const [name, field, keep] of AGED) {
    // Every retry policy ends within about a day, so nothing this old is still waiting to be worked on.
    const before = new Date(clock.now().getTime() - Math.max(days, keep ?? 0) * 86_400_000);
    removed[name] = (await db.collection(name).deleteMany({ [field]: { $lt: before } })).deletedCount;
  }
  return removed;
}
