/** 考核权重: the organisation's weights and score lines, as a form an admin edits. */
import { card, markdown, type CardJson } from './kit.js';
import { submitButton, textInput } from './record-kit.js';

export const ASSESSMENT_WEIGHTS_ACTION = 'assessment.weights';

export interface WeightsView {
  orgId: string;
  orgName: string;
  parts: ReadonlyArray<{ key: string; label: string; value: number }>;
  lines: ReadonlyArray<{ key: string; label: string; value: number }>;
  updated?: string | undefined;
}

export function assessmentWeightsCard(v: WeightsView): CardJson {
  const field = (f: { key: string; label: string; value: number }) => [
    markdown({ zh: f.label }),
    textInput({
      name: f.key,
      placeholder: { zh: f.label },
      value: String(f.value),
      required: true,
      maxLength: 6,
    }),
  ];
  return card({
    title: { zh: '年终考核权重', en: 'Assessment weights' },
    subtitle: { zh: v.orgName },
    template: 'blue',
    elements: [
      markdown({
        zh: `各项按权重加权得出综合得分（满分 100），再按分数线定等次。权重为 0–100 的整数，按占权重之和的比例计。${v.updated ? `\n${v.updated}` : ''}`,
        en: 'Weights are integers 0–100; each counts in proportion to their sum.',
      }),
      {
        tag: 'form',
        name: 'weights',
        elements: [
          ...v.parts.flatMap(field),
          ...v.lines.flatMap(field),
          submitButton({
            name: 'save',
            text: { zh: '保存权重', en: 'Save' },
            value: { action: ASSESSMENT_WEIGHTS_ACTION, org: v.orgId },
          }),
        ],
      },
    ],
  });
}
