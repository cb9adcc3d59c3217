/** A Party branch (支部). Its calendar settings are read by the scheduler (src/schedule/). */
export interface Branch {
  /** Short stable id (slug) from the organisation file, e.g. `zx-1`. */
  id: string;
  name: string;
  /** The Organisation it belongs to. */
  orgId: string;
  /** IANA zone; absent → the deployment's APP_TIMEZONE (Asia/Shanghai). */
  timezone?: string;
  calendar?: BranchCalendar;
  /** False once the branch is no longer in the organisation file; never deleted. */
  active: boolean;
}

/** Overrides of the default calendar; the scheduler owns the defaults and the job names. */
export interface BranchCalendar {
  /** Local 'HH:mm' window in which reminders may be delivered. */
  quietHours?: { start: string; end: string };
  /** Per job name: a cron rule replacing the default, or `enabled: false` to switch the job off. */
  jobs?: Record<string, { cron?: string; enabled?: boolean }>;
}
