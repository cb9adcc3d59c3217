/**
 * After a 销号 the branch's secretaries are asked, privately, to confirm it or re-open it — whether the
 * owner ticked the line off on the ledger card or in the monthly record (记实). One card per secretary and
 * tick, keyed by the line's event count, so a repeat asks once.
 */
import type { Connection } from 'mongoose';
import { confirmCard } from '../../../cards/pledge-ledger.js';
import type { MessageQueue } from '../../bot/outbox.js';
import { listBranchPeople } from '../../org/index.js';
import { nameOf } from './branch-context.js';
import type { LedgerLineDoc } from './ledger-line.entity.js';
import { sendPrivately } from './send.js';

export function confirmView(l: LedgerLineDoc, ownerName: string, decided?: string) {
  return confirmCard({
    lineId: l._id,
    ownerName,
    text: l.text,
    doneText: l.doneText ?? '',
    evidence: l.evidence,
    events: l.events.length,
    decided,
  });
}

/** Asks every secretary of the line's branch but the one who ticked it; returns how many were asked. */
export async function askToConfirm(
  ctx: { conn: Connection; outbox: MessageQueue },
  line: LedgerLineDoc,
  tickedBy: string,
): Promise<number> {
  const owner = line.kind === 'branch' ? '支部' : await nameOf(ctx.conn, line.ownerId);
  const secretaries = (await listBranchPeople(ctx.conn, line.branchId, 'secretary')).filter(
    (s) => s.openId !== tickedBy,
  );
  for (const s of secretaries)
    await sendPrivately(
      ctx,
      `pledge:confirm:${line._id}:e${line.events.length}:${s.openId}`,
      s.openId,
      confirmView(line, owner),
    );
  return secretaries.length;
}
