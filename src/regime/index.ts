/**
 * The regime's capabilities, one BotModule each: 一诺 pledges, 三评 comments / surveys / selections,
 * 三公开 ratings / records / briefings, and the year-end assessment. Each comes as its own issue and is
 * added to this list; their `jobs` bind handlers to the default calendar (src/schedule/default-calendar.ts).
 */
import type { BotModule } from '../bot/module.js';
import { commentsAccess, commentsModule } from './comments/index.js';
import { disclosuresModule } from './disclosures/index.js';
import { pledgeLedger, pledgesModule } from './pledges/index.js';
import { ratingsAccess, ratingsModule } from './ratings/index.js';
import { recordsAccess, recordsModule } from './records/index.js';
import { honoursFor, selectionsModule } from './selections/index.js';
import { surveyResultsFor, surveysModule } from './surveys/index.js';

export const REGIME_MODULES: readonly BotModule[] = [
  pledgesModule,
  recordsModule({ ledger: pledgeLedger }),
  ratingsModule({ ledger: pledgeLedger }),
  commentsModule({ ledger: pledgeLedger, records: recordsAccess }),
  surveysModule,
  selectionsModule,
  disclosuresModule({
    ledger: { ...pledgeLedger, linesOf: pledgeLedger.linesOf! },
    ratings: ratingsAccess,
    comments: commentsAccess,
    surveys: surveyResultsFor,
    honours: honoursFor,
  }),
];
