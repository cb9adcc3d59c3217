/**
 * The pledge steps of the default calendar. Every message is keyed by the run (`ctx.runKey`) and recipient,
 * so a retried or repeated run sends nothing twice.
 *   pledge.open         invitations: the book to the secretary, a card to every member, 征求意见 to the groups
 *   pledge.chase        weekly in March: members without an approved card, privately; the secretary one list;
 *                       and reviews waiting over three working days, to their reviewers (chosen here because
 *                       March is when reviews pile up before the 31 March deadline)
 *   briefing.quarterly  after each quarter: the standing per member and per theme, with what was ticked off,
 *                       to the secretary (with the 通报会 reminder) and the office channel
 */
import { chaseCard, digestCard, missingListCard, reviewChaseCard } from '../../../cards/pledge-briefing.js';
import { inviteCard, suggestInviteCard } from '../../../cards/pledge-invite.js';
import type { Counts } from '../../../cards/pledge-ledger.js';
import { findBranchChats, listBranchPeople, type AuditSource } from '../../org/index.js';
import { defineJob, type JobDefinition } from '../../schedule/index.js';
import type { JobContext } from '../../schedule/index.js';
import { periodBounds } from '../../schedule/period.js';
import { pledgeTitle, todayIn, yearIn } from './branch-context.js';
import { branchPledges } from './departed.js';
import { reviewersOf } from './drafting.js';
import { countLines } from './ledger.js';
import { listFulfilledBetween, listLines } from './ledger.repository.js';
import { currentRound, pledgeId } from './pledge.entity.js';
import { workingDaysBetween } from './queue.js';
import { sendPrivately, sendToChat } from './send.js';
import { BRANCH_THEMES, MEMBER_THEMES } from './themes.js';

const REVIEW_CHASE_DAYS = 3;
const source = (ctx: JobContext): AuditSource => ({ via: 'job', ref: ctx.runKey });

async function open(ctx: JobContext) {
  const year = Number(ctx.periodKey);
  const b = ctx.branch;
  for (const s of await listBranchPeople(ctx.conn, b.id, 'secretary'))
    await sendPrivately(
      ctx,
      `${ctx.runKey}:book:${s.openId}`,
      s.openId,
      inviteCard({ pledgeId: pledgeId(year, b.id, b.id), kind: 'branch', year, branchName: b.name }),
    );
  for (const m of await listBranchPeople(ctx.conn, b.id, 'member'))
    await sendPrivately(
      ctx,
      `${ctx.runKey}:card:${m.openId}`,
      m.openId,
      inviteCard({ pledgeId: pledgeId(year, b.id, m.openId), kind: 'member', year, branchName: b.name }),
    );
  const chats = await findBranchChats(ctx.conn, b.id);
  const card = suggestInviteCard({ branchId: b.id, branchName: b.name, year, themes: BRANCH_THEMES });
  for (const chatId of new Set([chats.branch_group, chats.evaluators_group]))
    if (chatId) await sendToChat(ctx, `${ctx.runKey}:suggest:${chatId}`, chatId, card);
}

const STATE: Record<string, string> = {
  draft: '还没有提交审核',
  returned: '被退回，尚未重新提交',
  submitted: '正在审核',
};

