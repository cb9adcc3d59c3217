/**
 * 「下一步」: the next moment the demo branches' calendar does something — the soonest delivery among the
 * scheduled jobs of every branch, as 日程 shows them (holidays and quiet hours included). Before any regime
 * capability has registered a job there is nothing to run, so the default calendar's own dates are used: the
 * clock still walks the year step by step.
 */
import { DEFAULT_CALENDAR } from '../../schedule/index.js';
import { nextRun, parseCron } from '../../schedule/cron.js';
import type { Scheduler } from '../../schedule/index.js';

export interface NextStep {
  at: Date;
  /** What happens then, in Chinese (the job's summary). */
  summary: string;
  /** The branch it concerns, when a scheduled job decided. */
  branchName?: string;
}

export async function findNextStep(o: {
  scheduler: Scheduler;
  branchIds: readonly string[];
  now: Date;
  timezone: string;
}): Promise<NextStep | null> {
  const found: NextStep[] = [];
  let anyJob = false;
  for (const id of o.branchIds) {
    const view = await o.scheduler.upcoming(id);
    if (!view) continue;
    for (const r of view.runs) {
      anyJob = true;
      if (!r.enabled || !r.next || r.next.deliverAt <= o.now) continue;
      found.push({ at: r.next.deliverAt, summary: r.job.summary, branchName: view.branch.name });
    }
  }
  if (!anyJob) {
    // Strictly after now: a step that lands on this very minute must not be found again.
    const after = new Date(o.now.getTime() + 60_000);
    for (const e of DEFAULT_CALENDAR) {
      const at = nextRun(parseCron(e.cron), after, o.timezone);
      if (at) found.push({ at, summary: e.summary });
    }
  }
  found.sort((a, b) => a.at.getTime() - b.at.getTime());
  return found[0] ?? null;
}
