/**
 * 一诺 — pledges: what the rest of the bot uses. The module (commands, card actions, jobs), and the ledger
 * as the monthly record and comments reach it (LedgerAccess, src/regime/ports.ts).
 */
export { pledgesModule, pledgesModuleWith } from './module.js';
export { pledgeLedger } from './ledger.js';
export { publishedPledges, type PublishedPledge, type PublishedLine } from './published.js';

export { streamYearLines } from './ledger.repository.js';
export { PLEDGE_PERMISSIONS } from './access.js';
export { MEMBER_THEMES, BRANCH_THEMES } from './themes.js';
export { checkQuality, type QualityProblem } from './quality.js';
export type { Pledge, PledgeItem, ReviewRound, PublishedRevision } from './pledge.entity.js';
export { pledgeLedgerTable } from './export-table.js';
