/**
 * 组织评选 around 1 July: nominations, candidate list, vote, result with tie-break, 公示 with objections,
 * commendation. The year-end assessment reads `honoursFor`.
 */
import type { Connection } from 'mongoose';
import type { BotModule } from '../../bot/module.js';
import type { YearHonour } from '../ports.js';
import type { HonourRecord } from './selection.entity.js';
import { honours } from './selection.repository.js';
import { selectionActions } from './selection-actions.js';
import { selectionCommand } from './selection-commands.js';
import { selectionCommendJob, selectionNominateJob, selectionVoteJob } from './selection-jobs.js';
import { branchScope } from '../year-scope.js';

export const selectionsModule: BotModule = {
  name: 'selections',
  commands: [selectionCommand],
  actions: selectionActions,
  jobs: [selectionNominateJob, selectionVoteJob, selectionCommendJob],
};

export { SELECTION_PERMISSIONS } from './permissions.js';
export { countVotes, type HonourCount } from './selection-tally.js';
export { DEFAULT_HONOURS } from './selection.entity.js';
export type { Honour, HonourRecord, Selection } from './selection.entity.js';

/** Honours received in a year, per member (`openId`) or per branch, for the year-end assessment. */
export function honoursFor(
  conn: Connection,
  q: { year: number; openId?: string; branchId?: string },
): Promise<HonourRecord[]> {
  return honours(conn)
    .find({
      year: q.year,
      ...(q.openId ? { openId: q.openId } : {}),
      ...(q.branchId ? { branchId: q.branchId } : {}),
    })
    .sort({ branchId: 1, honourId: 1, name: 1 })
    .toArray();
}

/** Every honour received in these branches in a year, streamed (the year-end assessment's one read). */
export async function* streamYearHonours(
  conn: Connection,
  q: { branchIds: readonly string[]; year: number },
): AsyncIterable<YearHonour> {
  const scope = branchScope(q.branchIds);
  const cursor = honours(conn).find(
    { year: q.year, ...scope.filter },
    { projection: { _id: 0, branchId: 1, openId: 1, honour: 1 } },
  );
  for await (const h of cursor)
    if (scope.keep(h.branchId)) yield { branchId: h.branchId, openId: h.openId, honour: h.honour };
}
