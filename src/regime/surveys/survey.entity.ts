/**
 * 群众评议: a half-yearly satisfaction survey. Four collections, split so that anonymity is structural:
 * `surveys` (the survey and, once closed, its results), `survey_ballots` (choices per target, never the
 * voter, no timestamps), `survey_voters` (voter ↔ ballot and half-filled drafts, only while open; deleted at
 * close) and `survey_links` (one-time web links for evaluators without Lark).
 */

export const CHOICES = ['satisfied', 'basic', 'unsatisfied'] as const;
export type Choice = (typeof CHOICES)[number];
export const CHOICE_NAMES: Record<Choice, string> = {
  satisfied: '满意',
  basic: '基本满意',
  unsatisfied: '不满意',
};

export interface SurveyTarget {
  /** 'branch' for the branch itself, else the member's open_id. */
  id: string;
  kind: 'branch' | 'member';
  name: string;
}

export interface TargetResult extends SurveyTarget {
  satisfied: number;
  basic: number;
  unsatisfied: number;
  total: number;
  /** (满意 + 基本满意) / total, 0..1 (0 when nobody answered). */
  approvalRate: number;
  /** 满意 / total, 0..1. */
  satisfiedRate: number;
}

export type SurveyStatus = 'open' | 'closing' | 'closed';

export interface Survey {
  /** `${branchId}:${period}`, e.g. zx-1:2026-H1: one survey per branch and half year. */
  _id: string;
  branchId: string;
  branchName: string;
  /** 2026-H1 */
  period: string;
  status: SurveyStatus;
  report: string;
  reportLink?: string;
  /** Where the survey card was posted (evaluators' group, else the branch group). */
  chatId?: string;
  targets: SurveyTarget[];
  /** Who may answer besides the chat's members: the branch's evaluators and the chat members at opening. */
  eligible: string[];
  quorum: number;
  openedBy: string;
  openedAt: Date;
  closedAt?: Date;
  closedBy?: string;
  respondents?: number;
  belowQuorum?: boolean;
  results?: TargetResult[];
}

export interface Answer {
  targetId: string;
  choice: Choice;
}

/** One evaluator's voice. `_id` is random, so nothing in it points back to the voter. */
export interface Ballot {
  _id: string;
  surveyId: string;
  answers: Answer[];
  remark?: string;
}

/** While open only: who holds which ballot (so an answer can be replaced), and a half-filled draft. */
export interface VoterLink {
  /** `${surveyId}|${openId}` */
  _id: string;
  surveyId: string;
  voter: string;
  ballotId?: string;
  draft?: Answer[];
}

/** A one-time personal link; `_id` is the SHA-256 of the token, so the database alone cannot open it. */
export interface SurveyLink {
  _id: string;
  surveyId: string;
  forName: string;
  createdBy: string;
  expiresAt: Date;
  used: boolean;
}

export const DEFAULT_QUORUM = 30;
export const PAGE_SIZE = 8;
