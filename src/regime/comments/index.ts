/**
 * 领导点评 (leader comments): prompts each quarter, half year and year end, the two-page comment form,
 * the register (点评情况登记表), publication with acknowledgement, and the things to put right followed up
 * until done. The public surface: the module factory and the year-end assessment's read.
 */
import type { BotModule } from '../../bot/module.js';
import { commentCommands, listActions } from './commands.js';
import type { CommentDeps } from './facts.js';
import { followActions, progressReply } from './follow-actions.js';
import { formActions } from './form-actions.js';
import { commentJobs } from './jobs.js';

export { commentsReceived, streamYearComments, type ReceivedComment } from './register.js';
export { COMMENT_PERMISSIONS } from './shared.js';
export type { CommentDeps } from './facts.js';
export type { Comment, CommentKind, FollowUpItem, Grade } from './comment.entity.js';

export function commentsModule(deps: CommentDeps): BotModule {
  return {
    name: 'comments',
    commands: commentCommands(deps),
    actions: { ...formActions(deps), ...followActions, ...listActions },
    replies: { 'comment.progress': progressReply },
    jobs: commentJobs,
  };
}
