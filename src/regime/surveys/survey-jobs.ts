/**
 * survey.open (15 June / 15 December): the survey needs the branch's work report first, so the job does
 * not open it by itself; it invites each secretary privately with the opening form.
 * survey.close (22nd, 18:00): closes the half's survey and posts the results.
 */
import { defineJob } from '../../schedule/index.js';
import { listBranchPeople } from '../../org/index.js';
import { closeSurvey } from './close-survey.js';
import { findSurvey, surveyIdOf } from './survey.repository.js';
import { manageView } from './survey-views.js';

export const surveyOpenJob = defineJob('survey.open', async (ctx) => {
  if (await findSurvey(ctx.conn, surveyIdOf(ctx.branch.id, ctx.periodKey))) return;
  const now = ctx.clock.now();
  const card = await manageView(
    ctx.conn,
    ctx.branch.id,
    now,
    '**本期群众评议开始了。** 请填写支部工作报告，开启后将先发布报告，再发评议卡片，为期约一周。',
  );
  for (const s of await listBranchPeople(ctx.conn, ctx.branch.id, 'secretary')) {
    await ctx.outbox.enqueue(`${ctx.runKey}:invite:${s.openId}`, {
      op: 'send',
      receiveIdType: 'open_id',
      receiveId: s.openId,
      card,
    });
  }
});

export const surveyCloseJob = defineJob('survey.close', async (ctx) => {
  const s = await findSurvey(ctx.conn, surveyIdOf(ctx.branch.id, ctx.periodKey));
  if (!s || s.status === 'closed') return;
  await closeSurvey(ctx, {
    surveyId: s._id,
    actor: 'scheduler',
    source: { via: 'job', ref: 'survey.close' },
    now: ctx.clock.now(),
  });
});
