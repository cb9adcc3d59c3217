/** The survey's card buttons: open, page, submit (evaluators); who is missing, links, close (secretary). */
import { z } from 'zod';
import { escapeMarkdown } from '../../../cards/kit.js';
import { noticeCard } from '../../../cards/org-notice.js';
import { surveyThanksCard } from '../../../cards/survey-form.js';
import { defineAction, type ActionContext } from '../../bot/module.js';
import { findBranch, recordAudit, refusalReply, requireRole, sourceOf } from '../../org/index.js';
import { answersFromForm, CLOSED, keepDraft, whyNot, submitAnswer, currentAnswers } from './answer-survey.js';
import { closeSurvey } from './close-survey.js';
import { forgetForm, pageKeyPrefix } from './scrub-deliveries.js';
import { currentHalf, formCard, openSurvey } from './open-survey.js';
import { SURVEY_PERMISSIONS } from './permissions.js';
import { DEFAULT_QUORUM, type Survey } from './survey.entity.js';
import { countBallots, findSurvey } from './survey.repository.js';
import { createLink } from './survey-links.js';
import { manageView, pendingNames } from './survey-views.js';

const surveyRef = z.object({ survey: z.string().min(1).max(80) });
const pageForm = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const warn = (content: string) => ({ toast: { type: 'warning' as const, content } });

/**
 * The survey, open, and the person allowed to answer it; else the toast that says why not. Either way the
 * click's form (the person's choices) is dropped from the delivery log once handled.
 */
async function answerable(ctx: ActionContext<unknown, unknown>, id: string) {
  const s = await findSurvey(ctx.conn, id);
  if (!s || s.status !== 'open') {
    await forgetForm(ctx, true);
    return { refusal: warn(CLOSED) };
  }
  const no = await whyNot(ctx, s, ctx.operatorOpenId);
  if (no) {
    await forgetForm(ctx);
    return { refusal: warn(no) };
  }
  return { survey: s };
}

/** A managing action: the survey and the secretary's authority over its branch. */
async function managed(
  ctx: ActionContext<unknown, unknown>,
  id: string,
  p: (typeof SURVEY_PERMISSIONS)[keyof typeof SURVEY_PERMISSIONS],
) {
  const s = await findSurvey(ctx.conn, id);
  if (!s) return { refusal: warn('找不到这次评议，请重新发送「评议」') };
  const allowed = await requireRole(ctx.conn, ctx.operatorOpenId, p, s.branchId);
  if (!allowed.ok) return { refusal: refusalReply(allowed) };
  return { survey: s as Survey };
}

const inSurveyChat = (ctx: ActionContext<unknown, unknown>, s: Survey) => ctx.chatId === s.chatId;

