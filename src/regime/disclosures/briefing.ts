/**
 * 通报 (督促通报): the secretary or an admin asks for a briefing on their branch any time; the bot answers
 * with a preview, and 发布通报 posts it to the office channel — archived as a disclosure, audited, once
 * however often the button is pressed (the key names the preview message).
 */
import { z } from 'zod';
import { briefingCard, BRIEFING_POST_ACTION } from '../../../cards/briefing.js';
import { noticeCard } from '../../../cards/org-notice.js';
import { defineAction, type ActionContext, type Command } from '../../bot/module.js';
import {
  findBranch,
  recordAudit,
  refusalCard,
  refusalReply,
  requireRole,
  sendToChats,
  sourceOf,
} from '../../org/index.js';
import { DEFAULT_TIME_ZONE } from '../../schedule/calendar.js';
import { briefingView } from './briefing-view.js';
import { branchOfCommand } from './command-branch.js';
import type { DisclosureDeps } from './deps.js';
import { DISCLOSURE_PERMISSIONS } from './permissions.js';

const hint = (zh: string) =>
  noticeCard({ title: { zh: '督促通报', en: 'Briefing' }, text: { zh }, tone: 'hint' });

async function timeZoneOf(ctx: Pick<ActionContext, 'conn'>, branchId: string) {
  return (await findBranch(ctx.conn, branchId))?.timezone ?? DEFAULT_TIME_ZONE;
}

export function briefingCommand(deps: DisclosureDeps): Command {
  return {
    name: 'briefing',
    words: ['通报', 'briefing'],
    summary: '支部书记发布督促通报：践诺进度、记实评定、领导点评和逾期事项',
    async run(ctx) {
      // Anyone's own branch is found, so a member asking is refused with the roles named.
      const choice = await branchOfCommand(ctx, ['secretary', 'admin', 'member', 'reviewer', 'leader']);
      if ('problem' in choice) return ctx.reply(hint(choice.problem));
      const allowed = await requireRole(
        ctx.conn,
        ctx.senderOpenId,
        DISCLOSURE_PERMISSIONS.briefing,
        choice.branchId,
      );
      if (!allowed.ok) return ctx.reply(refusalCard(allowed));
      const tz = await timeZoneOf(ctx, choice.branchId);
      const view = await briefingView(ctx.conn, deps, {
        branchId: choice.branchId,
        now: ctx.clock.now(),
        tz,
      });
      await ctx.reply(briefingCard(view, 'preview'));
    },
  };
}

async function post(ctx: ActionContext<{ branch: string }, Record<string, never>>, deps: DisclosureDeps) {
  const branchId = ctx.value.branch;
  const allowed = await requireRole(ctx.conn, ctx.operatorOpenId, DISCLOSURE_PERMISSIONS.briefing, branchId);
  if (!allowed.ok) return refusalReply(allowed);
  const now = ctx.clock.now();
  const view = await briefingView(ctx.conn, deps, { branchId, now, tz: await timeZoneOf(ctx, branchId) });
  const sent = await sendToChats(ctx, {
    branchIds: [branchId],
    purpose: 'office_channel',
    key: `briefing:${branchId}:${ctx.messageId ?? ctx.eventId}`,
    card: () => briefingCard(view, 'channel'),
    disclosure: (chat) => ({
      kind: 'briefing',
      title: `${view.dateLabel} 督促通报 · ${view.branchName}`,
      branchIds: chat.branchIds,
      data: view,
    }),
  });
  if (sent.length === 0)
    return { toast: { type: 'warning' as const, content: '该支部还没有公开频道，请先绑定公开频道' } };
  if (sent.some((s) => s.queued))
    await recordAudit(ctx.conn, {
      at: now,
      actor: ctx.operatorOpenId,
      action: 'disclosure.briefing.post',
      branchId,
      target: { type: 'branch', id: branchId },
      detail: { chats: sent.map((s) => s.chatId) },
      source: sourceOf(ctx),
    });
  return {
    toast: { type: 'success' as const, content: '通报已发布到公开频道', en: 'Posted' },
    card: briefingCard(view, 'posted'),
  };
}

export const briefingActions = (deps: DisclosureDeps) => ({
  [BRIEFING_POST_ACTION]: defineAction({
    value: z.object({ branch: z.string().min(1) }),
    run: (ctx) => post(ctx, deps),
  }),
});
