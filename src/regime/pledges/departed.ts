/**
 * A member who left the branch: their pledge is closed (never deleted) and its lines leave the live ledger,
 * checked whenever the branch's pledges are listed (台账, the chase, the quarterly digest).
 */
import type { Connection } from 'mongoose';
import { listBranchPeople, recordAudit, type AuditSource } from '../../org/index.js';
import { closePledgeLines } from './ledger.repository.js';
import type { Pledge } from './pledge.entity.js';
import { listBranchPledges, savePledge } from './pledge.repository.js';

/** The branch's pledges for the year, with those of people no longer members closed; and its members. */
export async function branchPledges(
  conn: Connection,
  q: { branchId: string; year: number; now: Date; source: AuditSource },
) {
  const [pledges, members] = await Promise.all([
    listBranchPledges(conn, q.branchId, q.year),
    listBranchPeople(conn, q.branchId, 'member'),
  ]);
  const active = new Set(members.map((m) => m.openId));
  const result: Pledge[] = [];
  for (const p of pledges) {
    if (p.kind === 'member' && p.status !== 'closed' && !active.has(p.ownerId)) {
      const closed = await savePledge(conn, { ...p, status: 'closed', closedAt: q.now, updatedAt: q.now });
      if (closed) {
        await closePledgeLines(conn, p._id);
        await recordAudit(conn, {
          at: q.now,
          actor: 'pledges',
          action: 'pledge.close',
          branchId: p.branchId,
          target: { type: 'pledge', id: p._id },
          changes: { status: { from: p.status, to: 'closed' } },
          detail: { why: '已不是本支部党员' },
          source: q.source,
        });
        result.push(closed);
        continue;
      }
    }
    result.push(p);
  }
  return { pledges: result, members };
}
