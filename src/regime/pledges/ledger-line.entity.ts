/**
 * One item of a published pledge as the ledger (台账) tracks it. Lines are never deleted: an item dropped by
 * a later revision is marked withdrawn, a pledge closed when its owner left marks its lines closed.
 */
import type { PledgeKind } from './themes.js';

export interface LedgerEvent {
  at: Date;
  by: string;
  what: 'tick' | 'confirm' | 'reopen';
  text?: string;
}

export interface LedgerLineDoc {
  /** `${pledgeId}:${itemId}` */
  _id: string;
  pledgeId: string;
  itemId: string;
  branchId: string;
  ownerId: string;
  kind: PledgeKind;
  year: number;
  theme: string;
  text: string;
  result: string;
  due?: string;
  /** The revision that last wrote the line. */
  revision: number;
  fulfilled: boolean;
  fulfilledAt?: Date;
  /** What was done, as the owner wrote it when ticking off. */
  doneText?: string;
  evidence?: string;
  /** Images and files the owner sent the bot as evidence after ticking off (Lark's keys to fetch them). */
  evidenceFiles?: Array<{ kind: 'image' | 'file'; key: string; name?: string; at: Date }>;
  /** The secretary confirmed the tick. */
  confirmed: boolean;
  withdrawn: boolean;
  closed: boolean;
  events: LedgerEvent[];
}
