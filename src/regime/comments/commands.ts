/** 点评 (comment now, or pick whom), 点评登记 (the register), 整改 (my things to put right). */
import { z } from 'zod';
import { commentItemsCard } from '../../../cards/comment-items.js';
import { commentPromptCard } from '../../../cards/comment-prompt.js';
import { commentRegisterCard } from '../../../cards/comment-register.js';
import { noticeCard } from '../../../cards/org-notice.js';
import { defineAction, type ActionDefinition, type Command } from '../../bot/module.js';
import { listBranchesWithRole, refusalCard, refusalReply, requireRole, sourceOf } from '../../org/index.js';
import { periodKey } from '../../schedule/period.js';
import { targetsOf } from './duties.js';
import { dueCycle } from './entry.js';
import type { CommentDeps } from './facts.js';
import { openForm } from './form-actions.js';
import { itemRowsFor, registerRows } from './register.js';
import { COMMENT_PERMISSIONS } from './shared.js';
import { promptView, TZ } from './views.js';

const PERIOD = /^\d{4}(?:-(?:Q[1-4]|H[12]))?$/i;

export function commentCommands(deps: CommentDeps): Command[] {
  return [
    {
      name: 'comment',
      words: ['点评'],
      summary: '点评党员或支部（点评 姓名/支部名）',
      async run(ctx) {
        const allowed = await requireRole(ctx.conn, ctx.senderOpenId, COMMENT_PERMISSIONS.comment);
        if (!allowed.ok) return ctx.reply(refusalCard(allowed));
        const period = periodKey('quarter', ctx.clock.now(), TZ);
        if (!ctx.args)
          return ctx.reply(
            commentPromptCard(await promptView(ctx.conn, ctx.senderOpenId, 'ad-hoc', period, 1)),
          );
        const found = (await targetsOf(ctx.conn, ctx.senderOpenId)).filter((t) => t.name === ctx.args);
        if (found.length !== 1) {
          return ctx.reply(
            noticeCard({
              title: { zh: '没有找到点评对象' },
              text: { zh: `「${ctx.args}」不是您的点评对象。发送「点评」可从名单中选择。` },
              tone: 'hint',
            }),
          );
        }
        const t = found[0]!;
        // The comment still due in an open window, when there is one: the prompt card counts it.
        const cycle = (await dueCycle(ctx, ctx.senderOpenId, t)) ?? { kind: 'ad-hoc' as const, period };
        const r = await openForm(ctx, deps, {
          source: sourceOf(ctx),
          commenterId: ctx.senderOpenId,
          commenterName: allowed.person.name,
          ...cycle,
          type: t.type,
          id: t.id,
        });
        await ctx.reply(
          r.card ?? noticeCard({ title: { zh: '点评' }, text: { zh: r.message }, tone: 'hint' }),
        );
      },
    },
    {
      name: 'comment-register',
      words: ['点评登记'],
      summary: '查看点评情况登记表（可加期间和点评人：点评登记 2026-Q3 姓名）',
      async run(ctx) {
        const allowed = await requireRole(ctx.conn, ctx.senderOpenId, COMMENT_PERMISSIONS.register);
        if (!allowed.ok) return ctx.reply(refusalCard(allowed));
        const words = ctx.args.split(/\s+/).filter(Boolean);
        const period = words.find((w) => PERIOD.test(w))?.toUpperCase();
        const commenter = words.filter((w) => !PERIOD.test(w)).join(' ') || undefined;
        await ctx.reply(await registerCard(ctx, ctx.senderOpenId, { period, commenter, page: 1 }));
      },
    },
    {
      name: 'comment-items',
      words: ['整改'],
      summary: '查看我的整改事项，报告进展或办结',
      async run(ctx) {
        const rows = await itemRowsFor(ctx.conn, ctx.senderOpenId, ctx.clock.now());
        await ctx.reply(commentItemsCard({ rows, page: 1 }));
      },
    },
  ];
}

async function registerCard(
  ctx: { conn: Parameters<typeof registerRows>[0]; clock: { now(): Date } },
  openId: string,
  f: { period?: string | undefined; commenter?: string | undefined; page: number },
) {
  const branches = await listBranchesWithRole(ctx.conn, openId, COMMENT_PERMISSIONS.register.roles);
  const rows = (
    await registerRows(ctx.conn, {
      branchIds: branches.map((b) => b.id),
      ...(f.period ? { period: f.period } : {}),
      now: ctx.clock.now(),
    })
  ).filter((r) => !f.commenter || r.commenterName === f.commenter);
  return commentRegisterCard({
    scope: branches.length === 1 ? branches[0]!.name : `${branches.length}个支部`,
    ...(f.period ? { period: f.period } : {}),
    ...(f.commenter ? { commenter: f.commenter } : {}),
    rows,
    page: f.page,
  });
}

export const listActions: Record<string, ActionDefinition<unknown, unknown>> = {
  'comment.register-page': defineAction({
    value: z.object({
      period: z.string().optional(),
      commenter: z.string().optional(),
      page: z.number().int().min(1),
    }),
    run: async (ctx) => {
      const allowed = await requireRole(ctx.conn, ctx.operatorOpenId, COMMENT_PERMISSIONS.register);
      if (!allowed.ok) return refusalReply(allowed);
      return { card: await registerCard(ctx, ctx.operatorOpenId, ctx.value) };
    },
  }),
  'comment.items-page': defineAction({
    value: z.object({ page: z.number().int().min(1) }),
    run: async (ctx) => ({
      card: commentItemsCard({
        rows: await itemRowsFor(ctx.conn, ctx.operatorOpenId, ctx.clock.now()),
        page: ctx.value.page,
      }),
    }),
  }),
};
