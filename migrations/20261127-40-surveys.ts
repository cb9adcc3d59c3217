import type { Migration } from '../src/db/migrate.js';

/**
 * 群众评议 and 组织评选. Surveys, selections and their votes have `_id`s built from branch + period (+ person),
 * which are the once-only guards; these indexes serve the lookups by survey, selection, member and year.
 */
export const migration: Migration = {
  id: '20261127-40-surveys',
  async up(db) {
    await db.collection('surveys').createIndex({ branchId: 1, openedAt: -1 }, { name: 'branch_openedAt' });
    await db.collection('surveys').createIndex({ branchId: 1, status: 1 }, { name: 'branch_status' });
    await db.collection('survey_ballots').createIndex({ surveyId: 1 }, { name: 'survey' });
    await db.collection('survey_voters').createIndex({ surveyId: 1 }, { name: 'survey' });
    await db.collection('survey_links').createIndex({ surveyId: 1, used: 1 }, { name: 'survey_used' });
    await db.collection('selections').createIndex({ branchId: 1, year: -1 }, { name: 'branch_year' });
    await db.collection('selection_nominations').createIndex({ selectionId: 1 }, { name: 'selection' });
    await db
      .collection('selection_votes')
      .createIndex({ selectionId: 1, honourId: 1 }, { name: 'selection_honour' });
    await db.collection('honours').createIndex({ openId: 1, year: 1 }, { name: 'person_year' });
    await db.collection('honours').createIndex({ branchId: 1, year: 1 }, { name: 'branch_year' });
  },
};
