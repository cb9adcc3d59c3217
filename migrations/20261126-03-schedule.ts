import type { Migration } from '../src/db/migrate.js';

/**
 * Job run records. `_id` is `${job}:${branch}:${period}`, the once-per-period guard, so it needs no index of
 * its own; the 日程 list looks up each job's latest run for a branch.
 */
export const migration: Migration = {
  id: '20261126-03-schedule',
  async up(db) {
    await db
      .collection('schedule_runs')
      .createIndex({ branchId: 1, job: 1, createdAt: -1 }, { name: 'branch_job_createdAt' });
  },
};
