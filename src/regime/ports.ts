/**
 * What one regime capability reads or asks of another, as interfaces. A module that needs a sibling's data
 * takes it as a dependency of its factory (`recordsModule({ ledger })`), and src/regime/index.ts wires the
 * sibling's implementation in. Modules stay independent: each is built and tested alone, and adding one
 * changes no other.
 */
import type { Connection } from 'mongoose';
import type { AuditSource } from '../org/index.js';
import type { MessageQueue } from '../bot/outbox.js';

/** One item of a published pledge, as the ledger (台账) tracks it. */
export interface LedgerLine {
  id: string;
  branchId: string;
  /** The member's open_id; for the branch pledge book, the branch id. */
  ownerId: string;
  kind: 'member' | 'branch';
  year: number;
  theme: string;
  /** What will be done. */
  text: string;
  /** The measurable result promised. */
  result?: string;
  /** YYYY-MM-DD */
  dueDate?: string;
  status: 'open' | 'fulfilled' | 'overdue';
  fulfilledAt?: Date;
}

export interface LedgerProgress {
  total: number;
  fulfilled: number;
  open: number;
  overdue: number;
}

export type TickOffResult = { ok: true; line: LedgerLine } | { ok: false; message: string };

/** The pledge ledger, for the monthly record (tick items off from the record) and comments (facts). */
export interface LedgerAccess {
  /**
   * A member's (or the branch's) lines not yet fulfilled, for the year; without `ownerId`, every owner's in
   * the branch (one read for a fan-out to the whole branch).
   */
  openLines(conn: Connection, q: { branchId: string; ownerId?: string; year: number }): Promise<LedgerLine[]>;
  /**
   * 挂牌销号: the owner ticks a line off with what was done. Checks ownership; audited. With `outbox`, the
   * branch's secretaries are asked to confirm it, as after 销号 on the ledger card (keyed: a repeat asks once).
   */
  tickOff(
    conn: Connection,
    c: {
      lineId: string;
      actorOpenId: string;
      text: string;
      source: AuditSource;
      now: Date;
      outbox?: MessageQueue | undefined;
    },
  ): Promise<TickOffResult>;
  progress(
    conn: Connection,
    q: { branchId: string; ownerId?: string; year: number },
  ): Promise<LedgerProgress>;
  /** Lines fulfilled in [from, to), for monthly and quarterly digests. */
  fulfilledBetween(conn: Connection, q: { branchId: string; from: Date; to: Date }): Promise<LedgerLine[]>;
  /** Every line of the branch for the year, its status as of `now` (digests and 通报 count them). */
  linesOf?(conn: Connection, q: { branchId: string; year: number; now: Date }): Promise<LedgerLine[]>;
}

/** A member's monthly record (记实) and rating (评定), for comments' facts and the year end. */
export interface MonthFacts {
  /** YYYY-MM */
  month: string;
  recordText?: string;
  /** '优秀' | '良好' | '一般' | '较差' or the branch's own scale; undefined until published. */
  rating?: string;
  ratingFinal?: boolean;
}

export interface RecordsAccess {
  /** The member's last `months` months, newest first. */
  recentMonths(
    conn: Connection,
    q: { branchId: string; openId: string; months: number; now: Date },
  ): Promise<MonthFacts[]>;
}

/** A branch's month as disclosed (党员每月公开记实): who recorded, and the grades once published. */
export interface MonthSheet {
  /** The secretary confirmed publication (确认公示); grades are absent before. */
  published: boolean;
  members: Array<{ openId: string; name: string; recorded: boolean; late?: boolean; grade?: string }>;
}

/** Monthly records and ratings as the digests read them. */
export interface RatingsAccess {
  monthSheet(conn: Connection, q: { branchId: string; month: string }): Promise<MonthSheet>;
}

/** A comment of the register, as digests and 通报 count it. */
export interface CommentSummary {
  id: string;
  branchId: string;
  kind: string;
  period: string;
  commenterId: string;
  commenterName: string;
  targetType: 'member' | 'branch';
  targetName: string;
  status: 'draft' | 'submitted' | 'published';
  submittedAt?: Date;
  publishedAt?: Date;
}

/** 整改事项 not yet done. */
export interface OpenFollowUp {
  branchId: string;
  commenterName: string;
  targetName: string;
  text: string;
  /** YYYY-MM-DD */
  due: string;
}

export interface CommentsAccess {
  /** Comments of these branches submitted (or published) in [from, to). */
  commentsIn(
    conn: Connection,
    q: { branchIds: readonly string[]; from: Date; to: Date },
  ): Promise<CommentSummary[]>;
  /** Published comments' 整改事项 still open, due date first. */
  openFollowUps(conn: Connection, q: { branchIds: readonly string[] }): Promise<OpenFollowUp[]>;
}

/** A closed survey's results per target (`id` 'branch' for the branch itself). */
export interface SurveyOutcome {
  period: string;
  respondents: number;
  belowQuorum: boolean;
  results: Array<{
    id: string;
    name: string;
    kind: 'branch' | 'member';
    satisfied: number;
    basic: number;
    unsatisfied: number;
    total: number;
    approvalRate: number;
  }>;
}

