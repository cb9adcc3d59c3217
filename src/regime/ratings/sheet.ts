/** Builds the rating card (and the disclosure rows) for a branch's month from what is stored. */
import type { Connection } from 'mongoose';
import { RATING_PAGE_SIZE, ratingSheetCard } from '../../../cards/rating-sheet.js';
import type { CardJson } from '../../lark/client.js';
import { findBranch, listBranchPeople, type Person } from '../../org/index.js';
import type { CommentEntry, LedgerAccess } from '../ports.js';
import { monthLabel, yearOf } from '../records/months.js';
import type { MonthRecord } from '../records/record.entity.js';
import { findRecords } from '../records/records.repository.js';
import type { Rating } from './rating.entity.js';
import { findRatingMonth, findRatings } from './ratings.repository.js';
import { branchScale, gradeCounts } from './scale.js';

export interface RatingDeps {
  ledger?: LedgerAccess | undefined;
  /** The 点评 entry the sheet shows beside each member the viewer comments on (src/regime/ports.ts). */
  comments?: CommentEntry | undefined;
}

export interface MonthState {
  branchName: string;
  members: Person[];
  records: Map<string, MonthRecord>;
  ratings: Map<string, Rating>;
  /** The branch's rating scale, best first (./scale.ts). */
  scale: readonly string[];
}

export async function loadMonth(conn: Connection, branchId: string, month: string): Promise<MonthState> {
  const members = await listBranchPeople(conn, branchId);
  const ids = members.map((m) => m.openId);
  const [branch, records, ratings, scale] = await Promise.all([
    findBranch(conn, branchId),
    findRecords(conn, branchId, month, ids),
    findRatings(conn, branchId, month, ids),
    branchScale(conn, branchId),
  ]);
  return { branchName: branch?.name ?? branchId, members, records, ratings, scale };
}

/** How many got each grade, in the branch's scale's order. */
export function distribution(ratings: Iterable<Rating>, scale: readonly string[]) {
  return gradeCounts(
    scale,
    [...ratings].map((r) => r.grade),
  );
}

/** '12月9日 09:00' in the branch's zone. */
export function formatInstant(at: Date, tz: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: tz,
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return `${p['month']}月${p['day']}日 ${p['hour']}:${p['minute']}`;
}

export async function ratingSheet(
  conn: Connection,
  deps: RatingDeps,
  q: { branchId: string; month: string; page: number; tz: string; viewer: string; overdue?: boolean },
): Promise<CardJson> {
  const s = await loadMonth(conn, q.branchId, q.month);
  const published = await findRatingMonth(conn, q.branchId, q.month);
  const pages = Math.max(1, Math.ceil(s.members.length / RATING_PAGE_SIZE));
  const page = Math.min(Math.max(0, q.page), pages - 1);
  const onPage = s.members.slice(page * RATING_PAGE_SIZE, (page + 1) * RATING_PAGE_SIZE);
  const commentOn = deps.comments ? await deps.comments.buttonsFor(conn, q.viewer) : () => undefined;
  const rows = await Promise.all(
    onPage.map(async (m) => {
      const record = s.records.get(m.openId);
      const rating = s.ratings.get(m.openId);
      const progress = deps.ledger
        ? await deps.ledger.progress(conn, { branchId: q.branchId, ownerId: m.openId, year: yearOf(q.month) })
        : undefined;
      return {
        openId: m.openId,
        name: m.name,
        record: record?.text,
        late: record?.late,
        progress:
          progress && progress.total > 0 ? `承诺 ${progress.fulfilled}/${progress.total} 已兑现` : undefined,
        grade: rating?.grade,
        note: rating?.note,
        comment: commentOn({ type: 'member', id: m.openId }),
      };
    }),
  );
  return ratingSheetCard({
    branchId: q.branchId,
    branchName: s.branchName,
    month: q.month,
    monthLabel: monthLabel(q.month),
    scale: s.scale,
    page,
    pages,
    total: s.members.length,
    rated: s.members.filter((m) => s.ratings.has(m.openId)).length,
    answered: s.members.filter((m) => s.records.has(m.openId)).length,
    distribution: distribution(s.ratings.values(), s.scale),
    rows,
    published: published?.noticeEndsAt && { noticeEnds: formatInstant(published.noticeEndsAt, q.tz) },
    overdue: q.overdue ?? false,
  });
}
