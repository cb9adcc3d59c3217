/**
 * 日常记实, the monthly record: every member tells what they did each month, inside the reminder card in
 * private chat; non-responders are chased privately; the month closes on the 3rd, and the secretary can
 * reopen one member's month (补录). The pledge ledger is a dependency: ticking an item in the record is its
 * 销号; without a ledger the form simply has no pledge list.
 */
import type { BotModule } from '../../bot/module.js';
import type { LedgerAccess } from '../ports.js';
import { recordActions } from './actions.js';
import { recordCommands } from './commands.js';
import { recordJobs } from './jobs.js';

export { recordsAccess } from './access.js';
export { streamYearRecords } from './records.repository.js';
export { RECORD_PERMISSIONS } from './permissions.js';
export type { MonthRecord, RecordMonth } from './record.entity.js';

export function recordsModule(deps: { ledger?: LedgerAccess }): BotModule {
  return {
    name: 'records',
    actions: recordActions(deps),
    commands: recordCommands(deps),
    jobs: recordJobs(deps),
  };
}
