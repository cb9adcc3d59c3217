import type { Migration } from '../src/db/migrate.js';

/** 公开记录: the archive of disclosures, looked up by branch and time, and by kind and period. */
export const migration: Migration = {
  id: '20261127-50-disclosures',
  async up(db) {
    await db
      .collection('disclosures')
      .createIndex({ branchIds: 1, queuedAt: -1 }, { name: 'branch_queuedAt' });
    await db.collection('disclosures').createIndex({ kind: 1, period: 1 }, { name: 'kind_period' });
  },
};
