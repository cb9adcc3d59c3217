import type { Migration } from '../src/db/migrate.js';

/** The webhook inbox and the message outbox: dedupe keys and the index the workers claim by. */
export const migration: Migration = {
  id: '20261126-01-inbox-outbox',
  async up(db) {
    // `_id` is the Lark event_id (the de-duplication). Card clicks are keyed by action in card_clicks._id.
    await db.collection('inbox').createIndex({ status: 1, dueAt: 1 }, { name: 'status_dueAt' });
    // queuedAt: the orphan poll looks back a bounded time, and retention deletes by age.
    await db.collection('inbox').createIndex({ queuedAt: 1 }, { name: 'queuedAt' });
    // `_id` is the idempotency key (campaign + recipient + period, or reply:<message_id>).
    await db.collection('outbox').createIndex({ status: 1, dueAt: 1 }, { name: 'status_dueAt' });
    await db.collection('outbox').createIndex({ queuedAt: 1 }, { name: 'queuedAt' });
  },
};
