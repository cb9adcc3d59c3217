/**
 * The regime's capabilities, one BotModule each: 一诺 pledges, 三评 comments / surveys / selections,
 * 三公开 ratings / records / briefings, and the year-end assessment. Each comes as its own issue and is
 * added to this list; their `jobs` bind handlers to the default calendar (src/schedule/default-calendar.ts).
 */
import type { BotModule } from '../bot/module.js';
import { boardModule } from './board/index.js';
import { commentEntry, commentRegisterTable, commentsAccess, commentsModule } from './comments/index.js';
import { disclosuresModule } from './disclosures/index.js';
import { exportsModule } from './exports/index.js';
import { pledgeLedger, pledgeLedgerTable, pledgesModuleWith } from './pledges/index.js';
import { monthlyRatingTable, ratingsAccess, ratingsModule } from './ratings/index.js';
import { recordsAccess, recordsModule } from './records/index.js';
import { honoursFor, selectionsModule } from './selections/index.js';
import { surveyResultsFor, surveySummaryTable, surveysModule } from './surveys/index.js';

export const REGIME_MODULES: readonly BotModule[] = [
  pledgesModuleWith({ comments: commentEntry }),
  recordsModule({ ledger: pledgeLedger }),
  ratingsModule({ ledger: pledgeLedger }),
  commentsModule({ ledger: pledgeLedger, records: recordsAccess }),
  surveysModule,
  selectionsModule,
  boardModule,
  // 导出: each table as offices file it, declared by the module that owns its data (年终考核表 to come).
  exportsModule({
    tables: [pledgeLedgerTable, commentRegisterTable, surveySummaryTable, monthlyRatingTable],
  }),
  disclosuresModule({
    ledger: { ...pledgeLedger, linesOf: pledgeLedger.linesOf! },
    ratings: ratingsAccess,
    comments: commentsAccess,
    surveys: surveyResultsFor,
    honours: honoursFor,
  }),
];
