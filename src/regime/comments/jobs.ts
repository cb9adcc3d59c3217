/**
 * The comment calendar: 一季一点评 / 半年一检查 / 一年一总评 prompt every commenter with one card; a weekly
 * follow-up chases who is behind while the window is open and reminds of things to put right before and
 * after their due date; 一月一提醒 sends each leader one card of what is due and what is still open.
 *
 * Commenters and leaders act across branches while jobs run per branch: their cards gather every branch
 * and are keyed per person and period WITHOUT the branch, so the first branch's run sends the card and the
 * others' runs find the key taken.
 */
import { commentPromptCard } from '../../../cards/comment-prompt.js';
import { commentBehindCard, itemReminderCard, leaderRemindCard } from '../../../cards/comment-remind.js';
import {
  findPeople,
  listActiveBranches,
  listBranchPeople,
  listBranchRoles,
  ALL_BRANCHES,
} from '../../org/index.js';
import { addDays, localDate } from '../../schedule/calendar.js';
import { defineJob, type JobContext, type JobDefinition } from '../../schedule/index.js';
import { periodKey, previousPeriodKey } from '../../schedule/period.js';
import {
  commentId,
  itemLabel,
  KIND_TITLES,
  periodName,
  promptId,
  type CommentKind,
} from './comment.entity.js';
import { createPromptIfMissing, findComments, listComments, listPrompts } from './comment.repository.js';
import { commentersIn, leadersIn, targetsOf } from './duties.js';
import { promptKey, sendPrivately } from './shared.js';
import { promptView, TZ } from './views.js';

/** Days the window stays open from the day the prompt goes out (quarterly: the 1st–10th). */
const WINDOW_DAYS: Record<Exclude<CommentKind, 'ad-hoc'>, number> = {
  quarterly: 10,
  'half-year': 14,
  annual: 27,
};

async function promptCycle(ctx: JobContext, kind: Exclude<CommentKind, 'ad-hoc'>): Promise<void> {
  const due = addDays(localDate(ctx.deliverAt, TZ), WINDOW_DAYS[kind] - 1);
  for (const commenterId of await commentersIn(ctx.conn, ctx.branch.id)) {
    const targets = await targetsOf(ctx.conn, commenterId);
    if (targets.length === 0) continue;
    await createPromptIfMissing(ctx.conn, {
      id: promptId(kind, ctx.periodKey, commenterId),
      kind,
      period: ctx.periodKey,
      commenterId,
      due,
      targets,
      branchIds: [...new Set(targets.map((t) => t.branchId))],
      createdAt: ctx.clock.now(),
    });
    const view = await promptView(ctx.conn, commenterId, kind, ctx.periodKey, 1);
    await sendPrivately(
      ctx,
      promptKey(kind, ctx.periodKey, commenterId),
      commenterId,
      commentPromptCard(view),
    );
  }
}

/** While a window is open: the commenters still behind get their card again; the secretary and reviewers see who. */
async function chaseCycles(ctx: JobContext): Promise<void> {
  const day = localDate(ctx.deliverAt, TZ);
  // A prompt sent after this run was planned is not chased yet: its card has only just gone out.
  const open = (await listPrompts(ctx.conn, { branchId: ctx.branch.id })).filter(
    (p) => p.due >= day && p.createdAt < ctx.plannedAt,
  );
  const byCycle = new Map<string, typeof open>();
  for (const p of open)
    byCycle.set(`${p.kind}:${p.period}`, [...(byCycle.get(`${p.kind}:${p.period}`) ?? []), p]);
  for (const prompts of byCycle.values()) {
    const rows = [];
    for (const p of prompts) {
      const here = p.targets.filter((t) => t.branchId === ctx.branch.id);
      const done = (
        await findComments(
          ctx.conn,
          here.map((t) => commentId(p.kind, p.period, p.commenterId, t)),
        )
      ).filter((c) => c.status !== 'draft');
      rows.push({ commenterId: p.commenterId, pending: here.length - done.length, total: here.length });
      const view = await promptView(ctx.conn, p.commenterId, p.kind, p.period, 1);
      if (view.rows.some((r) => r.state !== 'done'))
        await sendPrivately(
          ctx,
          `comment.chase:${p.id}:${ctx.periodKey}`,
          p.commenterId,
          commentPromptCard({ ...view, reminder: true }),
        );
    }
    const first = prompts[0]!;
    const names = new Map(
      (
        await findPeople(
          ctx.conn,
          rows.map((r) => r.commenterId),
        )
      ).map((p) => [p.openId, p.name]),
    );
    const card = commentBehindCard({
      heading: `${periodName(first.period)}${KIND_TITLES[first.kind]}`,
      branchName: ctx.branch.name,
      due: first.due,
      rows: rows
        .filter((r) => r.total > 0)
        .map((r) => ({
          commenter: names.get(r.commenterId) ?? r.commenterId,
          pending: r.pending,
          total: r.total,
        })),
    });
    const overseers = [
      ...(await listBranchPeople(ctx.conn, ctx.branch.id, 'secretary')).map((p) => p.openId),
      ...(await listBranchRoles(ctx.conn, { branchId: ctx.branch.id, roles: ['reviewer'] })).map(
        (r) => r.openId,
      ),
      ...(await listBranchRoles(ctx.conn, { branchId: ALL_BRANCHES, roles: ['reviewer'] })).map(
        (r) => r.openId,
      ),
    ];
    for (const to of new Set(overseers))
      await sendPrivately(ctx, `${ctx.runKey}:behind:${first.kind}:${first.period}:${to}`, to, card);
  }
}

