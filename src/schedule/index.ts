/**
 * The calendar and scheduler, as the rest of the bot uses them: declare jobs against the default calendar
 * (`defineJob`), list them in a BotModule's `jobs`, and let `createScheduler` run each once per branch and
 * period; `scheduleModule` adds the 日程 / schedule command.
 */
export {
  DEFAULT_CALENDAR,
  calendarEntry,
  defineJob,
  type CalendarEntry,
  type CalendarJobName,
} from './default-calendar.js';
export type {
  BranchCalendar,
  JobContext,
  JobDefinition,
  JobPeriodKind,
  ListBranches,
  RunTrigger,
  ScheduleBranch,
} from './job.js';
export { cronProblem, parseCron, CronError } from './cron.js';
export {
  createScheduler,
  type Scheduler,
  type SchedulerOptions,
  type TriggerResult,
  type TickReport,
} from './runner.js';
export {
  scheduleModule,
  type ScheduleAccess,
  type ScheduleAuditEntry,
  type AccessDecision,
} from './module.js';
export { RUNS_COLLECTION, type JobRun, type RunStatus } from './run-store.js';
