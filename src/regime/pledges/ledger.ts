/**
 * 践诺: the ledger as other capabilities use it (LedgerAccess, src/regime/ports.ts) — open lines, ticking a
 * line off (挂牌销号), progress and what was fulfilled in a period. Every change is audited; nothing is deleted.
 */
import type { Connection } from 'mongoose';
import { DEFAULT_TIME_ZONE } from '../../schedule/calendar.js';
import { findBranch, recordAudit, requireRole, type AuditSource } from '../../org/index.js';
import type { LedgerAccess, LedgerProgress, TickOffResult } from '../ports.js';
import { PLEDGE_PERMISSIONS } from './access.js';
import { askToConfirm } from './confirm-request.js';
import { todayIn } from './branch-context.js';
import type { LedgerLineDoc } from './ledger-line.entity.js';
import {
  findLine,
  lineStatus,
  listFulfilledBetween,
  listLines,
  toLedgerLine,
  updateLine,
} from './ledger.repository.js';

async function today(conn: Connection, branchId: string, now: Date): Promise<string> {
  return todayIn(now, (await findBranch(conn, branchId))?.timezone ?? DEFAULT_TIME_ZONE);
}

export function countLines(lines: readonly LedgerLineDoc[], day: string): LedgerProgress {
  const c = { total: lines.length, fulfilled: 0, open: 0, overdue: 0 };
  for (const l of lines) c[lineStatus(l, day)]++;
  return c;
}

/** 挂牌销号 with what was done (and evidence); only the owner, or the secretary for the branch book. */
export async function tickOffLine(
  conn: Connection,
  c: {
    lineId: string;
    actorOpenId: string;
    text: string;
    evidence?: string | undefined;
    source: AuditSource;
    now: Date;
  },
): Promise<TickOffResult & { doc?: LedgerLineDoc }> {
  const line = await findLine(conn, c.lineId);
  if (!line || line.withdrawn || line.closed) return { ok: false, message: '这条承诺已不在台账上' };
  if (line.kind === 'member' && line.ownerId !== c.actorOpenId)
    return { ok: false, message: '只能为自己的承诺销号' };
  if (line.kind === 'branch') {
    const auth = await requireRole(conn, c.actorOpenId, PLEDGE_PERMISSIONS.tickBook, line.branchId);
    if (!auth.ok) return { ok: false, message: auth.message };
  }
  const day = await today(conn, line.branchId, c.now);
  if (line.fulfilled) return { ok: true, line: toLedgerLine(line, day), doc: line };
  const text = c.text.trim();
  if (!text) return { ok: false, message: '请写明做了什么' };
  const evidence = c.evidence?.trim();
  const updated = await updateLine(conn, line, {
    $set: {
      fulfilled: true,
      fulfilledAt: c.now,
      doneText: text,
      confirmed: false,
      ...(evidence ? { evidence } : {}),
    },
    event: { at: c.now, by: c.actorOpenId, what: 'tick', text },
  });
  if (!updated) {
    const again = await findLine(conn, c.lineId);
    return again?.fulfilled
      ? { ok: true, line: toLedgerLine(again, day), doc: again }
      : { ok: false, message: '请稍后再试' };
  }
  await recordAudit(conn, {
    at: c.now,
    actor: c.actorOpenId,
    action: 'pledge.line.tick',
    branchId: line.branchId,
    target: { type: 'pledge_line', id: line._id },
    changes: { fulfilled: { from: false, to: true } },
    detail: { text, ...(evidence ? { evidence } : {}) },
    source: c.source,
  });
  return { ok: true, line: toLedgerLine(updated, day), doc: updated };
}

export const pledgeLedger: LedgerAccess = {
  async openLines(conn, q) {
    // The port takes no clock: "overdue" is judged by today's date on the system clock.
    const day = await today(conn, q.branchId, new Date());
    return (await listLines(conn, q)).filter((l) => !l.fulfilled).map((l) => toLedgerLine(l, day));
  },
  async tickOff(conn, c) {
    const r = await tickOffLine(conn, c);
    if (r.ok && r.doc && c.outbox) await askToConfirm({ conn, outbox: c.outbox }, r.doc, c.actorOpenId);
    return r.ok ? { ok: true, line: r.line } : { ok: false, message: r.message };
  },
  async progress(conn, q) {
    return countLines(await listLines(conn, q), await today(conn, q.branchId, new Date()));
  },
  async fulfilledBetween(conn, q) {
    const day = await today(conn, q.branchId, new Date());
    return (await listFulfilledBetween(conn, q)).map((l) => toLedgerLine(l, day));
  },
  async linesOf(conn, q) {
    const day = await today(conn, q.branchId, q.now);
    return (await listLines(conn, q)).map((l) => toLedgerLine(l, day));
  },
};
