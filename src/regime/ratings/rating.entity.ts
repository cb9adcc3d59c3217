/** The monthly rating (上评下议): the secretary rates each member; published with a notice period (公示). */

/** The branch's scale, best first (the default; the seed names no other). */
export const RATING_SCALE = ['优秀', '良好', '一般', '较差'] as const;

/** Days a published rating may be objected to before it is final. */
export const NOTICE_DAYS = 3;

export interface ObjectionAnswer {
  decision: 'keep' | 'change';
  /** The grade after the answer (the same one when kept). */
  grade: string;
  reason: string;
  by: string;
  at: Date;
}

/** A member's objection to their published rating, and the secretary's answer. Never removed. */
export interface Objection {
  text: string;
  at: Date;
  answer?: ObjectionAnswer;
}

export interface Rating {
  /** `${branchId}:${month}:${openId}` */
  _id: string;
  branchId: string;
  month: string;
  openId: string;
  grade: string;
  note?: string;
  ratedBy: string;
  ratedAt: Date;
  objections: Objection[];
  /** Bumped on every write; guards whole-array rewrites. */
  rev: number;
}

export interface RatingMonth {
  /** `${branchId}:${month}` */
  _id: string;
  branchId: string;
  month: string;
  publishedAt?: Date;
  publishedBy?: string;
  /** End of 公示: objections close and the ratings become final. */
  noticeEndsAt?: Date;
}

/** Whether the grade stands as changed by an answer to an objection (异议改定). */
export function changedOnObjection(r: Pick<Rating, 'objections'>): boolean {
  return r.objections.some((o) => o.answer?.decision === 'change');
}
