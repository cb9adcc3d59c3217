/**
 * A pledge: the branch's pledge book (承诺书) or one member's pledge card (承诺卡) for one year. One document
 * holds the working draft, every review round and every published revision, so history is never lost.
 */
import type { PledgeKind } from './themes.js';

export interface PledgeItem {
  /** Stable within the pledge (`i1`, `i2` …): ledger lines and revisions follow it. */
  id: string;
  theme: string;
  /** What will be done. */
  text: string;
  /** The measurable result promised. */
  result: string;
  /** YYYY-MM-DD */
  due?: string;
  /** The suggestion (征求意见) the item came from. */
  suggestionId?: string;
}

export interface ReviewDecision {
  outcome: 'approved' | 'returned';
  by: string;
  byName: string;
  at: Date;
  reason?: string;
}

/** One submission and its review. Resubmitting after a return is a new round. */
export interface ReviewRound {
  n: number;
  /** The revision this round would publish. */
  revision: number;
  submittedAt: Date;
  submittedBy: string;
  /** Who reviews it: the branch secretary (member cards), the reviewer (the book, and a secretary's own card). */
  reviewerRole: 'secretary' | 'reviewer';
  items: PledgeItem[];
  /** Quality warnings the author submitted anyway, shown to the reviewer. */
  warnings: string[];
  decision?: ReviewDecision;
  /** When the reviewer was last chased about it. */
  chasedAt?: Date;
}

export interface PublishedRevision {
  revision: number;
  round: number;
  items: PledgeItem[];
  approvedAt: Date;
  approvedBy: string;
}

/**
 * draft: being written (or, with a published revision, a change being written);
 * submitted: waiting for review; returned: back with the author; published: in force; closed: the owner left.
 */
export type PledgeStatus = 'draft' | 'submitted' | 'returned' | 'published' | 'closed';

export interface Pledge {
  /** `${year}:${branchId}:${ownerId}` */
  _id: string;
  kind: PledgeKind;
  branchId: string;
  /** The member's open_id; the branch id for the pledge book. */
  ownerId: string;
  year: number;
  status: PledgeStatus;
  /** The working draft. */
  items: PledgeItem[];
  /** Number of the next new item. */
  seq: number;
  rounds: ReviewRound[];
  published: PublishedRevision[];
  createdAt: Date;
  updatedAt: Date;
  /** Bumped by every write: a write against a stale copy fails instead of overwriting. */
  version: number;
  closedAt?: Date;
}

export function pledgeId(year: number, branchId: string, ownerId: string): string {
  return `${year}:${branchId}:${ownerId}`;
}

export const currentRound = (p: Pledge): ReviewRound | undefined => p.rounds.at(-1);
export const inForce = (p: Pledge): PublishedRevision | undefined => p.published.at(-1);
