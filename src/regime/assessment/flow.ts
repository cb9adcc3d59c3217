/**
 * The year's states: a draft is (re)built from the sources whenever the secretary opens it, so it shows the
 * latest figures; 确认公示 freezes it (the first confirmation wins), posts the 公示 to the branch group and
 * the summary to the reviewers; when the notice period ends it is final and the reviewers get the result.
 * Every post is keyed by branch, year and chat, so a retry or a double click posts once.
 */
import type { HandlerContext as Full } from '../../bot/context.js';
import { findBranch, findBranchChats, listBranchPeople, ALL_BRANCHES } from '../../org/index.js';
import { DEFAULT_TIME_ZONE } from '../../schedule/calendar.js';
import type { AssessmentSources } from '../ports.js';
import { NOTICE_DAYS } from '../ratings/rating.entity.js';
import type { AssessmentYear } from './assessment.entity.js';
import { findYear, markFinal, markNotice } from './assessment.repository.js';
import { buildAssessments } from './build.js';
import { disclosureCard, summaryCard } from './views.js';

/** What these steps need: a card click's, a command's or a job's tools alike. */
type HandlerContext = Omit<Full, 'eventId'>;

export async function branchZone(ctx: HandlerContext, branchId: string): Promise<string> {
  return (await findBranch(ctx.conn, branchId))?.timezone ?? DEFAULT_TIME_ZONE;
}

/** The year as it stands: rebuilt while a draft, made final once its notice period is over. */
export async function currentYear(
  ctx: HandlerContext,
  sources: AssessmentSources,
  q: { branchId: string; year: number },
): Promise<AssessmentYear | undefined> {
  const before = await findYear(ctx.conn, q.branchId, q.year);
  if (!before || before.status === 'draft')
    await buildAssessments(ctx.conn, sources, {
      branchIds: [q.branchId],
      year: q.year,
      now: ctx.clock.now(),
    });
  const y = await findYear(ctx.conn, q.branchId, q.year);
  return y && (await finaliseIfDue(ctx, y));
}

async function reviewersOf(ctx: HandlerContext, branchId: string) {
  const all = [
    ...(await listBranchPeople(ctx.conn, branchId, 'reviewer')),
    ...(await listBranchPeople(ctx.conn, ALL_BRANCHES, 'reviewer')),
  ];
  return [...new Set(all.map((p) => p.openId))];
}

async function sendSummary(ctx: HandlerContext, y: AssessmentYear, stage: string) {
  const card = await summaryCard(ctx.conn, y);
  for (const r of await reviewersOf(ctx, y.branchId)) {
    await ctx.outbox.enqueue(`assessment.${stage}:${y._id}:${r}`, {
      op: 'send',
      receiveIdType: 'open_id',
      receiveId: r,
      card,
    });
  }
}

export async function finaliseIfDue(ctx: HandlerContext, y: AssessmentYear): Promise<AssessmentYear> {
  const now = ctx.clock.now();
  if (y.status !== 'notice' || !y.noticeEndsAt || y.noticeEndsAt.getTime() > now.getTime()) return y;
  await markFinal(ctx.conn, y.branchId, y.year, now);
  const final = (await findYear(ctx.conn, y.branchId, y.year))!;
  await sendSummary(ctx, final, 'final');
  return final;
}

/** Publishes; `first` is false when it was published before (then the posts are only finished). */
export async function publishYear(
  ctx: HandlerContext,
  q: { branchId: string; year: number; by: string },
): Promise<{ first: boolean; year: AssessmentYear; posted: string[] }> {
  const now = ctx.clock.now();
  const first = await markNotice(ctx.conn, {
    ...q,
    at: now,
    noticeEndsAt: new Date(now.getTime() + NOTICE_DAYS * 86_400_000),
  });
  const y = (await findYear(ctx.conn, q.branchId, q.year))!;
  const posted: string[] = [];
  const group = (await findBranchChats(ctx.conn, q.branchId)).branch_group;
  if (group) {
    const card = await disclosureCard(ctx.conn, y, await branchZone(ctx, q.branchId));
    await ctx.outbox.enqueue(`assessment.publish:${y._id}:group:${group}`, {
      op: 'send',
      receiveIdType: 'chat_id',
      receiveId: group,
      card,
      disclosure: {
        kind: 'assessment.annual',
        title: `${q.year}年度党员年终考核结果公示`,
        branchIds: [q.branchId],
        period: String(q.year),
        data: { summary: y.summary, weights: y.weights, noticeEndsAt: y.noticeEndsAt },
      },
    });
    posted.push('支部群');
  }
  await sendSummary(ctx, y, 'notice');
  return { first, year: y, posted };
}
