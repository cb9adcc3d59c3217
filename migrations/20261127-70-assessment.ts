import type { Migration } from '../src/db/migrate.js';

/**
 * 年终考核: a branch's year of member assessments read in sheet order, and a branch's drafts cleared by
 * branch and year (a prefix of the same index). The year-wide reads of the sources filter by branch and
 * year and are served by their own modules' indexes (ledger, ratings, records, comments, surveys, honours).
 */
export const migration: Migration = {
  id: '20261127-70-assessment',
  async up(db) {
    await db
      .collection('assessments')
      .createIndex({ branchId: 1, year: 1, order: 1 }, { name: 'branch_year_order' });
  },
};
