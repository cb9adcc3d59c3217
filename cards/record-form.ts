/**
 * The monthly record (记实) as the member meets it in private chat: the reminder card with its form, the
 * shorter chase card, and the 「已提交」 summary the card turns into in place, with 修改 until the month closes.
 */
import { button, card, escapeMarkdown, markdown, type CardJson, type Element } from './kit.js';
import { multiSelect, submitButton, textInput } from './record-kit.js';

export const RECORD_SUBMIT_ACTION = 'record.submit';
export const RECORD_EDIT_ACTION = 'record.edit';

export interface RecordFormView {
  branchId: string;
  month: string;
  /** '2026年11月' */
  monthLabel: string;
  /** remind: the 25th; chase: a shorter nudge; open: asked for (记实, 修改, 补录). */
  kind: 'remind' | 'chase' | 'open';
  /** '12月3日' — when answers stop being accepted. */
  deadline?: string | undefined;
  /** The member's open pledge lines; absent when there is no ledger (then no multi-select). */
  lines?: ReadonlyArray<{ id: string; text: string }> | undefined;
  current?: { text: string; other?: string | undefined } | undefined;
  reopened?: boolean;
}

export function recordFormCard(v: RecordFormView): CardJson {
  const by = v.deadline ? `，${v.deadline}截止` : '';
  const intro =
    v.kind === 'chase'
      ? `您的**${v.monthLabel}记实**还没有提交${by}。直接在下面填写即可。`
      : v.reopened
        ? `支部书记已为您重新打开 **${v.monthLabel}记实**（补录），请在下面填写。`
        : `请记下您 **${v.monthLabel}** 做了什么${by}。在卡片里填写提交即可，提交后还可修改。`;
  const fields: Element[] = [
    textInput({
      name: 'text',
      placeholder: { zh: '本月做了什么（必填）', en: 'What I did this month (required)' },
      required: true,
      multiline: true,
      value: v.current?.text,
    }),
  ];
  if (v.lines?.length) {
    fields.push(
      markdown({ zh: '本月兑现了哪些承诺？勾选即销号：', en: 'Pledge items fulfilled (ticked off):' }),
      multiSelect({
        name: 'lines',
        placeholder: { zh: '选择已兑现的承诺事项（可不选）', en: 'Fulfilled pledge items' },
        options: v.lines.map((l) => ({ value: l.id, text: { zh: l.text.slice(0, 60) } })),
      }),
    );
  }
  fields.push(
    textInput({
      name: 'other',
      placeholder: { zh: '其他想说的（选填）', en: 'Anything else (optional)' },
      value: v.current?.other,
    }),
    submitButton({
      name: 'submit',
      text: { zh: '提交', en: 'Submit' },
      value: { action: RECORD_SUBMIT_ACTION, branch: v.branchId, month: v.month },
    }),
  );
  return card({
    title:
      v.kind === 'chase'
        ? { zh: `提醒：${v.monthLabel}记实未提交`, en: 'Reminder: monthly record' }
        : { zh: `${v.monthLabel}记实`, en: 'Monthly record' },
    template: v.kind === 'chase' ? 'orange' : 'blue',
    elements: [
      markdown({ zh: intro, en: 'Tell what you did this month, right in this card.' }),
      { tag: 'form', name: 'record', elements: fields },
    ],
  });
}

export interface RecordSubmittedView {
  branchId: string;
  month: string;
  monthLabel: string;
  text: string;
  other?: string | undefined;
  ticked: readonly string[];
  /** Whether 修改 is still possible (the month is open to this member). */
  editable: boolean;
}

export function recordSubmittedCard(v: RecordSubmittedView): CardJson {
  const lines = [`**本月做了什么**\n${escapeMarkdown(v.text)}`];
  if (v.ticked.length) lines.push(`**已销号**\n${v.ticked.map((t) => `- ${escapeMarkdown(t)}`).join('\n')}`);
  if (v.other) lines.push(`**其他**\n${escapeMarkdown(v.other)}`);
  const elements: Element[] = [markdown({ zh: lines.join('\n\n') })];
  if (v.editable) {
    elements.push(
      markdown({ zh: '截止前可以修改。', en: 'You can edit until the month closes.' }),
      button({
        text: { zh: '修改', en: 'Edit' },
        name: 'edit',
        value: { action: RECORD_EDIT_ACTION, branch: v.branchId, month: v.month },
      }),
    );
  }
  return card({
    title: { zh: `已提交 · ${v.monthLabel}记实`, en: 'Monthly record submitted' },
    template: 'green',
    elements,
  });
}
