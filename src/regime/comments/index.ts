/**
 * 领导点评 (leader comments): prompts each quarter, half year and year end, the two-page comment form,
 * the register (点评情况登记表), publication to the chosen scope with acknowledgement, and the things to
 * put right followed up until done. The public surface: the module factory, the 点评 button other modules'
 * cards carry (`commentEntry`, a CommentEntry port) and the year-end assessment's read.
 */
import type { BotModule } from '../../bot/module.js';
import { commentCommands, listActions } from './commands.js';
import type { CommentDeps } from './facts.js';
import { followActions, progressReply } from './follow-actions.js';
import { formActions } from './form-actions.js';
import { START_ACTION, startAction } from './entry.js';
import { commentJobs } from './jobs.js';
import { scopeAction, scopeCommand } from './scope-actions.js';

export { commentEntry } from './entry.js';
export { commentsAccess } from './access.js';
export { commentsReceived, streamYearComments, type ReceivedComment } from './register.js';
export { publishedComments, type PublishedComment } from './published.js';
export { COMMENT_PERMISSIONS } from './shared.js';
export type { CommentDeps } from './facts.js';
export type { Comment, CommentKind, FollowUpItem, Grade } from './comment.entity.js';

export function commentsModule(deps: CommentDeps): BotModule {
  return {
    name: 'comments',
    commands: [...commentCommands(deps), scopeCommand],
    actions: {
      ...formActions(deps),
      ...followActions,
      ...listActions,
      'comment.scope': scopeAction,
      [START_ACTION]: startAction(deps),
    },
    replies: { 'comment.progress': progressReply },
    jobs: commentJobs,
  };
}
export { commentRegisterTable } from './export-table.js';
