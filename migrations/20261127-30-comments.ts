import type { Migration } from '../src/db/migrate.js';

/**
 * The comment register and the prompts. A comment's `_id` is its deterministic id (kind, period, commenter,
 * target), so drafts and submits need no index of their own; these serve the register (by branch and
 * period), a person's comments received (the year end, 整改) and given, and a branch's open prompts.
 */
export const migration: Migration = {
  id: '20261127-30-comments',
  async up(db) {
    const comments = db.collection('comments');
    await comments.createIndex(
      { branchId: 1, period: 1, submittedAt: 1 },
      { name: 'branch_period_submittedAt' },
    );
    await comments.createIndex({ 'target.id': 1, status: 1 }, { name: 'target_status' });
    await comments.createIndex({ commenterId: 1, status: 1 }, { name: 'commenter_status' });
    await db
      .collection('comment_prompts')
      .createIndex({ branchIds: 1, kind: 1, period: 1 }, { name: 'branch_kind_period' });
  },
};
