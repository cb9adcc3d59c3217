/** Builds the cards the survey's handlers answer with, from what is stored. */
import type { Connection } from 'mongoose';
import { surveyManageCard } from '../../../cards/survey-manage.js';
import { surveyResultsCard } from '../../../cards/survey-results.js';
import { findBranch, findPeople } from '../../org/index.js';
import { currentHalf, periodLabel } from './open-survey.js';
import type { Survey } from './survey.entity.js';
import { countBallots, findOpenSurvey, listVoters } from './survey.repository.js';

export async function manageView(
  conn: Connection,
  branchId: string,
  now: Date,
  notice?: string,
  pending?: string[],
) {
  const open = await findOpenSurvey(conn, branchId);
  const branch = await findBranch(conn, branchId);
  if (!open)
    return surveyManageCard({
      state: 'none',
      branchId,
      branchName: branch?.name ?? branchId,
      periodLabel: periodLabel(currentHalf(now, branch?.timezone)),
      ...(notice ? { notice } : {}),
    });
  return surveyManageCard({
    state: 'open',
    surveyId: open._id,
    branchName: open.branchName,
    periodLabel: periodLabel(open.period),
    answered: await countBallots(conn, open._id),
    quorum: open.quorum,
    ...(notice ? { notice } : {}),
    ...(pending ? { pending } : {}),
  });
}

/** Who on the survey's list has not submitted (never what anyone chose). */
export async function pendingNames(conn: Connection, s: Survey): Promise<string[]> {
  const answered = new Set((await listVoters(conn, s._id)).filter((v) => v.ballotId).map((v) => v.voter));
  const ids = s.eligible.filter((id) => !answered.has(id));
  const names = new Map((await findPeople(conn, ids)).map((p) => [p.openId, p.name]));
  return ids
    .map((id) => names.get(id) ?? `未登记（${id.slice(-6)}）`)
    .sort((a, b) => a.localeCompare(b, 'zh-CN'));
}

export function resultsCardOf(s: Survey) {
  return surveyResultsCard({
    branchName: s.branchName,
    periodLabel: periodLabel(s.period),
    respondents: s.respondents ?? 0,
    quorum: s.quorum,
    belowQuorum: s.belowQuorum ?? false,
    results: s.results ?? [],
  });
}
