/** 评选 for the secretary before it has begun: the honours, their places and the notice period. */
import { button, card, markdown, type CardJson } from './kit.js';

export function selectionStartCard(v: {
  branchId: string;
  branchName: string;
  year: number;
  notice?: string;
}): CardJson {
  return card({
    title: { zh: `七一评选 · ${v.branchName}`, en: 'Selection' },
    subtitle: { zh: `${v.year}年\u3000尚未开始` },
    template: 'red',
    elements: [
      ...(v.notice ? [markdown({ zh: v.notice })] : []),
      markdown({ zh: '默认评选 **优秀共产党员** 1 名，公示 3 天。可按需修改后开始推荐。' }),
      {
        tag: 'form',
        name: 'start_form',
        elements: [
          {
            tag: 'input',
            name: 'honours',
            placeholder: { tag: 'plain_text', content: '荣誉和名额，如：优秀共产党员:2，优秀党务工作者' },
          },
          { tag: 'input', name: 'days', placeholder: { tag: 'plain_text', content: '公示天数（默认 3）' } },
          {
            ...button({
              text: { zh: '开始推荐' },
              type: 'primary',
              value: { action: 'selection.start', branch: v.branchId, year: v.year },
            }),
            name: 'start',
            form_action_type: 'submit',
          },
        ],
      },
    ],
  });
}
