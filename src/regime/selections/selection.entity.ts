/**
 * 组织评选 around 1 July: nominations with reasons, a candidate list the secretary confirms, one vote per
 * member per honour in the branch group, a result the secretary confirms (breaking ties), a notice period
 * (公示) with objections the secretary answers, and the commendation. Honours are kept per member and year.
 */

export interface Honour {
  /** Short and stable, used in form field names: `excellent`, `h2` … */
  id: string;
  name: string;
  places: number;
}

export const DEFAULT_HONOURS: readonly Honour[] = [{ id: 'excellent', name: '优秀共产党员', places: 1 }];
export const DEFAULT_NOTICE_DAYS = 3;

export type SelectionStage = 'nominating' | 'voting' | 'notice' | 'commended';

export interface Candidate {
  honourId: string;
  openId: string;
  name: string;
}

export interface Winner extends Candidate {
  votes: number;
  /** Chosen by the secretary among candidates with equal votes. */
  byTieBreak?: boolean;
}

export interface Objection {
  /** The event id of the click that raised it: a re-delivered click adds nothing. */
  id: string;
  by: string;
  byName: string;
  text: string;
  at: Date;
  answer?: string;
  answeredBy?: string;
  answeredAt?: Date;
}

export interface Selection {
  /** `${branchId}:${year}` */
  _id: string;
  branchId: string;
  branchName: string;
  year: number;
  honours: Honour[];
  stage: SelectionStage;
  noticeDays: number;
  candidates: Candidate[];
  winners: Winner[];
  objections: Objection[];
  openedBy: string;
  openedAt: Date;
  noticeEndsAt?: Date;
  commendedAt?: Date;
}

export interface Nomination {
  /** `${selectionId}|${honourId}|${nominator}|${nominee}`: one nomination per person, honour and nominee. */
  _id: string;
  selectionId: string;
  honourId: string;
  nominee: string;
  nomineeName: string;
  nominator: string;
  reason: string;
  at: Date;
}

export interface Vote {
  /** `${selectionId}|${honourId}|${voter}`: one vote per member per honour. */
  _id: string;
  selectionId: string;
  honourId: string;
  candidate: string;
}

/** An honour a member received, for the year-end assessment. */
export interface HonourRecord {
  /** `${selectionId}|${honourId}|${openId}` */
  _id: string;
  branchId: string;
  year: number;
  openId: string;
  name: string;
  honourId: string;
  honour: string;
  commendedAt: Date;
}
