/**
 * The organisation's board (公开栏 · 机关): one headline per active branch, from the same published data
 * as each branch's own board — pledge progress, the latest disclosed month, comments published, the
 * branch's latest satisfaction and its honours — with a link to the branch's page.
 */
import type { Connection } from 'mongoose';
import { listBranches, type Branch, type Organisation } from '../../org/index.js';
import { localDate } from '../../schedule/calendar.js';
import { publishedComments } from '../comments/index.js';
import { publishedPledges } from '../pledges/index.js';
import type { LedgerProgress } from '../ports.js';
import { disclosedMonths, RATING_SCALE } from '../ratings/index.js';
import { honoursFor } from '../selections/index.js';
import { surveyResultsFor } from '../surveys/index.js';
import { countProgress } from './board-data.js';

export interface BranchHeadline {
  id: string;
  name: string;
  /** Members whose card is published (the branch book not counted). */
  cards: number;
  book: boolean;
  progress: LedgerProgress;
  latestMonth?: { label: string; grades: Array<{ grade: string; count: number }> };
  comments: number;
  /** The branch's own approval (满意 + 基本满意) in its latest closed survey of the year, 0..1. */
  approval?: { period: string; rate: number; belowQuorum: boolean };
  honours: string[];
}

export interface OrgBoard {
  org: Organisation;
  year: number;
  branches: BranchHeadline[];
}

async function headline(
  conn: Connection,
  b: Branch,
  q: { year: number; now: Date; tz: (b: Branch) => string },
): Promise<BranchHeadline> {
  const tz = q.tz(b);
  const [pledges, months, comments, surveys, honours] = await Promise.all([
    publishedPledges(conn, { branchId: b.id, year: q.year, today: localDate(q.now, tz) }),
    disclosedMonths(conn, { branchId: b.id, year: q.year, now: q.now, limit: 1 }),
    publishedComments(conn, { branchId: b.id, year: q.year, now: q.now }),
    surveyResultsFor(conn, { branchId: b.id, year: q.year, targetId: 'branch' }),
    honoursFor(conn, { year: q.year, branchId: b.id }),
  ]);
  const month = months[0];
  const survey = surveys.at(-1);
  const own = survey?.results[0];
  return {
    id: b.id,
    name: b.name,
    cards: pledges.filter((p) => p.kind === 'member').length,
    book: pledges.some((p) => p.kind === 'branch'),
    progress: countProgress(pledges.flatMap((p) => p.lines)),
    ...(month && {
      latestMonth: {
        label: month.label,
        grades: RATING_SCALE.map((grade) => ({
          grade,
          count: month.rows.filter((r) => r.grade === grade).length,
        })),
      },
    }),
    comments: comments.length,
    ...(survey &&
      own && {
        approval: { period: survey.period, rate: own.approvalRate, belowQuorum: survey.belowQuorum },
      }),
    honours: honours.map((h) => `${h.name}（${h.honour}）`),
  };
}

export async function loadOrgBoard(
  conn: Connection,
  q: { org: Organisation; year: number; now: Date; tz: (b: Branch) => string },
): Promise<OrgBoard> {
  const branches = await listBranches(conn, { orgId: q.org.id, active: true });
  return {
    org: q.org,
    year: q.year,
    branches: await Promise.all(branches.map((b) => headline(conn, b, q))),
  };
}
