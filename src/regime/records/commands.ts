/** 记实 (open this month's record), 我的记实 (my past months), 补录 (the secretary reopens a member's month). */
import { noticeCard } from '../../../cards/org-notice.js';
import { recordHistoryCard } from '../../../cards/record-history.js';
import type { Command, CommandContext } from '../../bot/module.js';
import {
  findBranch,
  listBranchPeople,
  recordAudit,
  refusalCard,
  requireRole,
  sourceOf,
} from '../../org/index.js';
import { recentMonths } from './access.js';
import { branchWithRole } from './member-branch.js';
import { branchTimeZone, monthLabel, monthOf, previousPeriodKey } from './months.js';
import { RECORD_PERMISSIONS } from './permissions.js';
import { currentRecordCard, recordForm, type RecordDeps } from './record-form.js';
import { findRecord, findRecordMonth, reopenForMember } from './records.repository.js';

const privateOnly = (word: string) =>
  noticeCard({
    title: { zh: '请私聊使用', en: 'Use it in private chat' },
    text: { zh: `「${word}」请在和我的私聊里发送。`, en: `Send "${word}" to me in private chat.` },
    tone: 'hint',
  });

async function memberBranch(ctx: CommandContext): Promise<string | undefined> {
  const branchId = await branchWithRole(ctx.conn, ctx.senderOpenId, 'member');
  if (!branchId) {
    const refusal = await requireRole(ctx.conn, ctx.senderOpenId, RECORD_PERMISSIONS.answer);
    if (!refusal.ok) await ctx.reply(refusalCard(refusal));
  }
  return branchId;
}

export function recordCommands(deps: RecordDeps): Command[] {
  return [
    {
      name: 'record',
      words: ['记实', 'record'],
      summary: '填写或修改本月记实',
      async run(ctx) {
        if (ctx.chatType !== 'p2p') return ctx.reply(privateOnly('记实'));
        const branchId = await memberBranch(ctx);
        if (!branchId) return;
        const tz = await branchTimeZone(ctx.conn, ctx.config, branchId);
        const now = ctx.clock.now();
        // Early in a month the previous one is still open until the 3rd: an unanswered one comes first.
        const current = monthOf(now, tz);
        const previous = previousPeriodKey(current);
        const prevOpen =
          inFirstDays(now, tz) && !(await findRecordMonth(ctx.conn, branchId, previous))?.closedAt;
        const month =
          prevOpen && !(await findRecord(ctx.conn, branchId, previous, ctx.senderOpenId))
            ? previous
            : current;
        await ctx.reply(
          await currentRecordCard(ctx.conn, deps, { branchId, month, openId: ctx.senderOpenId }),
        );
      },
    },
    {
      name: 'my-records',
      words: ['我的记实', 'my records'],
      summary: '查看我近几个月的记实和评定',
      async run(ctx) {
        const branchId = await memberBranch(ctx);
        if (!branchId) return;
        const months = await recentMonths(ctx.conn, {
          branchId,
          openId: ctx.senderOpenId,
          months: 6,
          now: ctx.clock.now(),
          tz: await branchTimeZone(ctx.conn, ctx.config, branchId),
        });
        await ctx.reply(
          recordHistoryCard({
            branchName: (await findBranch(ctx.conn, branchId))?.name ?? branchId,
            months: months
              .filter((m) => m.recordText || m.rating)
              .map((m) => ({
                monthLabel: monthLabel(m.month),
                text: m.recordText,
                late: m.late,
                rating: m.rating,
                final: m.ratingFinal,
              })),
          }),
        );
      },
    },
    {
      name: 'reopen-record',
      words: ['补录', 'reopen record'],
      summary: '（书记）为截止后的党员重新打开上月记实：补录 姓名',
      run: (ctx) => reopen(ctx, deps),
    },
  ];
}

/** Day 1–9 of the month, when last month may still be open (it closes on the 3rd, later after holidays). */
function inFirstDays(now: Date, tz: string): boolean {
  const day = Number(new Intl.DateTimeFormat('en-GB', { timeZone: tz, day: 'numeric' }).format(now));
  return day < 10;
}

async function reopen(ctx: CommandContext, deps: RecordDeps): Promise<void> {
  const branchId = await branchWithRole(ctx.conn, ctx.senderOpenId, 'secretary');
  const allowed = await requireRole(ctx.conn, ctx.senderOpenId, RECORD_PERMISSIONS.reopen, branchId);
  if (!allowed.ok || !branchId) {
    return ctx.reply(
      refusalCard(allowed.ok ? { ok: false, message: '只有支部书记可以为党员补录记实', en: '' } : allowed),
    );
  }
  const name = ctx.args.replace(/\s*\d{4}-\d{2}\s*$/, '').trim();
  const members = await listBranchPeople(ctx.conn, branchId);
  const member = members.find((m) => m.name === name);
  if (!member) {
    return ctx.reply(
      noticeCard({
        title: { zh: '请说明为谁补录', en: 'Who?' },
        text: {
          zh: `${name ? `本支部没有叫「${name}」的党员。` : ''}请发送「补录 姓名」，例如「补录 ${members[0]?.name ?? '张三'}」。`,
          en: 'Send "补录 <name>".',
        },
        tone: 'hint',
      }),
    );
  }
  const tz = await branchTimeZone(ctx.conn, ctx.config, branchId);
  const month = /\d{4}-\d{2}/.exec(ctx.args)?.[0] ?? previousPeriodKey(monthOf(ctx.clock.now(), tz));
  const state = await findRecordMonth(ctx.conn, branchId, month);
  if (!state?.closedAt) {
    return ctx.reply(
      noticeCard({
        title: { zh: '无需补录', en: 'Still open' },
        text: { zh: `${monthLabel(month)}记实还没有截止，${member.name}可以直接填写。`, en: 'Still open.' },
        tone: 'hint',
      }),
    );
  }
  const reopened = await reopenForMember(ctx.conn, branchId, month, member.openId);
  if (reopened) {
    await recordAudit(ctx.conn, {
      at: ctx.clock.now(),
      actor: ctx.senderOpenId,
      actorName: allowed.person.name,
      action: 'record.reopen',
      branchId,
      target: { type: 'record', id: `${branchId}:${month}:${member.openId}` },
      source: sourceOf(ctx),
    });
    await ctx.outbox.enqueue(`record.reopen:${branchId}:${month}:${member.openId}`, {
      op: 'send',
      receiveIdType: 'open_id',
      receiveId: member.openId,
      card: await recordForm(ctx.conn, deps, { branchId, month, openId: member.openId, kind: 'open' }),
    });
  }
  await ctx.reply(
    noticeCard({
      title: { zh: '已打开补录', en: 'Reopened' },
      text: {
        zh: `已为 **${member.name}** 重新打开${monthLabel(month)}记实${reopened ? '，并私信发去了填写卡片' : '（此前已打开）'}。`,
        en: `Reopened for ${member.name}.`,
      },
      tone: 'done',
    }),
  );
}
