/**
 * 年终考核, the year-end assessment: in January each branch's year is added up for every member — pledge
 * items fulfilled on time, late or not at all, the twelve monthly ratings, records, comments received,
 * the 群众评议 satisfaction and honours — scored with the organisation's weights (考核权重) and ranked.
 * The secretary gets the ranked sheet (考核) and confirms its 公示 as for the monthly rating; members may
 * object during the notice period; the result is final when it ends. The reviewer gets the summary.
 */
import type { BotModule } from '../../bot/module.js';
import type { AssessmentSources } from '../ports.js';
import { assessmentActions } from './actions.js';
import { assessmentCommands } from './commands.js';
import { assessmentJobs } from './jobs.js';
import { objectionActions } from './objections.js';
import { weightActions } from './weight-actions.js';

export { assessmentTable } from './export-table.js';
export { buildAssessments, type BuildResult } from './build.js';
export { DEFAULT_WEIGHTS, type Weights } from './weights.js';
export type { AssessmentYear, MemberAssessment } from './assessment.entity.js';

export interface AssessmentDeps {
  sources: AssessmentSources;
}

export function assessmentModule(deps: AssessmentDeps): BotModule {
  return {
    name: 'assessment',
    commands: assessmentCommands(deps),
    actions: { ...assessmentActions(deps), ...objectionActions, ...weightActions },
    jobs: assessmentJobs(deps),
  };
}
