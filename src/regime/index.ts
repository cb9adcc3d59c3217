/**
 * The regime's capabilities, one BotModule each: 一诺 pledges, 三评 comments / surveys / selections,
 * 三公开 ratings / records / briefings, and the year-end assessment. Each comes as its own issue and is
 * added to this list; their `jobs` bind handlers to the default calendar (src/schedule/default-calendar.ts).
 */
import type { BotModule } from '../bot/module.js';
import { assessmentModule, assessmentTable } from './assessment/index.js';
import { boardModule } from './board/index.js';
import {
  commentEntry,
  commentRegisterTable,
  commentsAccess,
  commentsModule,
  streamYearComments,
} from './comments/index.js';
import { disclosuresModule } from './disclosures/index.js';
import { exportsModule } from './exports/index.js';
import { pledgeLedger, pledgeLedgerTable, pledgesModuleWith, streamYearLines } from './pledges/index.js';
import type { AssessmentSources } from './ports.js';
import { monthlyRatingTable, ratingsAccess, ratingsModule, streamYearRatings } from './ratings/index.js';
import { recordsAccess, recordsModule, streamYearRecords } from './records/index.js';
import { honoursFor, selectionsModule, streamYearHonours } from './selections/index.js';
import {
  streamYearSurveyResults,
  surveyResultsFor,
  surveySummaryTable,
  surveysModule,
} from './surveys/index.js';

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
  pledgesModuleWith({ comments: commentEntry }),
  recordsModule({ ledger: pledgeLedger }),
  ratingsModule({ ledger: pledgeLedger, comments: commentEntry }),
  commentsModule({ ledger: pledgeLedger, records: recordsAccess }),
  surveysModule,
  selectionsModule,
  boardModule,
  // 导出: each table as offices file it, declared by the module that owns its data .
  exportsModule({
    tables: [
      pledgeLedgerTable,
      commentRegisterTable,
      surveySummaryTable,
      monthlyRatingTable,
      assessmentTable,
    ],
  }),
  disclosuresModule({
    ledger: { ...pledgeLedger, linesOf: pledgeLedger.linesOf! },
    ratings: ratingsAccess,
    comments: commentsAccess,
    surveys: surveyResultsFor,
    honours: honoursFor,
  }),
  assessmentModule({ sources: ASSESSMENT_SOURCES }),
];
