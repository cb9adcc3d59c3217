/**
 * What the public board (公开栏) of a branch shows, read from each capability's published data only: the
 * pledges in force with their ledger, the disclosed months, the published comments, the closed surveys,
 * the honours, and the disclosure archive's titles. Names stand for people; open_ids never leave here.
 */
import type { Connection } from 'mongoose';
import { listDisclosures } from '../../bot/disclosures.js';
import { findPeople, type Branch } from '../../org/index.js';
import { localDate, zonedToInstant } from '../../schedule/calendar.js';
import { publishedComments, type PublishedComment } from '../comments/index.js';
import { publishedPledges, type PublishedLine } from '../pledges/index.js';
import type { LedgerProgress } from '../ports.js';
import { disclosedMonths, type DisclosedMonth } from '../ratings/index.js';
import { honoursFor } from '../selections/index.js';
import { surveyResultsFor, type SurveyResultSummary } from '../surveys/index.js';

export interface BoardPledge {
  kind: 'branch' | 'member';
  ownerName: string;
  /** YYYY-MM-DD the revision in force was approved (亮诺). */
  publishedOn: string;
  revision: number;
  progress: LedgerProgress;
  lines: BoardLine[];
}

/** A ledger line with the day it was ticked off, in the branch's zone. */
export type BoardLine = PublishedLine & { fulfilledOn?: string };

export interface BranchBoard {
  branch: Pick<Branch, 'id' | 'name' | 'orgId' | 'active'>;
  year: number;
  /** The current year in the branch's zone. */
  thisYear: number;
  /** YYYY-MM-DD in the branch's zone: what 逾期 is judged against. */
  today: string;
  tz: string;
  pledges: BoardPledge[];
  totals: LedgerProgress;
  months: DisclosedMonth[];
  comments: PublishedComment[];
  surveys: SurveyResultSummary[];
  honours: Array<{ name: string; honour: string; commendedOn: string }>;
  timeline: Array<{ title: string; on: string }>;
}

export interface BoardQuery {
  branch: Branch;
  year: number;
  now: Date;
  tz: string;
}

export function countProgress(lines: readonly Pick<PublishedLine, 'status'>[]): LedgerProgress {
  const c = { total: lines.length, fulfilled: 0, open: 0, overdue: 0 };
  for (const l of lines) c[l.status]++;
  return c;
}

async function boardPledges(conn: Connection, q: BoardQuery, today: string): Promise<BoardPledge[]> {
  const pledges = await publishedPledges(conn, { branchId: q.branch.id, year: q.year, today });
  const people = await findPeople(
    conn,
    pledges.filter((p) => p.kind === 'member').map((p) => p.ownerId),
  );
  const names = new Map(people.map((p) => [p.openId, p.name]));
  return pledges
    .map((p) => ({
      kind: p.kind,
      ownerName: p.kind === 'branch' ? q.branch.name : (names.get(p.ownerId) ?? '（已离开的党员）'),
      publishedOn: localDate(p.approvedAt, q.tz),
      revision: p.revision,
      progress: countProgress(p.lines),
      lines: p.lines.map((l) => ({
        ...l,
        ...(l.fulfilledAt && { fulfilledOn: localDate(l.fulfilledAt, q.tz) }),
      })),
    }))
    .sort((a, b) =>
      a.kind === b.kind ? a.ownerName.localeCompare(b.ownerName, 'zh-CN') : a.kind === 'branch' ? -1 : 1,
    );
}

/** The archive's sent disclosures of the year, one line per title (a card sent to two chats is one). */
async function timeline(conn: Connection, q: BoardQuery): Promise<BranchBoard['timeline']> {
  const from = zonedToInstant({ year: q.year, month: 1, day: 1, hour: 0, minute: 0 }, q.tz);
  const to = zonedToInstant({ year: q.year + 1, month: 1, day: 1, hour: 0, minute: 0 }, q.tz);
  const records = await listDisclosures(conn.db!, { branchId: q.branch.id, from, to, limit: 200 });
  const seen = new Set<string>();
  const out: BranchBoard['timeline'] = [];
  for (const r of records) {
    if (!r.sentAt || seen.has(r.title)) continue;
    seen.add(r.title);
    out.push({ title: r.title, on: localDate(r.sentAt, q.tz) });
  }
  return out;
}

export async function loadBranchBoard(conn: Connection, q: BoardQuery): Promise<BranchBoard> {
  const today = localDate(q.now, q.tz);
  const branchId = q.branch.id;
  const [pledges, months, comments, surveys, honours, archive] = await Promise.all([
    boardPledges(conn, q, today),
    disclosedMonths(conn, { branchId, year: q.year, now: q.now }),
    publishedComments(conn, { branchId, year: q.year, now: q.now }),
    surveyResultsFor(conn, { branchId, year: q.year }),
    honoursFor(conn, { year: q.year, branchId }),
    timeline(conn, q),
  ]);
  return {
    branch: { id: q.branch.id, name: q.branch.name, orgId: q.branch.orgId, active: q.branch.active },
    year: q.year,
    thisYear: Number(today.slice(0, 4)),
    today,
    tz: q.tz,
    pledges,
    totals: countProgress(pledges.flatMap((p) => p.lines)),
    months,
    comments,
    surveys,
    honours: honours.map((h) => ({
      name: h.name,
      honour: h.honour,
      commendedOn: localDate(h.commendedAt, q.tz),
    })),
    timeline: archive,
  };
}
