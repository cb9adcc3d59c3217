/**
 * The regime's capabilities, one BotModule each: 一诺 pledges, 三评 comments / surveys / selections,
 * 三公开 ratings / records / briefings, and the year-end assessment. Each comes as its own issue and is
 * added to this list; their `jobs` bind handlers to the default calendar (src/schedule/default-calendar.ts).
 */
import type { BotModule } from '../bot/module.js';
import { assessmentModule } from './assessment/index.js';
import { commentsModule, streamYearComments } from './comments/index.js';
import { pledgeLedger, pledgesModule, streamYearLines } from './pledges/index.js';
import type { AssessmentSources } from './ports.js';
import { ratingsModule, streamYearRatings } from './ratings/index.js';
import { recordsAccess, recordsModule, streamYearRecords } from './records/index.js';
import { selectionsModule, streamYearHonours } from './selections/index.js';
import { streamYearSurveyResults, surveysModule } from './surveys/index.js';

/** The year-wide reads the year-end assessment folds (one stream per collection). */
export const ASSESSMENT_SOURCES: AssessmentSources = {
  ledgerLines: streamYearLines,
  ratings: streamYearRatings,
  records: streamYearRecords,
  comments: streamYearComments,
  surveyResults: streamYearSurveyResults,
  honours: streamYearHonours,
};

export const REGIME_MODULES: readonly BotModule[] = [
  pledgesModule,
  recordsModule({ ledger: pledgeLedger }),
  ratingsModule({ ledger: pledgeLedger }),
  commentsModule({ ledger: pledgeLedger, records: recordsAccess }),
  surveysModule,
  selectionsModule,
  assessmentModule({ sources: ASSESSMENT_SOURCES }),
];
