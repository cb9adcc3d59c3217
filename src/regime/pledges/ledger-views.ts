/** 我的承诺 and 台账 as cards, from the stored pledge and its ledger lines. */
import type { Connection } from 'mongoose';
import {
  branchLedgerCard,
  mineCard,
  PAGE_LINES,
  PAGE_PEOPLE,
  type Counts,
} from '../../../cards/pledge-ledger.js';
import type { Config } from '../../config.js';
import type { CardJson } from '../../lark/client.js';
import type { CommentEntry } from '../ports.js';
import { requireRole, type AuditSource } from '../../org/index.js';
import { branchInfo, pledgeTitle, todayIn } from './branch-context.js';
import { branchPledges } from './departed.js';
import { countLines } from './ledger.js';
import { lineStatus, listLines } from './ledger.repository.js';
import { currentRound, pledgeId, type Pledge } from './pledge.entity.js';
import { waitingFor } from './queue.js';
import { BRANCH_THEMES, MEMBER_THEMES } from './themes.js';

type Ctx = { conn: Connection; config: Config; clock: { now(): Date } };

/** Siblings the ledger cards offer entries to: 点评 beside each person, for those who comment on them. */
export interface LedgerCardDeps {
  comments?: CommentEntry | undefined;
}

function stateOf(p: Pledge): string | undefined {
  const last = currentRound(p);
  const changing = p.published.length > 0 ? '修改稿' : '';
  switch (p.status) {
    case 'draft':
      return p.published.length
        ? '修改稿尚未提交审核，原承诺继续有效。'
        : `草稿：已写 ${p.items.length} 条，尚未提交审核。`;
    case 'submitted':
      return `${changing}第 ${last?.n} 轮已提交，等待审核。`;
    case 'returned':
      return `<font color='orange'>${changing}第 ${last?.n} 轮被退回：${last?.decision?.reason ?? ''}</font>`;
    case 'closed':
      return '已关闭（已不是本支部党员），记录保留。';
    default:
      return undefined;
  }
}

export async function mineCardFor(
  ctx: Ctx,
  p: Pledge,
  viewer: string,
  page = 0,
  notice?: string,
): Promise<CardJson> {
  const branch = await branchInfo(ctx.conn, p.branchId, ctx.config.timezone);
  const today = todayIn(ctx.clock.now(), branch.tz);
  const lines = p.published.length
    ? (await listLines(ctx.conn, { branchId: p.branchId, year: p.year, ownerId: p.ownerId })).filter(
        (l) => l.pledgeId === p._id,
      )
    : [];
  const pages = Math.max(1, Math.ceil(lines.length / PAGE_LINES));
  const at = Math.min(Math.max(0, page), pages - 1);
  const secretary =
    p.kind === 'member' && (await requireRole(ctx.conn, viewer, ['secretary'], p.branchId)).ok;
  const waiting = secretary ? (await waitingFor(ctx, viewer)).length : 0;
  return mineCard({
    pledgeId: p._id,
    title: await pledgeTitle(ctx.conn, p, branch.name),
    state: stateOf(p),
    canEdit: p.status === 'draft' || p.status === 'returned',
    canRevise: p.status === 'published',
    counts: lines.length ? countLines(lines, today) : undefined,
    lines: lines.slice(at * PAGE_LINES, (at + 1) * PAGE_LINES).map((l, i) => ({
      id: l._id,
      n: at * PAGE_LINES + i + 1,
      theme: l.theme,
      text: l.text,
      due: l.due,
      status: lineStatus(l, today),
      confirmed: l.confirmed,
    })),
    page: at,
    pages,
    notice,
    book: secretary ? { pledgeId: pledgeId(p.year, p.branchId, p.branchId) } : undefined,
    waitingReviews: waiting || undefined,
  });
}

export async function branchLedgerCardFor(
  ctx: Ctx,
  q: { branchId: string; page: number; source: AuditSource; viewer?: string },
  deps: LedgerCardDeps = {},
): Promise<CardJson> {
  const now = ctx.clock.now();
  const branch = await branchInfo(ctx.conn, q.branchId, ctx.config.timezone);
  const year = Number(todayIn(now, branch.tz).slice(0, 4));
  const today = todayIn(now, branch.tz);
  const [{ pledges, members }, lines] = await Promise.all([
    branchPledges(ctx.conn, { branchId: q.branchId, year, now, source: q.source }),
    listLines(ctx.conn, { branchId: q.branchId, year }),
  ]);
  const byOwner = new Map<string, typeof lines>();
  for (const l of lines) {
    const own = byOwner.get(l.ownerId);
    if (own) own.push(l);
    else byOwner.set(l.ownerId, [l]);
  }
  const statusOf = new Map(pledges.map((p) => [p.ownerId, p]));
  const commentOn =
    deps.comments && q.viewer ? await deps.comments.buttonsFor(ctx.conn, q.viewer) : () => undefined;
  const row = (ownerId: string, name: string) => {
    const comment = commentOn({ type: ownerId === q.branchId ? 'branch' : 'member', id: ownerId });
    const own = byOwner.get(ownerId);
    if (own?.length) return { name, comment, ...countLines(own, today) };
    const p = statusOf.get(ownerId);
    return {
      name,
      comment,
      state: p
        ? p.status === 'submitted'
          ? '待审核'
          : p.status === 'returned'
            ? '被退回'
            : '未提交'
        : '未起草',
    };
  };
  const people = [row(q.branchId, '支部承诺书'), ...members.map((m) => row(m.openId, m.name))];
  const pages = Math.max(1, Math.ceil(people.length / PAGE_PEOPLE));
  const at = Math.min(Math.max(0, q.page), pages - 1);
  const themes: Array<{ theme: string } & Counts> = [];
  for (const theme of [...BRANCH_THEMES, ...MEMBER_THEMES]) {
    const these = lines.filter((l) => l.theme === theme);
    if (these.length) themes.push({ theme, ...countLines(these, today) });
  }
  return branchLedgerCard({
    branchId: q.branchId,
    branchName: branch.name,
    year,
    totals: countLines(lines, today),
    themes,
    people: people.slice(at * PAGE_PEOPLE, (at + 1) * PAGE_PEOPLE),
    page: at,
    pages,
  });
}
