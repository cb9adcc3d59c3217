/** 评议: the secretary manages the survey; anyone else gets the form (if they may answer) or its status. */
import { noticeCard } from '../../../cards/org-notice.js';
import type { Command } from '../../bot/module.js';
import { requireRole } from '../../org/index.js';
import { whyNot, currentAnswers } from './answer-survey.js';
import { commandBranch } from './command-branch.js';
import { formCard } from './open-survey.js';
import { SURVEY_PERMISSIONS } from './permissions.js';
import { countBallots, findOpenSurvey, latestSurvey } from './survey.repository.js';
import { manageView, resultsCardOf } from './survey-views.js';

export const surveyCommand: Command = {
  name: 'survey',
  words: ['评议', 'survey'],
  summary: '群众评议：书记开启、管理、结束；评议代表填写；其他人查看进度',
  async run(ctx) {
    const branchId = await commandBranch(ctx, ['secretary', 'member', 'evaluator']);
    if (!branchId)
      return ctx.reply(
        noticeCard({
          title: { zh: '群众评议' },
          text: { zh: '没有找到你所在的支部。请在评议群里 **@我** 发送「评议」。' },
          tone: 'hint',
        }),
      );
    const now = ctx.clock.now();
    const secretary = await requireRole(ctx.conn, ctx.senderOpenId, SURVEY_PERMISSIONS.manage, branchId);
    if (secretary.ok && ctx.chatType === 'p2p') return ctx.reply(await manageView(ctx.conn, branchId, now));
    const open = await findOpenSurvey(ctx.conn, branchId);
    if (open?.status === 'open') {
      const answered = await countBallots(ctx.conn, open._id);
      if (ctx.chatType === 'p2p' && !(await whyNot(ctx, open, ctx.senderOpenId))) {
        const chosen = new Map<string, string>(
          (await currentAnswers(ctx, open, ctx.senderOpenId)).map((a) => [a.targetId, a.choice]),
        );
        return ctx.reply(formCard(open, 0, answered, chosen));
      }
      return ctx.reply(
        noticeCard({
          title: { zh: `群众评议 · ${open.branchName}` },
          text: { zh: `评议进行中：已参与 **${answered}** 人（至少 ${open.quorum} 人）。结果在结束后公布。` },
          tone: 'hint',
        }),
      );
    }
    const last = await latestSurvey(ctx.conn, branchId);
    if (last?.status === 'closed') return ctx.reply(resultsCardOf(last));
    return ctx.reply(
      noticeCard({ title: { zh: '群众评议' }, text: { zh: '本期评议尚未开启。' }, tone: 'hint' }),
    );
  },
};
