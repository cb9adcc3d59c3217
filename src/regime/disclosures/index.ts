/**
 * 三公开 — disclosures: the office channel's digests on the calendar (monthly, quarterly, half-yearly,
 * annual; 点线面: the channel's branches together, each branch, each member), the 督促通报 a secretary posts
 * any time (`通报`), and the archive of everything disclosed (`公开记录`). It reads its siblings' data only
 * through the ports (src/regime/ports.ts) wired in src/regime/index.ts.
 */
import type { BotModule } from '../../bot/module.js';
import { archiveCommand } from './archive.js';
import { briefingActions, briefingCommand } from './briefing.js';
import type { DisclosureDeps } from './deps.js';
import { digestJobs } from './digest-jobs.js';

export type { DisclosureDeps } from './deps.js';
export { DISCLOSURE_PERMISSIONS } from './permissions.js';

export function disclosuresModule(deps: DisclosureDeps): BotModule {
  return {
    name: 'disclosures',
    commands: [briefingCommand(deps), archiveCommand],
    actions: briefingActions(deps),
    jobs: digestJobs(deps),
  };
}
