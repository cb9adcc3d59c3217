/**
 * 年终考核, the year-end assessment: one document per member and year with the year's figures, the score
 * and its place, and one per branch and year with the state of its 公示 (draft → notice → final), the
 * weights it was scored with and the branch's annual figures (for the annual digest).
 */
import type { Objection } from '../ratings/rating.entity.js';
import type { Weights } from './weights.js';

/** 等次, best first. */
export const ASSESSMENT_GRADES = ['优秀', '合格', '基本合格', '不合格'] as const;
export type AssessmentGrade = (typeof ASSESSMENT_GRADES)[number];

/** What the year holds for one member (or, summed, for a branch). */
export interface YearFigures {
  /** Pledge items: fulfilled by their due date, fulfilled after it, not fulfilled. */
  pledges: { onTime: number; late: number; open: number };
  /** Published monthly ratings per grade, in RATING_SCALE order (优秀, 良好, 一般, 较差). */
  ratings: number[];
  /** Months with a record (记实). */
  records: number;
  /** Comments received, and the grades given on their aspects (好 … 差), summed to 0..1 points. */
  comments: { count: number; graded: number; points: number };
  /** 群众评议: 满意 + 基本满意 answers, and all answers, over the year's closed surveys. */
  survey: { approving: number; total: number };
  honours: string[];
}

/** Each part of the score, 0..1, before weighting. */
export interface Components {
  pledge: number;
  rating: number;
  records: number;
  comments: number;
  survey: number;
  honours: number;
}

export interface MemberAssessment {
  /** `${branchId}:${year}:${openId}` */
  _id: string;
  branchId: string;
  year: number;
  openId: string;
  name: string;
  figures: YearFigures;
  components: Components;
  /** 0..100, two decimals: the weighted sum of the components. */
  score: number;
  /** 1-based; members with equal scores share a rank (1, 2, 2, 4). */
  rank: number;
  /** Order on the sheet: rank, then name, then open_id, so ties always list the same way. */
  order: number;
  grade: AssessmentGrade;
  /** The grade the score gave, kept when the secretary changes the grade answering an objection. */
  scoredGrade: AssessmentGrade;
  objections: Objection[];
  rev: number;
}

export type AssessmentStatus = 'draft' | 'notice' | 'final';

export const STATUS_NAMES: Record<AssessmentStatus, string> = {
  draft: '待公示',
  notice: '公示中',
  final: '已确定',
};

export interface AssessmentYear {
  /** `${branchId}:${year}` */
  _id: string;
  branchId: string;
  branchName: string;
  year: number;
  status: AssessmentStatus;
  builtAt: Date;
  weights: Weights;
  members: number;
  /** The branch's year summed over its members, and how many members got each 等次. */
  summary: YearFigures & { grades: number[] };
  publishedAt?: Date;
  publishedBy?: string;
  noticeEndsAt?: Date;
  finalAt?: Date;
}

export const memberAssessmentId = (branchId: string, year: number, openId: string) =>
  `${branchId}:${year}:${openId}`;
export const assessmentYearId = (branchId: string, year: number) => `${branchId}:${year}`;