export const surveyActions = {
  'survey.open': defineAction({
    value: z.object({ branch: z.string().min(1) }),
    form: z.object({
      report: z.string().trim().min(10),
      link: z.string().optional(),
      quorum: z.string().optional(),
    }),
    formError: { type: 'warning', content: '请填写工作报告（至少10个字）后再开启' },
    run: async (ctx) => {
      const allowed = await requireRole(
        ctx.conn,
        ctx.operatorOpenId,
        SURVEY_PERMISSIONS.manage,
        ctx.value.branch,
      );
      if (!allowed.ok) return refusalReply(allowed);
      const q = ctx.formValue.quorum?.trim();
      const quorum = q ? Number(q) : DEFAULT_QUORUM;
      if (!Number.isInteger(quorum) || quorum < 1 || quorum > 10_000)
        return warn('法定人数请填写正整数，如 30');
      const link = ctx.formValue.link?.trim();
      if (link && !/^https?:\/\/\S+$/.test(link)) return warn('报告链接请以 http:// 或 https:// 开头');
      const now = ctx.clock.now();
      const branch = await findBranch(ctx.conn, ctx.value.branch);
      const opened = await openSurvey(ctx, {
        branchId: ctx.value.branch,
        period: currentHalf(now, branch?.timezone),
        report: ctx.formValue.report.trim(),
        ...(link ? { reportLink: link } : {}),
        quorum,
        actor: ctx.operatorOpenId,
        source: sourceOf(ctx),
        now,
      });
      if (!opened.ok) return warn(opened.message);
      return {
        toast: { type: 'success', content: '评议已开启，工作报告和评议卡片已发到群里' },
        card: await manageView(ctx.conn, ctx.value.branch, now),
      };
    },
  }),

  'survey.page': defineAction({
    value: surveyRef.extend({ page: z.number().int().min(0), to: z.number().int().min(0) }),
    form: pageForm,
    run: async (ctx) => {
      const { survey: s, refusal } = await answerable(ctx, ctx.value.survey);
      if (!s) return refusal;
      const page = answersFromForm(s, ctx.formValue);
      const answers = page.length
        ? await keepDraft(ctx, s, ctx.operatorOpenId, page)
        : await currentAnswers(ctx, s, ctx.operatorOpenId);
      await forgetForm(ctx);
      const chosen = new Map<string, string>(answers.map((a) => [a.targetId, a.choice]));
      const card = formCard(s, ctx.value.to, await countBallots(ctx.conn, s._id), chosen);
      if (!inSurveyChat(ctx, s)) return { card };
      // The group card is shared by everyone in the chat: the next page goes to the person privately.
      await ctx.outbox.enqueue(`${pageKeyPrefix(s._id)}${ctx.operatorOpenId}:${ctx.eventId}`, {
        op: 'send',
        receiveIdType: 'open_id',
        receiveId: ctx.operatorOpenId,
        card,
      });
      return { toast: { type: 'info', content: `已私信发送第 ${ctx.value.to + 1} 页，填写的内容已保存` } };
    },
  }),

  'survey.submit': defineAction({
    value: surveyRef.extend({ page: z.number().int().min(0) }),
    form: pageForm,
    run: async (ctx) => {
      const { survey: s, refusal } = await answerable(ctx, ctx.value.survey);
      if (!s) return refusal;
      const remark =
        typeof ctx.formValue['remark'] === 'string' ? ctx.formValue['remark'].slice(0, 300) : undefined;
      const done = await submitAnswer(ctx, s, ctx.operatorOpenId, answersFromForm(s, ctx.formValue), remark);
      await forgetForm(ctx);
      if (!done.ok) {
        const names =
          done.missing.slice(0, 3).join('、') +
          (done.missing.length > 3 ? ` 等 ${done.missing.length} 项` : '');
        return warn(`还有未评价的：${names}。已选的已保存，请补全后再提交`);
      }
      const toast = {
        type: 'success' as const,
        content: done.replaced ? '已更新你的评议（以最后一次为准）' : '已提交评议，谢谢参与',
      };
      if (inSurveyChat(ctx, s)) return { toast };
      return { toast, card: surveyThanksCard({ branchName: s.branchName, replaced: done.replaced }) };
    },
  }),

  'survey.pending': defineAction({
    value: surveyRef,
    run: async (ctx) => {
      const { survey: s, refusal } = await managed(ctx, ctx.value.survey, SURVEY_PERMISSIONS.remind);
      if (!s) return refusal;
      if (s.status !== 'open') return warn('评议已结束');
      return {
        card: await manageView(
          ctx.conn,
          s.branchId,
          ctx.clock.now(),
          undefined,
          await pendingNames(ctx.conn, s),
        ),
      };
    },
  }),

  'survey.link': defineAction({
    value: surveyRef,
    form: z.object({ name: z.string().trim().min(1).max(40) }),
    formError: { type: 'warning', content: '请填写评议代表的姓名' },
    run: async (ctx) => {
      const { survey: s, refusal } = await managed(ctx, ctx.value.survey, SURVEY_PERMISSIONS.link);
      if (!s) return refusal;
      if (s.status !== 'open') return warn('评议已结束，不能再生成链接');
      const now = ctx.clock.now();
      const name = ctx.formValue.name.trim();
      const token = await createLink(ctx.conn, {
        surveyId: s._id,
        forName: name,
        createdBy: ctx.operatorOpenId,
        now,
      });
      await recordAudit(ctx.conn, {
        at: now,
        actor: ctx.operatorOpenId,
        action: 'survey.link',
        branchId: s.branchId,
        target: { type: 'survey', id: s._id },
        detail: { forName: name },
        source: sourceOf(ctx),
      });
      const url = `${ctx.config.publicBaseUrl ?? ''}/survey/${token}`;
      const notice = `**${escapeMarkdown(name)}** 的一次性评议链接（只能提交一次，评议结束即失效），请转发给本人：\n[${url}](${url})`;
      return {
        toast: { type: 'success', content: '链接已生成' },
        card: await manageView(ctx.conn, s.branchId, now, notice),
      };
    },
  }),

  'survey.close': defineAction({
    value: surveyRef,
    run: async (ctx) => {
      const { survey: s, refusal } = await managed(ctx, ctx.value.survey, SURVEY_PERMISSIONS.manage);
      if (!s) return refusal;
      const closed = await closeSurvey(ctx, {
        surveyId: s._id,
        actor: ctx.operatorOpenId,
        source: sourceOf(ctx),
        now: ctx.clock.now(),
      });
      if (!closed.ok) return warn(closed.message);
      const n = closed.survey.respondents ?? 0;
      return {
        toast: { type: 'success', content: '评议已结束，结果已发布' },
        card: noticeCard({
          title: { zh: '评议已结束' },
          text: {
            zh: `参与 **${n}** 人${closed.survey.belowQuorum ? `，未达到法定人数（${s.quorum} 人）` : ''}。结果已发到支部群和公开频道。`,
          },
          tone: 'done',
        }),
      };
    },
  }),
};
