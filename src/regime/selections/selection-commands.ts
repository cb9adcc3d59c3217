/** 评选: where the selection stands; the secretary also gets the next step (start, confirm, commend). */
import { noticeCard } from '../../../cards/org-notice.js';
import { selectionStartCard } from '../../../cards/selection-start.js';
import type { Command } from '../../bot/module.js';
import { findBranch, requireRole } from '../../org/index.js';
import { commandBranch } from '../surveys/command-branch.js';
import { SELECTION_PERMISSIONS } from './permissions.js';
import { findSelection, selectionIdOf } from './selection.repository.js';
import { statusCard } from './selection-views.js';

export const yearOf = (now: Date) =>
  Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now));

export const selectionCommand: Command = {
  name: 'selection',
  words: ['评选', 'selection'],
  summary: '七一评选：推荐、投票、公示和表彰的进度（书记在此操作）',
  async run(ctx) {
    const branchId = await commandBranch(ctx, ['secretary', 'member']);
    if (!branchId)
      return ctx.reply(
        noticeCard({ title: { zh: '七一评选' }, text: { zh: '没有找到你所在的支部。' }, tone: 'hint' }),
      );
    const now = ctx.clock.now();
    const year = yearOf(now);
    const manage =
      (await requireRole(ctx.conn, ctx.senderOpenId, SELECTION_PERMISSIONS.manage, branchId)).ok &&
      ctx.chatType === 'p2p';
    const s = await findSelection(ctx.conn, selectionIdOf(branchId, year));
    if (s) return ctx.reply(await statusCard(ctx.conn, s, manage, now));
    if (manage) {
      const branch = await findBranch(ctx.conn, branchId);
      return ctx.reply(selectionStartCard({ branchId, branchName: branch?.name ?? branchId, year }));
    }
    return ctx.reply(
      noticeCard({ title: { zh: '七一评选' }, text: { zh: `${year}年的评选尚未开始。` }, tone: 'hint' }),
    );
  },
};