export type SurveyResultsRead = (
  conn: Connection,
  q: { branchId: string; year: number },
) => Promise<SurveyOutcome[]>;

/** Honours commended in a year (七一表彰). */
export type HonoursRead = (
  conn: Connection,
  q: { year: number; branchId: string },
) => Promise<Array<{ openId: string; name: string; honour: string }>>;

/** A cell of an exported table. */
export type ExportCell = string | number | Date | null | undefined;

/**
 * How the workbook shows a column's cells. `date`: a Date (an instant, shown as its day in the branch's time
 * zone) or a YYYY-MM-DD string, written as a real date in a Chinese format; `number`: a count; `percent`: a
 * rate 0..1 shown as 85.7%; `text` (the default) wraps when long.
 */
export type ExportColumnType = 'text' | 'date' | 'number' | 'percent';

/**
 * One table offices file, as `导出 <表名>` and the admin export endpoint write it to Excel: the module that
 * owns the data declares its columns and streams its rows; the exports module (src/regime/exports) writes
 * the workbook. src/regime/index.ts hands the exports module every table.
 */
export interface ExportTable {
  /** What users type after 导出, and the sheet's title: 承诺践诺台账. */
  name: string;
  /** Other words accepted for it: 台账. */
  aliases?: readonly string[];
  /** An ASCII name for URLs and file names (`pledge-ledger`): /admin/exports/pledge-ledger.xlsx. */
  slug?: string;
  columns: readonly { header: string; key: string; width?: number; type?: ExportColumnType }[];
  /**
   * The rows for these branches and year, in the order the office files them, yielded one by one to the
   * streaming writer. A table may hold one branch's year to order it (a few thousand small documents: on
   * FerretDB one read beats many), never the workbook. `now` (default: the current time) decides overdue.
   */
  rows(
    conn: Connection,
    q: { branchIds: readonly string[]; year: number; now?: Date },
  ): AsyncIterable<Record<string, ExportCell>>;
}

/** What a 点评 button is about: a member (their open_id) or a branch (its id). */
export interface CommentSubject {
  type: 'member' | 'branch';
  id: string;
}

/** A card element (card JSON 2.0), as a port hands one to another module's card. */
export type CardElement = Record<string, unknown>;

/**
 * 点评 from where people look at a member or a branch (台账, the rating sheet …): the comments module owns
 * the action and the rule of who may comment on whom; a card asks once per viewer and places the button it
 * is given beside each subject. The button opens the viewer's comment form for that subject (the open
 * quarterly, half-year or annual one when due, else an ad-hoc comment).
 */
export interface CommentEntry {
  /** The 点评 button for a subject, or undefined where this viewer may not comment on it. */
  buttonsFor(
    conn: Connection,
    viewerOpenId: string,
  ): Promise<(subject: CommentSubject) => CardElement | undefined>;
}

/**
 * The year-end assessment (年终考核) reads a whole year of many branches at once. Each source streams one
 * collection once, filtered to the branches and year and projected to what the assessment adds up, so the
 * assessment never asks per member and never holds a year in memory: it folds each stream into small
 * per-member accumulators. Siblings implement these beside their repositories; src/regime/index.ts wires them.
 */
export interface YearScope {
  branchIds: readonly string[];
  year: number;
}

/** A member's ledger line of the year (live lines only: not withdrawn, not closed). */
export type YearLedgerLine = Pick<LedgerLine, 'branchId' | 'ownerId' | 'dueDate' | 'fulfilledAt'>;
/** A published monthly rating (评定); `month` YYYY-MM. */
export interface YearRating {
  branchId: string;
  openId: string;
  month: string;
  grade: string;
}
/** A member's monthly record (记实) was given. */
export interface YearRecord {
  branchId: string;
  openId: string;
  month: string;
}
/** A submitted or published comment on a member, with the grades given on its aspects. */
export interface YearComment {
  branchId: string;
  targetId: string;
  /** 'quarterly' | 'half-year' | 'annual' | 'ad-hoc' */
  kind: string;
  grades: readonly string[];
}
/** A member's (or the branch's, `targetId` 'branch') result in a closed half-year survey (群众评议). */
export interface YearSurveyResult {
  branchId: string;
  period: string;
  targetId: string;
  satisfied: number;
  basic: number;
  unsatisfied: number;
  total: number;
}
/** An honour a member received (七一 selection). */
export interface YearHonour {
  branchId: string;
  openId: string;
  honour: string;
}

export interface AssessmentSources {
  ledgerLines(conn: Connection, q: YearScope): AsyncIterable<YearLedgerLine>;
  ratings(conn: Connection, q: YearScope): AsyncIterable<YearRating>;
  records(conn: Connection, q: YearScope): AsyncIterable<YearRecord>;
  comments(conn: Connection, q: YearScope): AsyncIterable<YearComment>;
  surveyResults(conn: Connection, q: YearScope): AsyncIterable<YearSurveyResult>;
  honours(conn: Connection, q: YearScope): AsyncIterable<YearHonour>;
}
