/** 公示 objections: the member's form, the secretary's answer form, and the outcomes each one reads. */
import { card, escapeMarkdown, markdown, type CardJson } from './kit.js';
import { selectStatic, submitButton, textInput } from './record-kit.js';

export const OBJECT_ACTION = 'rating.object';
export const ANSWER_ACTION = 'rating.answer';

/**
 * Another 公示 using these forms (the year-end assessment): its own actions and the callback value that
 * names what is objected to, in place of the rating's branch and month.
 */
export interface ObjectionRoute {
  object: string;
  answer: string;
  target: Record<string, string | number>;
}

export function objectionFormCard(v: {
  branchId: string;
  month: string;
  monthLabel: string;
  grade: string;
  note?: string | undefined;
  noticeEnds: string;
  route?: ObjectionRoute | undefined;
}): CardJson {
  return card({
    title: { zh: `对${v.monthLabel}评定提出异议`, en: 'Object to your rating' },
    template: 'orange',
    elements: [
      markdown({
        zh: `您的评定：**${v.grade}**${v.note ? `（${escapeMarkdown(v.note)}）` : ''}\n公示期至 ${v.noticeEnds}。请写明理由，支部书记会答复您。`,
        en: `Your rating: ${v.grade}.`,
      }),
      {
        tag: 'form',
        name: 'objection',
        elements: [
          textInput({
            name: 'reason',
            placeholder: { zh: '异议理由（必填）', en: 'Why (required)' },
            required: true,
            multiline: true,
            maxLength: 500,
          }),
          submitButton({
            name: 'submit',
            text: { zh: '提交异议', en: 'Submit' },
            value: v.route
              ? { action: v.route.object, ...v.route.target }
              : { action: OBJECT_ACTION, branch: v.branchId, month: v.month },
          }),
        ],
      },
    ],
  });
}

export function objectionAnswerCard(v: {
  branchId: string;
  month: string;
  monthLabel: string;
  member: { openId: string; name: string };
  index: number;
  grade: string;
  text: string;
  scale: readonly string[];
  route?: ObjectionRoute | undefined;
}): CardJson {
  const options = [
    { value: 'keep', text: { zh: `维持${v.grade}` } },
    ...v.scale.filter((g) => g !== v.grade).map((g) => ({ value: g, text: { zh: `改为${g}` } })),
  ];
  return card({
    title: { zh: `评定异议 · ${v.member.name}`, en: 'Rating objection' },
    template: 'orange',
    elements: [
      markdown({
        zh: `**${escapeMarkdown(v.member.name)}** 对${v.monthLabel}评定「${v.grade}」提出异议：\n${escapeMarkdown(v.text)}`,
      }),
      {
        tag: 'form',
        name: 'answer',
        elements: [
          selectStatic({
            name: 'decision',
            placeholder: { zh: '维持或改为', en: 'Keep or change' },
            options,
            required: true,
          }),
          textInput({
            name: 'reason',
            placeholder: { zh: '答复理由（必填）', en: 'Reason (required)' },
            required: true,
            maxLength: 500,
          }),
          submitButton({
            name: 'submit',
            text: { zh: '答复', en: 'Answer' },
            value: {
              ...(v.route
                ? { action: v.route.answer, ...v.route.target }
                : { action: ANSWER_ACTION, branch: v.branchId, month: v.month }),
              member: v.member.openId,
              index: v.index,
            },
          }),
        ],
      },
    ],
  });
}

export function objectionOutcomeCard(v: {
  title: string;
  monthLabel: string;
  text: string;
  answer?: { kept: boolean; grade: string; reason: string } | undefined;
}): CardJson {
  const answer = v.answer
    ? `\n\n答复：**${v.answer.kept ? `维持${v.answer.grade}` : `改为${v.answer.grade}`}**\n理由：${escapeMarkdown(v.answer.reason)}`
    : '\n\n已转支部书记，答复后会私信告诉您。';
  return card({
    title: { zh: v.title },
    template: v.answer ? 'green' : 'wathet',
    elements: [markdown({ zh: `${v.monthLabel}评定异议：${escapeMarkdown(v.text)}${answer}` })],
  });
}
