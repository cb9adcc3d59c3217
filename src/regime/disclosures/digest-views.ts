/**
 * The digests' view data, built from what the siblings stored (through the ports): one function per
 * digest, covering the branches an office channel serves. Only what was disclosed is counted — grades of a
 * month the secretary has not published, or a survey still open, are left out.
 */
import type { Connection } from 'mongoose';
import type { BranchMonth, MonthDigestView } from '../../../cards/digest-month.js';
import type { BranchQuarter, QuarterDigestView } from '../../../cards/digest-quarter.js';
import type { BranchHalf, HalfDigestView } from '../../../cards/digest-half-year.js';
import type { BranchYear, YearDigestView } from '../../../cards/digest-year.js';
import { periodBounds } from '../../schedule/period.js';
import { RATING_SCALE } from '../ratings/index.js';
import type { DisclosureDeps } from './deps.js';
import { countBy, linesByOwner, progressOf } from './count.js';
import { monthsOf, periodLabel, yearOfPeriod } from './periods.js';

export interface DigestScope {
  conn: Connection;
  deps: DisclosureDeps;
  branches: ReadonlyArray<{ id: string; name: string }>;
  /** The period key: 2026-03, 2026-Q1, 2026-H1, 2026. */
  period: string;
  tz: string;
  now: Date;
}

const distribution = (grades: readonly (string | undefined)[]) =>
  RATING_SCALE.map((grade) => ({ grade, count: grades.filter((g) => g === grade).length }));

async function branchMonth(s: DigestScope, b: { id: string; name: string }): Promise<BranchMonth> {
  const { start, end } = periodBounds(s.period, s.tz);
  const [sheet, closed] = await Promise.all([
    s.deps.ratings.monthSheet(s.conn, { branchId: b.id, month: s.period }),
    s.deps.ledger.fulfilledBetween(s.conn, { branchId: b.id, from: start, to: end }),
  ]);
  const closedBy = countBy(closed, (l) => l.ownerId);
  return {
    name: b.name,
    members: sheet.members.length,
    recorded: sheet.members.filter((m) => m.recorded).length,
    published: sheet.published,
    distribution: distribution(sheet.members.map((m) => m.grade)),
    closed: closed.length,
    people: sheet.members.map((m) => ({
      name: m.name,
      recorded: m.recorded,
      ...(m.late && { late: true }),
      ...(m.grade && { grade: m.grade }),
      closed: closedBy.get(m.openId) ?? 0,
    })),
  };
}

export async function monthDigest(s: DigestScope): Promise<MonthDigestView> {
  return {
    periodLabel: periodLabel(s.period),
    branches: await Promise.all(s.branches.map((b) => branchMonth(s, b))),
  };
}

async function branchQuarter(s: DigestScope, b: { id: string; name: string }): Promise<BranchQuarter> {
  const { start, end } = periodBounds(s.period, s.tz);
  const [lines, closed, comments, sheet] = await Promise.all([
    s.deps.ledger.linesOf(s.conn, { branchId: b.id, year: yearOfPeriod(s.period), now: s.now }),
    s.deps.ledger.fulfilledBetween(s.conn, { branchId: b.id, from: start, to: end }),
    s.deps.comments.commentsIn(s.conn, { branchIds: [b.id], from: start, to: end }),
    s.deps.ratings.monthSheet(s.conn, { branchId: b.id, month: monthsOf(s.period).at(-1)! }),
  ]);
  const owners = linesByOwner(lines);
  return {
    name: b.name,
    progress: progressOf(lines),
    closedInQuarter: closed.length,
    comments: {
      submitted: comments.length,
      published: comments.filter((c) => c.status === 'published').length,
      commenters: [...new Set(comments.map((c) => c.commenterName))],
    },
    people: sheet.members.map((m) => ({ name: m.name, ...progressOf(owners.get(m.openId) ?? []) })),
  };
}

export async function quarterDigest(s: DigestScope): Promise<QuarterDigestView> {
  return {
    periodLabel: periodLabel(s.period),
    branches: await Promise.all(s.branches.map((b) => branchQuarter(s, b))),
  };
}

async function branchHalf(s: DigestScope, b: { id: string; name: string }): Promise<BranchHalf> {
  const all = await s.deps.surveys(s.conn, { branchId: b.id, year: yearOfPeriod(s.period) });
  const survey = all.find((x) => x.period === s.period);
  if (!survey) return { name: b.name };
  const votes = (r: (typeof survey.results)[number]) => ({
    satisfied: r.satisfied,
    basic: r.basic,
    unsatisfied: r.unsatisfied,
    total: r.total,
  });
  const branch = survey.results.find((r) => r.kind === 'branch');
  return {
    name: b.name,
    survey: {
      respondents: survey.respondents,
      belowQuorum: survey.belowQuorum,
      ...(branch && { branch: votes(branch) }),
      members: survey.results.filter((r) => r.kind === 'member').map((r) => ({ name: r.name, ...votes(r) })),
    },
  };
}

export async function halfDigest(s: DigestScope): Promise<HalfDigestView> {
  return {
    periodLabel: periodLabel(s.period),
    branches: await Promise.all(s.branches.map((b) => branchHalf(s, b))),
  };
}

async function branchYear(s: DigestScope, b: { id: string; name: string }): Promise<BranchYear> {
  const year = yearOfPeriod(s.period);
  const { start, end } = periodBounds(s.period, s.tz);
  const [sheets, lines, comments, surveys, honours] = await Promise.all([
    Promise.all(
      monthsOf(s.period).map((month) => s.deps.ratings.monthSheet(s.conn, { branchId: b.id, month })),
    ),
    s.deps.ledger.linesOf(s.conn, { branchId: b.id, year, now: s.now }),
    s.deps.comments.commentsIn(s.conn, { branchIds: [b.id], from: start, to: end }),
    s.deps.surveys(s.conn, { branchId: b.id, year }),
    s.deps.honours(s.conn, { year, branchId: b.id }),
  ]);
  const rows = sheets.flatMap((sheet) => sheet.members);
  // The members in the branch at the year's end are the member lines; those who left still count above.
  const members = sheets.at(-1)?.members ?? [];
  const owners = linesByOwner(lines);
  const mine = (openId: string) => rows.filter((r) => r.openId === openId);
  return {
    name: b.name,
    records: { recorded: rows.filter((r) => r.recorded).length, expected: rows.length },
    grades: distribution(rows.map((r) => r.grade)),
    progress: progressOf(lines),
    comments: comments.length,
    surveys: surveys.flatMap((x) => {
      const t = x.results.find((r) => r.kind === 'branch');
      const label = x.period.endsWith('H1') ? '上半年' : '下半年';
      return t ? [{ label, approved: t.satisfied + t.basic, total: t.total }] : [];
    }),
    honours: honours.map((h) => ({ name: h.name, honour: h.honour })),
    people: members.map((m) => {
      const p = progressOf(owners.get(m.openId) ?? []);
      return {
        name: m.name,
        recorded: mine(m.openId).filter((r) => r.recorded).length,
        top: mine(m.openId).filter((r) => r.grade === RATING_SCALE[0]).length,
        fulfilled: p.fulfilled,
        total: p.total,
      };
    }),
  };
}

export async function yearDigest(s: DigestScope): Promise<YearDigestView> {
  return {
    periodLabel: periodLabel(s.period),
    topGrade: RATING_SCALE[0],
    branches: await Promise.all(s.branches.map((b) => branchYear(s, b))),
  };
}
