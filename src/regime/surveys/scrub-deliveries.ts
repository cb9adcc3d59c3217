/**
 * The bot's delivery log keeps each card click (operator and form) for a week, to de-duplicate Lark's
 * re-deliveries. For a survey's clicks that would tie a person to their choices, so the form leaves the log
 * as soon as the click is handled, and everything left of the survey's clicks goes at close.
 */
import type { HandlerContext } from '../../bot/module.js';

/** Drops the form of the click being handled from the stored delivery (the ballot is already written). */
export async function forgetForm(ctx: Pick<HandlerContext, 'conn' | 'eventId'>, alsoFingerprint = false) {
  const db = ctx.conn.db!;
  await db
    .collection<{ _id: string }>('inbox')
    .updateOne({ _id: ctx.eventId }, { $unset: { 'envelope.event.action.form_value': '' } });
  // The double-click fingerprint hashes the form too; after close there is nothing left to de-duplicate.
  if (alsoFingerprint) await db.collection('card_clicks').deleteMany({ eventId: ctx.eventId });
}

/**
 * At close: whatever of the survey's clicks is left (forms of clicks that failed midway, answers that showed
 * a page with choices filled in, the double-click fingerprints, private pages in the outbox) is removed.
 */
export async function scrubDeliveries(ctx: Pick<HandlerContext, 'conn'>, surveyId: string) {
  const db = ctx.conn.db!;
  const filter = { 'envelope.event.action.value.survey': surveyId };
  const eventIds: string[] = [];
  for (const name of ['inbox', 'inbox_done']) {
    const c = db.collection<{ _id: string }>(name);
    for (const d of await c.find(filter, { projection: { _id: 1 } }).toArray()) eventIds.push(d._id);
    await c.updateMany(filter, { $unset: { 'envelope.event.action.form_value': '', reply: '' } });
  }
  if (eventIds.length > 0) await db.collection('card_clicks').deleteMany({ eventId: { $in: eventIds } });
  // Private form pages sent with a person's draft filled in.
  const pages = { _id: { $regex: `^${escapeRegex(pageKeyPrefix(surveyId))}` } };
  for (const name of ['outbox', 'outbox_done']) await db.collection<{ _id: string }>(name).deleteMany(pages);
}

/** Outbox keys of private form pages: removed at close, since the page shows the person's choices. */
export const pageKeyPrefix = (surveyId: string) => `survey-page:${surveyId}:`;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
