/**
 * Builds the member's record card from what is stored: this month's record if any, the month's state
 * (closed, reopened for them) and their open ledger lines.
 */
import type { Connection } from 'mongoose';
import { recordFormCard, recordSubmittedCard, type RecordFormView } from '../../../cards/record-form.js';
import type { CardJson } from '../../lark/client.js';
import type { LedgerAccess } from '../ports.js';
import { monthLabel, yearOf } from './months.js';
import type { MonthRecord } from './record.entity.js';
import { findRecord, findRecordMonth, isOpenFor } from './records.repository.js';

export interface RecordDeps {
  ledger?: LedgerAccess | undefined;
}

/** '2026-11' → '12月3日': the default close of a month's records (record.close, the 3rd). */
export function deadlineOf(month: string): string {
  const m = Number(month.slice(5, 7));
  return `${m === 12 ? 1 : m + 1}月3日`;
}

/** Every member's open lines of the branch in one read, by owner (undefined without a ledger). */
export async function openLinesByOwner(
  conn: Connection,
  deps: RecordDeps,
  branchId: string,
  month: string,
): Promise<Map<string, Array<{ id: string; text: string }>> | undefined> {
  if (!deps.ledger) return undefined;
  const byOwner = new Map<string, Array<{ id: string; text: string }>>();
  for (const l of await deps.ledger.openLines(conn, { branchId, year: yearOf(month) })) {
    if (l.kind !== 'member') continue;
    byOwner.set(l.ownerId, [...(byOwner.get(l.ownerId) ?? []), { id: l.id, text: l.text }]);
  }
  return byOwner;
}

export async function openLinesOf(
  conn: Connection,
  deps: RecordDeps,
  branchId: string,
  openId: string,
  month: string,
) {
  if (!deps.ledger) return undefined;
  const lines = await deps.ledger.openLines(conn, { branchId, ownerId: openId, year: yearOf(month) });
  return lines.map((l) => ({ id: l.id, text: l.text }));
}

export async function recordForm(
  conn: Connection,
  deps: RecordDeps,
  q: {
    branchId: string;
    month: string;
    openId: string;
    kind: RecordFormView['kind'];
    current?: MonthRecord | undefined;
  },
  /** Already read for a whole branch (the reminder fan-out): the month's state and the open lines. */
  known?: {
    state: Awaited<ReturnType<typeof findRecordMonth>>;
    lines: Array<{ id: string; text: string }> | undefined;
  },
): Promise<CardJson> {
  const state = known ? known.state : await findRecordMonth(conn, q.branchId, q.month);
  return recordFormCard({
    branchId: q.branchId,
    month: q.month,
    monthLabel: monthLabel(q.month),
    kind: q.kind,
    deadline: state?.closedAt ? undefined : deadlineOf(q.month),
    lines: known ? known.lines : await openLinesOf(conn, deps, q.branchId, q.openId, q.month),
    current: q.current && { text: q.current.text, other: q.current.other },
    reopened: Boolean(state?.closedAt && state.reopened.includes(q.openId)),
  });
}

export async function submittedCard(conn: Connection, r: MonthRecord): Promise<CardJson> {
  const state = await findRecordMonth(conn, r.branchId, r.month);
  return recordSubmittedCard({
    branchId: r.branchId,
    month: r.month,
    monthLabel: monthLabel(r.month),
    text: r.text,
    other: r.other,
    ticked: r.ticked.map((t) => t.text),
    editable: isOpenFor(state, r.openId),
  });
}

/** The member's card for the month as it stands: the summary if answered, else the form. */
export async function currentRecordCard(
  conn: Connection,
  deps: RecordDeps,
  q: { branchId: string; month: string; openId: string },
): Promise<CardJson> {
  const r = await findRecord(conn, q.branchId, q.month, q.openId);
  if (r) return submittedCard(conn, r);
  return recordForm(conn, deps, { ...q, kind: 'open' });
}