async function chase(ctx: JobContext) {
  const now = ctx.clock.now();
  const year = yearIn(ctx.deliverAt, ctx.branch.timezone);
  const { pledges, members } = await branchPledges(ctx.conn, {
    branchId: ctx.branch.id,
    year,
    now,
    source: source(ctx),
  });
  const byOwner = new Map(pledges.map((p) => [p.ownerId, p]));
  const missing: Array<{ name: string; state: string }> = [];
  for (const m of members) {
    const p = byOwner.get(m.openId);
    if (p && p.published.length > 0) continue;
    const state = p ? (STATE[p.status] ?? '尚未完成') : '还没有填写';
    missing.push({ name: m.name, state });
    if (p?.status !== 'submitted')
      await sendPrivately(
        ctx,
        `${ctx.runKey}:chase:${m.openId}`,
        m.openId,
        chaseCard({ pledgeId: pledgeId(year, ctx.branch.id, m.openId), year, state }),
      );
  }
  if (missing.length)
    for (const s of await listBranchPeople(ctx.conn, ctx.branch.id, 'secretary'))
      await sendPrivately(
        ctx,
        `${ctx.runKey}:missing:${s.openId}`,
        s.openId,
        missingListCard({ branchName: ctx.branch.name, year, missing }),
      );
  for (const p of pledges) {
    const round = currentRound(p);
    if (p.status !== 'submitted' || !round) continue;
    const days = workingDaysBetween(round.submittedAt, now, ctx.branch.timezone);
    if (days <= REVIEW_CHASE_DAYS) continue;
    const card = reviewChaseCard({
      pledgeId: p._id,
      title: await pledgeTitle(ctx.conn, p, ctx.branch.name),
      days,
    });
    for (const r of await reviewersOf(ctx, p, round.reviewerRole))
      await sendPrivately(ctx, `${ctx.runKey}:review:${p._id}:r${round.n}:${r}`, r, card);
  }
}

async function briefing(ctx: JobContext) {
  const tz = ctx.branch.timezone;
  const { start, end } = periodBounds(ctx.periodKey, tz);
  const year = yearIn(start, tz);
  const now = ctx.clock.now();
  const day = todayIn(now, tz);
  const { members } = await branchPledges(ctx.conn, {
    branchId: ctx.branch.id,
    year,
    now,
    source: source(ctx),
  });
  const [lines, ticked] = await Promise.all([
    listLines(ctx.conn, { branchId: ctx.branch.id, year }),
    listFulfilledBetween(ctx.conn, { branchId: ctx.branch.id, from: start, to: end }),
  ]);
  const names = new Map(members.map((m) => [m.openId, m.name]));
  names.set(ctx.branch.id, '支部');
  const people: Array<{ name: string } & Counts> = [ctx.branch.id, ...members.map((m) => m.openId)]
    .map((id) => ({
      name: names.get(id)!,
      ...countLines(
        lines.filter((l) => l.ownerId === id),
        day,
      ),
    }))
    .filter((p) => p.total > 0);
  const themes = [...BRANCH_THEMES, ...MEMBER_THEMES]
    .map((theme) => ({
      theme,
      ...countLines(
        lines.filter((l) => l.theme === theme),
        day,
      ),
    }))
    .filter((t) => t.total > 0);
  const view = {
    branchName: ctx.branch.name,
    quarter: ctx.periodKey.replace('-Q', '年第') + '季度',
    totals: countLines(lines, day),
    people,
    themes,
    ticked: ticked.map((l) => ({ name: names.get(l.ownerId) ?? '已离开', text: l.doneText ?? l.text })),
  };
  for (const s of await listBranchPeople(ctx.conn, ctx.branch.id, 'secretary'))
    await sendPrivately(
      ctx,
      `${ctx.runKey}:secretary:${s.openId}`,
      s.openId,
      digestCard({ ...view, forSecretary: true }),
    );
  const chats = await findBranchChats(ctx.conn, ctx.branch.id);
  if (chats.office_channel)
    await sendToChat(
      ctx,
      `${ctx.runKey}:office`,
      chats.office_channel,
      digestCard({ ...view, forSecretary: false }),
      {
        kind: 'pledge.quarterly',
        title: `${view.quarter}践诺情况通报`,
        branchIds: [ctx.branch.id],
        period: ctx.periodKey,
        data: view,
      },
    );
}

export const pledgeJobs: readonly JobDefinition[] = [
  defineJob('pledge.open', open),
  defineJob('pledge.chase', chase),
  defineJob('briefing.quarterly', briefing),
];
