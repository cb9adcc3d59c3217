/**
 * Replays dead letters once whatever stopped them (a bug, a missing record) is fixed. A replay takes the
 * letter (`dead` → `replaying`, a conditional update, so two replays never run one letter at once), runs
 * the event's handlers as a retry (handlers that had succeeded are skipped, see Dispatcher.dispatchEvent),
 * and marks it `replayed`; a second replay of a replayed letter does nothing. A replay that fails puts the
 * letter back to `dead` with the new reason.
 */
import type { Filter } from 'mongodb';
import { errorSummary } from '../db/queue-worker.js';
import { cardActionSchema } from '../lark/events.js';
import type { DeadLetter } from './dead-letters.js';
import type { Inbox } from './inbox.js';
import { openEnvelope } from './stored-envelope.js';

export type ReplayOutcome = 'replayed' | 'failed' | 'already-replayed' | 'in-progress' | 'not-found';

export interface ReplayResult {
  eventId: string;
  outcome: ReplayOutcome;
  reason?: string;
}

/** Replays the named dead letters, or every one that died since the given time, in order of death. */
export async function replayDeadLetters(
  inbox: Inbox,
  select: { eventIds: readonly string[] } | { since: Date },
): Promise<ReplayResult[]> {
  const { deadLetters } = inbox.replayTools;
  const ids =
    'eventIds' in select
      ? select.eventIds
      : (
          await deadLetters.collection
            .find({ status: 'dead', deadAt: { $gte: select.since } } as Filter<DeadLetter>, {
              projection: { _id: 1 },
              sort: { deadAt: 1 },
            })
            .toArray()
        ).map((d) => d._id);
  const results: ReplayResult[] = [];
  for (const id of ids) results.push(await replayOne(inbox, id));
  return results;
}

async function replayOne(inbox: Inbox, eventId: string): Promise<ReplayResult> {
  const { deadLetters, dispatcher, context } = inbox.replayTools;
  const letters = deadLetters.collection;
  const letter = await letters.findOneAndUpdate(
    { _id: eventId, status: 'dead' },
    { $set: { status: 'replaying' }, $inc: { replays: 1 } },
    { returnDocument: 'after' },
  );
  if (!letter) {
    const seen = await letters.findOne({ _id: eventId });
    if (!seen) return { eventId, outcome: 'not-found' };
    return { eventId, outcome: seen.status === 'replayed' ? 'already-replayed' : 'in-progress' };
  }
  const ctx = context(eventId);
  try {
    if (letter.kind === 'card') {
      const event = cardActionSchema.parse(openEnvelope(letter.envelope).event);
      const reply = await dispatcher.dispatchAction(ctx, event);
      // Lark's delayed-update token has long expired: bring the card up to date by editing the message.
      const messageId = event.context?.open_message_id;
      if (reply.card && messageId) {
        await ctx.outbox.enqueue(`replay-card:${eventId}`, { op: 'update', messageId, card: reply.card });
      }
    } else {
      await dispatcher.dispatchEvent(ctx, letter.eventType, openEnvelope(letter.envelope).event, {
        retry: true,
      });
    }
    await inbox.queue.complete(eventId);
    await letters.updateOne({ _id: eventId }, { $set: { status: 'replayed', replayedAt: ctx.clock.now() } });
    ctx.log.info({ replays: letter.replays }, 'dead letter replayed');
    return { eventId, outcome: 'replayed' };
  } catch (err) {
    const reason = errorSummary(err).slice(0, 2000);
    await letters.updateOne({ _id: eventId }, { $set: { status: 'dead', reason } });
    ctx.log.error({ reason, replays: letter.replays }, 'dead letter replay failed; it stays dead');
    return { eventId, outcome: 'failed', reason };
  }
}