/** Things to put right: due within three days (once), and past due (once a week until closed). */
async function remindItems(ctx: JobContext): Promise<void> {
  const day = localDate(ctx.deliverAt, TZ);
  const soon = addDays(day, 3);
  for (const c of await listComments(ctx.conn, { branchIds: [ctx.branch.id], status: ['published'] })) {
    for (const it of c.items) {
      if (it.state !== 'open' || it.due > soon) continue;
      const overdue = itemLabel(it, day) === '已逾期';
      const base = {
        overdue,
        targetName: c.target.name,
        commenterName: c.commenterName,
        text: it.text,
        due: it.due,
        commentId: c.id,
        no: it.no,
      };
      const key = overdue
        ? `comment.item-overdue:${c.id}:${it.no}:${ctx.periodKey}`
        : `comment.item-due:${c.id}:${it.no}`;
      const targets =
        c.target.type === 'member'
          ? [c.target.id]
          : (await listBranchPeople(ctx.conn, c.branchId, 'secretary')).map((p) => p.openId);
      for (const to of targets)
        await sendPrivately(ctx, `${key}:${to}`, to, itemReminderCard({ ...base, forTarget: true }));
      if (overdue)
        await sendPrivately(
          ctx,
          `${key}:${c.commenterId}`,
          c.commenterId,
          itemReminderCard({ ...base, forTarget: false }),
        );
    }
  }
}

/** 一月一提醒: each leader's contact points still due this quarter's comment, and their open items. */
async function remindLeaders(ctx: JobContext): Promise<void> {
  const quarter = previousPeriodKey(periodKey('quarter', ctx.deliverAt, TZ));
  const day = localDate(ctx.deliverAt, TZ);
  const branchNames = new Map((await listActiveBranches(ctx.conn)).map((b) => [b.id, b.name]));
  for (const leader of await leadersIn(ctx.conn, ctx.branch.id)) {
    const targets = await targetsOf(ctx.conn, leader);
    const made = await findComments(
      ctx.conn,
      targets.map((t) => commentId('quarterly', quarter, leader, t)),
    );
    const done = new Set(made.filter((c) => c.status !== 'draft').map((c) => c.target.id));
    const due = new Map<string, string[]>();
    for (const t of targets.filter((t) => !done.has(t.id)))
      due.set(t.branchId, [
        ...(due.get(t.branchId) ?? []),
        t.type === 'branch' ? `${t.name}（支部）` : t.name,
      ]);
    const items = (await listComments(ctx.conn, { commenterId: leader, status: ['published'] })).flatMap(
      (c) =>
        c.items
          .filter((i) => i.state === 'open')
          .map((i) => ({ text: i.text, who: c.target.name, due: i.due, label: itemLabel(i, day) })),
    );
    const card = leaderRemindCard({
      monthName: `${Number(ctx.periodKey.slice(5))}月`,
      periodName: periodName(quarter),
      kind: 'quarterly',
      period: quarter,
      due: [...due].map(([id, names]) => ({ branchName: branchNames.get(id) ?? id, names })),
      items,
    });
    await sendPrivately(ctx, `comment.leader-remind:${ctx.periodKey}:${leader}`, leader, card);
  }
}

/** A weekly pass that chases open windows and reminds of things to put right around their due dates. */
export const followUpJob: JobDefinition = defineJob('comment.follow-up', async (ctx) => {
  await chaseCycles(ctx);
  await remindItems(ctx);
});

export const commentJobs: JobDefinition[] = [
  defineJob('comment.quarterly', (ctx) => promptCycle(ctx, 'quarterly')),
  defineJob('comment.half-year', (ctx) => promptCycle(ctx, 'half-year')),
  defineJob('comment.annual', (ctx) => promptCycle(ctx, 'annual')),
  defineJob('comment.leader-remind', remindLeaders),
  followUpJob,
];
