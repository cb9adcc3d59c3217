/**
 * 践诺 buttons: page 我的承诺, open the 销号 form, tick a line off (the secretary is asked to confirm), confirm
 * or re-open a tick with a reason (the owner is told), page 台账.
 */
import { z } from 'zod';
import { tickCard } from '../../../cards/pledge-ledger.js';
import { noticeCard } from '../../../cards/org-notice.js';
import { defineAction, type ActionContext } from '../../bot/module.js';
import { recordAudit, refusalReply, requireRole, sourceOf } from '../../org/index.js';
import { mayWrite, parsePledgeId, PLEDGE_PERMISSIONS } from './access.js';
import { nameOf } from './branch-context.js';
import { askToConfirm, confirmView } from './confirm-request.js';
import { askForEvidence } from './evidence.js';
import { tickOffLine } from './ledger.js';
import { findLine, updateLine } from './ledger.repository.js';
import { branchLedgerCardFor, mineCardFor, type LedgerCardDeps } from './ledger-views.js';
import { findPledge } from './pledge.repository.js';
import { sendPrivately, STALE, toast } from './send.js';

const lineRef = z.object({ line: z.string().min(1) });
const decisionRef = lineRef.extend({ n: z.number().int().nonnegative() });
const reasonForm = z.object({ reason: z.string().optional() });

async function decideTick(
  ctx: ActionContext<z.infer<typeof decisionRef>, z.infer<typeof reasonForm>>,
  outcome: 'confirm' | 'reopen',
) {
  const line = await findLine(ctx.conn, ctx.value.line);
  if (!line) return STALE;
  const owner = line.kind === 'branch' ? '支部' : await nameOf(ctx.conn, line.ownerId);
  if (line.events.length !== ctx.value.n || !line.fulfilled || line.confirmed)
    return {
      ...toast('info', '这次销号已经处理过了'),
      card: confirmView(line, owner, line.fulfilled ? (line.confirmed ? '已确认' : '已更新') : '已重新打开'),
    };
  const auth = await requireRole(ctx.conn, ctx.operatorOpenId, PLEDGE_PERMISSIONS.confirmTick, line.branchId);
  if (!auth.ok) return refusalReply(auth);
  if (ctx.operatorOpenId === line.ownerId || line.events.at(-1)?.by === ctx.operatorOpenId)
    return toast('warning', '不能确认自己的销号');
  const reason = (ctx.formValue.reason ?? '').trim();
  if (outcome === 'reopen' && [...reason].length < 2) return toast('warning', '重新打开需要填写理由');
  const now = ctx.clock.now();
  const updated = await updateLine(ctx.conn, line, {
    $set: outcome === 'confirm' ? { confirmed: true } : { fulfilled: false, confirmed: false },
    ...(outcome === 'reopen' ? { unset: ['fulfilledAt'] as const } : {}),
    event: { at: now, by: ctx.operatorOpenId, what: outcome, ...(reason ? { text: reason } : {}) },
  });
  if (!updated) return STALE;
  await recordAudit(ctx.conn, {
    at: now,
    actor: ctx.operatorOpenId,
    actorName: auth.person.name,
    action: `pledge.line.${outcome}`,
    branchId: line.branchId,
    target: { type: 'pledge_line', id: line._id },
    ...(outcome === 'reopen' ? { changes: { fulfilled: { from: true, to: false } } } : {}),
    ...(reason ? { detail: { reason } } : {}),
    source: sourceOf(ctx),
  });
  if (outcome === 'reopen' && line.kind === 'member')
    await sendPrivately(
      ctx,
      `pledge:reopen:${line._id}:e${updated.events.length}`,
      line.ownerId,
      noticeCard({
        title: { zh: '销号被重新打开' },
        text: {
          zh: `「${line.text}」的销号被${auth.person.name}重新打开：${reason}\n发送「我的承诺」补充后再销号。`,
        },
        tone: 'refused',
      }),
    );
  const verdict =
    outcome === 'confirm' ? `已确认（${auth.person.name}）` : `已重新打开（${auth.person.name}）：${reason}`;
  return {
    ...toast('success', outcome === 'confirm' ? '已确认销号' : '已重新打开，已告知本人'),
    card: confirmView(updated, owner, verdict),
  };
}

