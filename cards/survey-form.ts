/**
 * 群众评议卡片: the branch's work report, then one page of targets (the branch, then each member) rated
 * 满意 / 基本满意 / 不满意. The same card goes to the evaluators' group and, page by page, privately: a page
 * change keeps what was chosen as a draft until 提交评议.
 */
import { button, card, escapeMarkdown, markdown, type CardJson, type Element } from './kit.js';

export const CHOICE_OPTIONS = [
  { value: 'satisfied', label: '满意' },
  { value: 'basic', label: '基本满意' },
  { value: 'unsatisfied', label: '不满意' },
] as const;

export interface SurveyFormView {
  surveyId: string;
  branchName: string;
  periodLabel: string;
  answered: number;
  quorum: number;
  /** The targets of this page with their index in the whole survey (the form field is `t<index>`). */
  targets: Array<{ index: number; name: string; kind: 'branch' | 'member'; draft?: string }>;
  page: number;
  pages: number;
  deadline?: string;
}

export const ANONYMITY_NOTE =
  '本评议匿名：结果只统计人数，不显示谁选了什么；评议结束时删除答卷与填写人的对应关系。';

function select(index: number, name: string, kind: string, draft?: string): Element {
  return {
    tag: 'select_static',
    name: `t${index}`,
    placeholder: { tag: 'plain_text', content: `${kind === 'branch' ? '支部：' : ''}${name}` },
    options: CHOICE_OPTIONS.map((o) => ({ text: { tag: 'plain_text', content: o.label }, value: o.value })),
    ...(draft ? { initial_option: draft } : {}),
  };
}

export function surveyFormCard(v: SurveyFormView): CardJson {
  const last = v.page === v.pages - 1;
  const fields: Element[] = v.targets.flatMap((t) => [
    markdown({ zh: `**${escapeMarkdown(t.name)}**${t.kind === 'branch' ? '（支部）' : ''}` }),
    select(t.index, t.name, t.kind, t.draft),
  ]);
  if (last)
    fields.push({
      tag: 'input',
      name: 'remark',
      placeholder: { tag: 'plain_text', content: '意见建议（可不填）' },
      max_length: 300,
    });
  const nav = (label: string, to: number) => ({
    ...button({
      text: { zh: label },
      value: { action: 'survey.page', survey: v.surveyId, page: v.page, to },
    }),
    name: `nav${to}`,
    form_action_type: 'submit',
  });
  if (v.page > 0) fields.push(nav('上一页', v.page - 1));
  if (!last) fields.push(nav('下一页', v.page + 1));
  if (last)
    fields.push({
      ...button({
        text: { zh: '提交评议' },
        type: 'primary',
        value: { action: 'survey.submit', survey: v.surveyId, page: v.page },
      }),
      name: 'submit',
      form_action_type: 'submit',
    });
  return card({
    title: { zh: `群众评议 · ${v.branchName}`, en: 'Satisfaction survey' },
    subtitle: { zh: `${v.periodLabel}\u3000第 ${v.page + 1}/${v.pages} 页` },
    template: 'blue',
    elements: [
      markdown({
        zh: `已参与 **${v.answered}** 人（至少 ${v.quorum} 人）${v.deadline ? `\u3000截止 ${v.deadline}` : ''}`,
      }),
      markdown({ zh: `请对支部和每位党员作出评价。截止前可重新提交，以最后一次为准。\n${ANONYMITY_NOTE}` }),
      { tag: 'form', name: `survey_p${v.page}`, elements: fields },
    ],
  });
}

/** The work report, posted before the survey card. */
export function surveyReportCard(v: {
  branchName: string;
  periodLabel: string;
  report: string;
  link?: string;
}): CardJson {
  return card({
    title: { zh: `工作报告 · ${v.branchName}`, en: 'Work report' },
    subtitle: { zh: `${v.periodLabel}群众评议` },
    template: 'wathet',
    elements: [
      markdown({ zh: escapeMarkdown(v.report) }),
      ...(v.link ? [markdown({ zh: `[查看报告全文](${v.link})` })] : []),
      markdown({ zh: '请阅读后在下方评议卡片中作出评价。' }),
    ],
  });
}

/** After a submit in private chat. */
export function surveyThanksCard(v: { branchName: string; replaced: boolean }): CardJson {
  return card({
    title: { zh: '已提交评议', en: 'Answer received' },
    template: 'green',
    elements: [
      markdown({
        zh: `${v.replaced ? '已更新你对' : '感谢你参与'}「${escapeMarkdown(v.branchName)}」的评议。截止前可在评议卡片中重新提交。\n${ANONYMITY_NOTE}`,
      }),
    ],
  });
}
