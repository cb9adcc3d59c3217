/** 一诺 as a BotModule: drafting, review, 亮诺, the ledger, suggestions and the calendar's pledge jobs. */
import { PLEDGE_ACTIONS as A } from '../../../cards/pledge-actions.js';
import type { BotModule } from '../../bot/module.js';
import { pledgeCommands } from './commands.js';
import { draftActions } from './drafting.js';
import { EVIDENCE_TOPIC, evidenceReply } from './evidence.js';
import { pledgeJobs } from './jobs.js';
import { ledgerActions, ledgerPageAction } from './ledger-actions.js';
import type { LedgerCardDeps } from './ledger-views.js';
import { reviewActions } from './review.js';
import { suggestionActions } from './suggestions.js';

/** `comments`: the 点评 entry 台账 shows beside each person (src/regime/ports.ts, CommentEntry). */
export const pledgesModuleWith = (deps: LedgerCardDeps): BotModule => ({
  name: 'pledges',
  commands: pledgeCommands(deps),
  jobs: pledgeJobs,
  replies: { [EVIDENCE_TOPIC]: evidenceReply },
  actions: {
    [A.edit]: draftActions.edit,
    [A.save]: draftActions.save,
    [A.remove]: draftActions.remove,
    [A.submit]: draftActions.submit,
    [A.revise]: draftActions.revise,
    [A.approve]: reviewActions.approve,
    [A.reject]: reviewActions.reject,
    [A.openReview]: reviewActions.openReview,
    [A.mine]: ledgerActions.mine,
    [A.tick]: ledgerActions.tick,
    [A.tickSubmit]: ledgerActions.tickSubmit,
    [A.confirm]: ledgerActions.confirm,
    [A.reopen]: ledgerActions.reopen,
    [A.ledger]: ledgerPageAction(deps),
    [A.suggest]: suggestionActions.suggest,
    [A.suggestions]: suggestionActions.suggestions,
    [A.take]: suggestionActions.take,
  },
});

export const pledgesModule: BotModule = pledgesModuleWith({});
