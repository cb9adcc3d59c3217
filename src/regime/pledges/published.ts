/**
 * 亮诺 and 践诺 as the public board (公开栏) shows them: only the revision in force of a pledge that was
 * approved (approval publishes it), with its ledger lines — never a draft, a submitted round or a return.
 */
import type { Connection } from 'mongoose';
import type { LedgerLine } from '../ports.js';
import { inForce } from './pledge.entity.js';
import { lineStatus, listLines } from './ledger.repository.js';
import { listBranchPledges } from './pledge.repository.js';
import type { PledgeKind } from './themes.js';

export interface PublishedLine {
  theme: string;
  text: string;
  result: string;
  /** YYYY-MM-DD */
  due?: string;
  status: LedgerLine['status'];
  fulfilledAt?: Date;
  /** What was done, as the owner wrote it when ticking off (挂牌销号). */
  doneText?: string;
  /** The secretary confirmed the tick. */
  confirmed: boolean;
}

export interface PublishedPledge {
  kind: PledgeKind;
  /** The member's open_id, or the branch id for the book: for looking names up, not for showing. */
  ownerId: string;
  revision: number;
  approvedAt: Date;
  /** The items in force, in the pledge's order, each with its ledger state. */
  lines: PublishedLine[];
}

/** The published book and cards of a branch for a year, closed ones left out; `today` judges 逾期. */
export async function publishedPledges(
  conn: Connection,
  q: { branchId: string; year: number; today: string },
): Promise<PublishedPledge[]> {
  const [pledges, lines] = await Promise.all([
    listBranchPledges(conn, q.branchId, q.year),
    listLines(conn, { branchId: q.branchId, year: q.year }),
  ]);
  const byId = new Map(lines.map((l) => [l._id, l]));
  const out: PublishedPledge[] = [];
  for (const p of pledges) {
    const rev = inForce(p);
    if (!rev || p.status === 'closed') continue;
    out.push({
      kind: p.kind,
      ownerId: p.ownerId,
      revision: rev.revision,
      approvedAt: rev.approvedAt,
      lines: rev.items.flatMap((i) => {
        const l = byId.get(`${p._id}:${i.id}`);
        if (!l) return []; // not written yet: the approval's ledger step runs right after it
        return [
          {
            theme: l.theme,
            text: l.text,
            result: l.result,
            ...(l.due ? { due: l.due } : {}),
            status: lineStatus(l, q.today),
            ...(l.fulfilledAt ? { fulfilledAt: l.fulfilledAt } : {}),
            ...(l.fulfilled && l.doneText ? { doneText: l.doneText } : {}),
            confirmed: l.confirmed,
          },
        ];
      }),
    });
  }
  return out;
}
