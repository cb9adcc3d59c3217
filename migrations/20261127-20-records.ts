import type { Migration } from '../src/db/migrate.js';

/**
 * The monthly cycle (src/regime/records, src/regime/ratings). Records, ratings and their months are keyed
 * by `_id` (`branch:month[:member]`), which is how every path reads them; these indexes serve the lists:
 * a member's past months (我的记实) and a branch's month.
 */
export const migration: Migration = {
  id: '20261127-20-records',
  async up(db) {
    await db
      .collection('records')
      .createIndex({ branchId: 1, openId: 1, month: -1 }, { name: 'branch_member_month' });
    await db.collection('records').createIndex({ branchId: 1, month: 1 }, { name: 'branch_month' });
    await db.collection('ratings').createIndex({ branchId: 1, month: 1 }, { name: 'branch_month' });
  },
};
