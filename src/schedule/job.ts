/**
 * What a scheduled job is, what it gets when it runs, and the per-branch settings that shape when it runs.
 * Jobs are declared once (src/schedule/default-calendar.ts names them); a capability binds its handler to
 * an entry with `defineJob` and lists the result in its BotModule's `jobs`.
 */
import type { HandlerContext } from '../bot/context.js';
import type { QuietHours } from './calendar.js';
import type { PeriodKind } from './period.js';

/**
 * The period a job runs once in. The regime's periods (month, quarter, half, year; keys like 2026-11,
 * 2026-Q3, 2026-H2, 2026) plus ISO weeks (2026-W10) for weekly chasers such as March's pledge reminders.
 */
export type JobPeriodKind = PeriodKind | 'week';

/** How a run came about: the cron rule on time, the cron rule after downtime, or a person's button. */
export type RunTrigger = 'schedule' | 'catch-up' | 'manual';

/** A branch's calendar settings, in the shape the organisation module stores them on the branch. */
export interface BranchCalendar {
  /** Reminders go out only between start and end ('HH:mm', branch time); default 08:30–20:00. */
  quietHours?: QuietHours;
  /** Per job name: another cron rule, or `enabled: false` to switch the job off for this branch. */
  jobs?: Record<string, { cron?: string; enabled?: boolean }>;
}

/** A branch as the scheduler needs it; the organisation module's Branch fits this shape. */
export interface ScheduleBranch {
  id: string;
  name: string;
  /** IANA zone; default Asia/Shanghai (or the deployment's APP_TIMEZONE). */
  timezone?: string;
  calendar?: BranchCalendar;
}

export type ListBranches = () => Promise<readonly ScheduleBranch[]>;

/** The tools every run gets: the same as an event handler's, without an event. */
export type JobBaseContext = Omit<HandlerContext, 'eventId'>;

export interface JobContext extends JobBaseContext {
  branch: { id: string; name: string; timezone: string };
  /** The period this run is for (see JobDefinition.about); the job runs once per branch and period key. */
  periodKey: string;
  /** When the cron rule planned the run (for a manual run: when the button was pressed). */
  plannedAt: Date;
  /** When it was due: plannedAt, or for a reminder moved off a holiday / out of quiet hours, the moved time. */
  deliverAt: Date;
  /**
   * `${job}:${branch}:${period}`. Prefix outbox keys with it: a run retried after a crash or a failure then
   * sends nothing twice.
   */
  runKey: string;
  /** 1 for the first attempt. */
  attempt: number;
  trigger: RunTrigger;
}

export interface JobDefinition {
  /** Stable name, e.g. `record.remind`; the key in branch settings and in run records. */
  name: string;
  /** The regime step it serves, e.g. `record.remind` or `comment.quarterly`. */
  step: string;
  /** One line in Chinese for the 日程 list. */
  summary: string;
  /** Default five-field cron rule, read in the branch's time zone; a branch may override it. */
  cron: string;
  period: JobPeriodKind;
  /**
   * Which period a run is for: the one it fires in (default), or the one before — closing November's
   * records on 3 December is a run for 2026-11.
   */
  about?: 'current' | 'previous';
  /**
   * How many days late a missed run may still be made up (after downtime, or by retries). Default: until
   * its period ends. A yearly "start drafting pledges" reminder is no use in September.
   */
  catchUpDays?: number;
  /** Reminders move off non-working days to the next working day and wait for the end of quiet hours. */
  reminder?: boolean;
  run(ctx: JobContext): Promise<void>;
}
