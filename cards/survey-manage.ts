/**
 * 评议管理卡片 for the secretary: open a survey (work report first), or for the open one: how many have
 * answered, who has not (never what anyone chose), one-time links for evaluators without Lark, and closing.
 */
import { button, card, escapeMarkdown, markdown, type CardJson, type Element } from './kit.js';

export type SurveyManageView =
  | { state: 'none'; branchId: string; branchName: string; periodLabel: string; notice?: string }
  | {
      state: 'open';
      surveyId: string;
      branchName: string;
      periodLabel: string;
      answered: number;
      quorum: number;
      notice?: string;
      /** Shown after 未参与名单. */
      pending?: string[];
    };

function openForm(branchId: string): Element {
  return {
    tag: 'form',
    name: 'survey_open',
    elements: [
      {
        tag: 'input',
        name: 'report',
        required: true,
        input_type: 'multiline_text',
        max_length: 2000,
        placeholder: { tag: 'plain_text', content: '工作报告（先发布，再开始评议）' },
      },
      { tag: 'input', name: 'link', placeholder: { tag: 'plain_text', content: '报告全文链接（可不填）' } },
      { tag: 'input', name: 'quorum', placeholder: { tag: 'plain_text', content: '法定人数（默认 30）' } },
      {
        ...button({
          text: { zh: '开启评议' },
          type: 'primary',
          value: { action: 'survey.open', branch: branchId },
        }),
        name: 'open',
        form_action_type: 'submit',
      },
    ],
  };
}

export function surveyManageCard(v: SurveyManageView): CardJson {
  const notice = v.notice ? [markdown({ zh: v.notice })] : [];
  if (v.state === 'none')
    return card({
      title: { zh: `群众评议 · ${v.branchName}`, en: 'Satisfaction survey' },
      subtitle: { zh: v.periodLabel },
      template: 'blue',
      elements: [...notice, markdown({ zh: '本期评议尚未开启。填写工作报告后开启。' }), openForm(v.branchId)],
    });
  const pending =
    v.pending === undefined
      ? []
      : [
          markdown({
            zh: v.pending.length
              ? `**未参与**（${v.pending.length}）：${v.pending.map(escapeMarkdown).join('、')}`
              : '名单上的人都已参与',
          }),
        ];
  return card({
    title: { zh: `群众评议 · ${v.branchName}`, en: 'Satisfaction survey' },
    subtitle: { zh: `${v.periodLabel}\u3000进行中` },
    template: 'blue',
    elements: [
      ...notice,
      markdown({ zh: `已参与 **${v.answered}** 人，至少 ${v.quorum} 人。结果在结束后公布。` }),
      ...pending,
      button({ text: { zh: '未参与名单' }, value: { action: 'survey.pending', survey: v.surveyId } }),
      {
        tag: 'form',
        name: 'survey_link',
        elements: [
          {
            tag: 'input',
            name: 'name',
            required: true,
            placeholder: { tag: 'plain_text', content: '没有飞书的评议代表姓名' },
          },
          {
            ...button({ text: { zh: '生成链接' }, value: { action: 'survey.link', survey: v.surveyId } }),
            name: 'make_link',
            form_action_type: 'submit',
          },
        ],
      },
      button({
        text: { zh: '结束评议' },
        type: 'danger',
        value: { action: 'survey.close', survey: v.surveyId },
      }),
    ],
  });
}
