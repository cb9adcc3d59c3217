import type { Migration } from '../src/db/migrate.js';

/**
 * 一诺 (src/regime/pledges/). `_id`s carry the natural keys — a pledge is `${year}:${branch}:${owner}`, a
 * ledger line `${pledge}:${item}` — so a repeated write can never make a second copy. The indexes serve the
 * lookups people make: a branch's pledges and ledger for a year (台账, jobs), one owner's lines (我的承诺),
 * what waits for review (待审), what was ticked off in a quarter (通报), and the suggestions of a branch.
 */
export const migration: Migration = {
  id: '20261127-10-pledges',
  async up(db) {
    const pledges = db.collection('pledges');
    await pledges.createIndex({ branchId: 1, year: 1 }, { name: 'branchId_year' });
    await pledges.createIndex({ status: 1, kind: 1, branchId: 1 }, { name: 'status_kind_branchId' });
    const ledger = db.collection('pledge_ledger');
    await ledger.createIndex({ branchId: 1, year: 1, ownerId: 1 }, { name: 'branchId_year_ownerId' });
    await ledger.createIndex({ pledgeId: 1 }, { name: 'pledgeId' });
    await ledger.createIndex({ branchId: 1, fulfilledAt: 1 }, { name: 'branchId_fulfilledAt' });
    await db
      .collection('pledge_suggestions')
      .createIndex({ branchId: 1, year: 1, at: 1 }, { name: 'branchId_year_at' });
  },
};
