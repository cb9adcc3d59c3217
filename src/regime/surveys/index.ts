/**
 * 群众评议 (mass satisfaction survey): opened by the secretary with a work report, answered anonymously in
 * the evaluators' group (or by a one-time web link), closed at the deadline with results to the branch
 * group and the office channel. The year-end assessment reads `surveyResultsFor`.
 */
import type { Connection } from 'mongoose';
import type { BotModule } from '../../bot/module.js';
import type { YearSurveyResult } from '../ports.js';
import { surveyActions } from './survey-actions.js';
import { surveyCommand } from './survey-commands.js';
import { surveyCloseJob, surveyOpenJob } from './survey-jobs.js';
import { surveyPages } from './survey-page.js';
import type { Survey, TargetResult } from './survey.entity.js';
import { surveys } from './survey.repository.js';
import { branchScope } from '../year-scope.js';

export const surveysModule: BotModule = {
  name: 'surveys',
  commands: [surveyCommand],
  actions: surveyActions,
  jobs: [surveyOpenJob, surveyCloseJob],
  http: surveyPages,
};

export { SURVEY_PERMISSIONS } from './permissions.js';
export { tally, percent } from './tally.js';
export { CHOICES, CHOICE_NAMES, DEFAULT_QUORUM } from './survey.entity.js';
export type { Choice, Survey, SurveyTarget, TargetResult } from './survey.entity.js';

export interface SurveyResultSummary {
  surveyId: string;
  branchId: string;
  /** 2026-H1 */
  period: string;
  respondents: number;
  belowQuorum: boolean;
  results: TargetResult[];
}

/**
 * The closed surveys of a branch in a year, with results per target (`id` 'branch' for the branch itself,
 * else a member's open_id), for the year-end assessment. Optionally only one target's rows.
 */
export async function surveyResultsFor(
  conn: Connection,
  q: { branchId: string; year: number; targetId?: string },
): Promise<SurveyResultSummary[]> {
  const closed: Survey[] = await surveys(conn)
    .find({ branchId: q.branchId, status: 'closed', period: { $in: [`${q.year}-H1`, `${q.year}-H2`] } })
    .sort({ period: 1 })
    .toArray();
  return closed.map((s) => ({
    surveyId: s._id,
    branchId: s.branchId,
    period: s.period,
    respondents: s.respondents ?? 0,
    belowQuorum: s.belowQuorum ?? false,
    results: (s.results ?? []).filter((r) => q.targetId === undefined || r.id === q.targetId),
  }));
}
export { surveySummaryTable } from './export-table.js';

/**
 * Every target's result in the closed surveys of these branches in a year, streamed (the year-end
 * assessment's one read of the surveys): one survey document per branch and half year.
 */
export async function* streamYearSurveyResults(
  conn: Connection,
  q: { branchIds: readonly string[]; year: number },
): AsyncIterable<YearSurveyResult> {
  const scope = branchScope(q.branchIds);
  const cursor = surveys(conn).find(
    {
      ...scope.filter,
      status: 'closed',
      period: { $in: [`${q.year}-H1`, `${q.year}-H2`] },
    },
    { projection: { _id: 0, branchId: 1, period: 1, results: 1 } },
  );
  for await (const s of cursor) {
    if (!scope.keep(s.branchId)) continue;
    for (const r of s.results ?? []) {
      const { satisfied, basic, unsatisfied, total } = r;
      yield { branchId: s.branchId, period: s.period, targetId: r.id, satisfied, basic, unsatisfied, total };
    }
  }
}
