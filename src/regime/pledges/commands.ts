/** The pledge words people type: 我的承诺, 台账, 待审, 建议. */
import { noticeCard } from '../../../cards/org-notice.js';
import type { Command } from '../../bot/module.js';
import { listBranchesWithRole, refusalCard, requireRole, sourceOf } from '../../org/index.js';
import { mayWrite, parsePledgeId, PLEDGE_PERMISSIONS } from './access.js';
import { branchInfo, yearIn } from './branch-context.js';
import { draftCardFor, freshPledge } from './drafting.js';
import { branchLedgerCardFor, mineCardFor, type LedgerCardDeps } from './ledger-views.js';
import { pledgeId } from './pledge.entity.js';
import { findPledge } from './pledge.repository.js';
import { queueCommand } from './queue.js';
import { suggestCommand } from './suggestions.js';

const hint = (zh: string) => noticeCard({ title: { zh: '承诺' }, text: { zh }, tone: 'hint' });

const mineCommand: Command = {
  name: 'pledge-mine',
  words: ['我的承诺', '承诺', 'my pledge', 'pledge'],
  summary: '填写、查看我的承诺卡，逐项销号（书记加「支部」看承诺书）',
  async run(ctx) {
    const wantsBook = /支部|承诺书|book/i.test(ctx.args);
    const asMember = await listBranchesWithRole(ctx.conn, ctx.senderOpenId, ['member']);
    const asSecretary = await listBranchesWithRole(ctx.conn, ctx.senderOpenId, ['secretary']);
    const book = wantsBook || asMember.length === 0 ? asSecretary[0] : undefined;
    const branch = book ?? asMember[0];
    if (!branch) return ctx.reply(hint('你还不是任何支部的党员，暂时没有承诺卡。'));
    const info = await branchInfo(ctx.conn, branch.id, ctx.config.timezone);
    const id = pledgeId(yearIn(ctx.clock.now(), info.tz), branch.id, book ? branch.id : ctx.senderOpenId);
    const key = parsePledgeId(id)!;
    const auth = await mayWrite(ctx.conn, ctx.senderOpenId, key);
    if (!auth.ok) return ctx.reply(refusalCard(auth));
    const p = (await findPledge(ctx.conn, id)) ?? freshPledge(key, ctx.clock.now());
    const writing = p.status === 'draft' || p.status === 'returned';
    await ctx.reply(
      writing && !p.published.length
        ? await draftCardFor(ctx, p)
        : await mineCardFor(ctx, p, ctx.senderOpenId),
    );
  },
};

const ledgerCommand = (deps: LedgerCardDeps): Command => ({
  name: 'pledge-ledger',
  words: ['台账', '台帐', 'ledger'],
  summary: '查看本支部承诺台账：按人、按主题的兑现情况',
  async run(ctx) {
    const branches = await listBranchesWithRole(
      ctx.conn,
      ctx.senderOpenId,
      PLEDGE_PERMISSIONS.seeLedger.roles,
    );
    const wanted = ctx.args.trim();
    const own = await listBranchesWithRole(ctx.conn, ctx.senderOpenId, ['member', 'secretary']);
    const chosen = wanted
      ? (branches.find((b) => b.id === wanted || b.name === wanted) ??
        branches.find((b) => b.name.includes(wanted)))
      : (own[0] ?? (branches.length === 1 ? branches[0] : undefined));
    if (!chosen) {
      if (!branches.length)
        return ctx.reply(
          refusalCard({
            ok: false,
            message: '只有本支部党员、支部书记、上级党组织或管理员可以查看台账',
            en: '',
          }),
        );
      return ctx.reply(
        hint(
          `请发送「台账 支部名称」，可查看：${branches
            .slice(0, 20)
            .map((b) => b.name)
            .join('、')}${branches.length > 20 ? ' 等' : ''}`,
        ),
      );
    }
    const auth = await requireRole(ctx.conn, ctx.senderOpenId, PLEDGE_PERMISSIONS.seeLedger, chosen.id);
    if (!auth.ok) return ctx.reply(refusalCard(auth));
    await ctx.reply(
      await branchLedgerCardFor(
        ctx,
        { branchId: chosen.id, page: 0, source: sourceOf(ctx), viewer: ctx.senderOpenId },
        deps,
      ),
    );
  },
});

export const pledgeCommands = (deps: LedgerCardDeps): readonly Command[] => [
  mineCommand,
  ledgerCommand(deps),
  queueCommand,
  suggestCommand,
];
