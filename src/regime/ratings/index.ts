/**
 * 上评下议, the monthly rating: the secretary rates every member on the branch's scale (part-way saves),
 * confirms publication, and the branch group gets 党员每月公开记实 with the ratings, the office channel a
 * digest. During the notice period (公示) a member may object; the secretary keeps or changes the grade with
 * a reason (a changed grade is corrected on the group's card); the rating is final when the period ends.
 * The branch's scale (评定等次) is its own to set (./scale.ts).
 */
import type { BotModule } from '../../bot/module.js';
import { ratingActions } from './actions.js';
import { ratingCommands } from './commands.js';
import { ratingJobs } from './jobs.js';
import { objectionActions } from './objections.js';
import { ratingScaleCommand } from './scale-command.js';
import type { RatingDeps } from './sheet.js';

export { disclosedMonths, type DisclosedMonth } from './disclosed.js';
export { ratingsAccess } from './access.js';
export { RATING_SCALE, NOTICE_DAYS, type Rating, type RatingMonth } from './rating.entity.js';
export { streamYearRatings } from './ratings.repository.js';

/** `comments`: the 点评 entry the 评定 sheet shows beside each member (src/regime/ports.ts, CommentEntry). */
export function ratingsModule(deps: RatingDeps): BotModule {
  return {
    name: 'ratings',
    actions: { ...ratingActions(deps), ...objectionActions(deps) },
    commands: [...ratingCommands(deps), ratingScaleCommand],
    jobs: ratingJobs(deps),
  };
}
export { monthlyRatingTable } from './export-table.js';
