/**
 * The regime's capabilities, one BotModule each: 一诺 pledges, 三评 comments / surveys / selections,
 * 三公开 ratings / records / briefings, and the year-end assessment. Each comes as its own issue and is
 * added to this list; their `jobs` bind handlers to the default calendar (src/schedule/default-calendar.ts).
 */
import type { BotModule } from '../bot/module.js';
import { ratingsModule } from './ratings/index.js';
import { recordsModule } from './records/index.js';

// The pledge ledger (LedgerAccess) is wired in at merge: recordsModule({ ledger: pledgeLedger }).
export const REGIME_MODULES: readonly BotModule[] = [recordsModule({}), ratingsModule({})];