export const ledgerActions = {
  mine: defineAction({
    value: z.object({ p: z.string().min(1), page: z.number().int().nonnegative() }),
    run: async (ctx) => {
      const k = parsePledgeId(ctx.value.p);
      if (!k) return STALE;
      const auth = await mayWrite(ctx.conn, ctx.operatorOpenId, k);
      if (!auth.ok) return refusalReply(auth);
      const p = await findPledge(ctx.conn, ctx.value.p);
      if (!p)
        return {
          card: noticeCard({
            title: { zh: '还没有起草' },
            text: { zh: '这份承诺还没有开始起草。' },
            tone: 'hint',
          }),
        };
      return { card: await mineCardFor(ctx, p, ctx.operatorOpenId, ctx.value.page) };
    },
  }),
  tick: defineAction({
    value: lineRef,
    run: async (ctx) => {
      const line = await findLine(ctx.conn, ctx.value.line);
      if (!line || line.withdrawn || line.closed) return STALE;
      const k = parsePledgeId(line.pledgeId)!;
      const auth = await mayWrite(ctx.conn, ctx.operatorOpenId, k);
      if (!auth.ok) return refusalReply(auth);
      if (line.fulfilled) return toast('info', '这一条已经销号了');
      const p = await findPledge(ctx.conn, line.pledgeId);
      const n = (p?.published.at(-1)?.items.findIndex((i) => i.id === line.itemId) ?? -1) + 1;
      return {
        card: tickCard({
          lineId: line._id,
          pledgeId: line.pledgeId,
          n,
          text: line.text,
          result: line.result,
        }),
      };
    },
  }),
  tickSubmit: defineAction({
    value: lineRef,
    form: z.object({ done: z.string().trim().min(2), evidence: z.string().optional() }),
    formError: { type: 'warning', content: '请写明做了什么（至少两个字）' },
    run: async (ctx) => {
      const r = await tickOffLine(ctx.conn, {
        lineId: ctx.value.line,
        actorOpenId: ctx.operatorOpenId,
        text: ctx.formValue.done,
        evidence: ctx.formValue.evidence,
        source: sourceOf(ctx),
        now: ctx.clock.now(),
      });
      if (!r.ok || !r.doc) return toast('warning', r.ok ? '请稍后再试' : r.message);
      const line = r.doc;
      const asked = await askToConfirm(ctx, line, ctx.operatorOpenId);
      await askForEvidence(ctx, line._id);
      const p = await findPledge(ctx.conn, line.pledgeId);
      return {
        ...toast('success', '已销号。如有图片或文件佐证，可直接发给我'),
        card: await mineCardFor(
          ctx,
          p!,
          ctx.operatorOpenId,
          0,
          asked ? '已销号，等待支部书记确认' : '已销号',
        ),
      };
    },
  }),
  confirm: defineAction({ value: decisionRef, form: reasonForm, run: (ctx) => decideTick(ctx, 'confirm') }),
  reopen: defineAction({ value: decisionRef, form: reasonForm, run: (ctx) => decideTick(ctx, 'reopen') }),
};

/** 台账's 上一页 / 下一页. */
export const ledgerPageAction = (deps: LedgerCardDeps) =>
  defineAction({
    value: z.object({ branch: z.string().min(1), page: z.number().int().nonnegative() }),
    run: async (ctx) => {
      const auth = await requireRole(
        ctx.conn,
        ctx.operatorOpenId,
        PLEDGE_PERMISSIONS.seeLedger,
        ctx.value.branch,
      );
      if (!auth.ok) return refusalReply(auth);
      return {
        card: await branchLedgerCardFor(
          ctx,
          {
            branchId: ctx.value.branch,
            page: ctx.value.page,
            source: sourceOf(ctx),
            viewer: ctx.operatorOpenId,
          },
          deps,
        ),
      };
    },
  });
