/**
 * The facts a comment is made from (the target's pledge progress, recent records and ratings), read from
 * the sibling capabilities through their ports; without them the form says 暂无.
 */
import type { Connection } from 'mongoose';
import type { LedgerAccess, RecordsAccess } from '../ports.js';
import type { CommentTarget } from './comment.entity.js';

export interface CommentDeps {
  ledger?: LedgerAccess;
  records?: RecordsAccess;
}

export async function factsFor(
  conn: Connection,
  deps: CommentDeps,
  target: CommentTarget,
  now: Date,
  year: number,
): Promise<string[]> {
  const out: string[] = [];
  if (deps.ledger) {
    const p = await deps.ledger.progress(conn, { branchId: target.branchId, ownerId: target.id, year });
    out.push(`承诺：已兑现 ${p.fulfilled}/${p.total}${p.overdue ? `，逾期 ${p.overdue}` : ''}`);
  }
  if (deps.records && target.type === 'member') {
    const months = await deps.records.recentMonths(conn, {
      branchId: target.branchId,
      openId: target.id,
      months: 3,
      now,
    });
    for (const m of months) {
      const text = m.recordText ? m.recordText.slice(0, 40) : '未记实';
      out.push(`${m.month}：${m.rating ? `评定${m.rating}；` : ''}${text}`);
    }
  }
  return out.length ? out : ['暂无'];
}
