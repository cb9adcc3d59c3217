/**
 * Every migration, in the order it runs. A new file in this folder must be added here; a test checks that
 * none is forgotten (tests/db/migrate.test.ts).
 */
import type { Migration } from '../src/db/migrate.js';
import { migration as inboxOutbox } from './20261126-01-inbox-outbox.js';
import { migration as org } from './20261126-02-org.js';
import { migration as schedule } from './20261126-03-schedule.js';
import { migration as sharedChatsHolidays } from './20261127-01-shared-chats-holidays.js';
import { migration as pledges } from './20261127-10-pledges.js';
import { migration as records } from './20261127-20-records.js';
import { migration as comments } from './20261127-30-comments.js';
import { migration as surveys } from './20261127-40-surveys.js';
import { migration as disclosures } from './20261127-50-disclosures.js';
import { migration as assessment } from './20261127-70-assessment.js';

export const migrations: readonly Migration[] = [
  inboxOutbox,
  org,
  schedule,
  sharedChatsHolidays,
  pledges,
  records,
  comments,
  surveys,
  disclosures,
  assessment,
];
