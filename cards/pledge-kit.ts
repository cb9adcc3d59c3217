/**
 * Form pieces the pledge cards share (Lark card JSON 2.0 form container: select_static, input, date_picker,
 * submit buttons), and how an item reads on a card within Lark's 30 KB however many items a pledge has.
 */
import { button, escapeMarkdown, type Element, type Text } from './kit.js';

export function plainText(t: Text | string): Record<string, unknown> {
  const x = typeof t === 'string' ? { zh: t } : t;
  return {
    tag: 'plain_text',
    content: x.zh,
    ...(x.en ? { i18n_content: { zh_cn: x.zh, en_us: x.en } } : {}),
  };
}

export function form(name: string, elements: Element[]): Element {
  return { tag: 'form', name, elements };
}

export function selectField(o: {
  name: string;
  placeholder: string;
  options: readonly string[];
  initial?: string | undefined;
}): Element {
  return {
    tag: 'select_static',
    name: o.name,
    width: 'fill',
    placeholder: plainText(o.placeholder),
    options: o.options.map((v) => ({ text: plainText(v), value: v })),
    ...(o.initial && o.options.includes(o.initial) ? { initial_option: o.initial } : {}),
  };
}

export function inputField(o: {
  name: string;
  label: string;
  placeholder: string;
  value?: string | undefined;
  maxLength: number;
  required?: boolean;
}): Element {
  return {
    tag: 'input',
    name: o.name,
    width: 'fill',
    label: plainText(o.label),
    placeholder: plainText(o.placeholder),
    max_length: o.maxLength,
    ...(o.required ? { required: true } : {}),
    ...(o.value ? { default_value: o.value } : {}),
  };
}

export function dateField(o: { name: string; placeholder: string; initial?: string | undefined }): Element {
  return {
    tag: 'date_picker',
    name: o.name,
    width: 'fill',
    placeholder: plainText(o.placeholder),
    ...(o.initial ? { initial_date: o.initial } : {}),
  };
}

/** A button that submits the form it sits in, with its own callback value. */
export function submitButton(o: Parameters<typeof button>[0]): Element {
  return { ...button(o), form_action_type: 'submit' };
}

/** Buttons side by side (a column set; card JSON 2.0 has no action module). */
export function buttonRow(buttons: Element[]): Element {
  return {
    tag: 'column_set',
    flex_mode: 'flow',
    columns: buttons.map((b) => ({ tag: 'column', width: 'auto', elements: [b] })),
  };
}

/** A line of text with its button at the end: the button belongs to that line (on the screen and in tests). */
export function lineWithButton(text: Element, action: Element): Element {
  return {
    tag: 'column_set',
    flex_mode: 'none',
    columns: [
      { tag: 'column', width: 'weighted', weight: 1, vertical_align: 'center', elements: [text] },
      { tag: 'column', width: 'auto', vertical_align: 'center', elements: [action] },
    ],
  };
}

export function truncate(s: string, n: number): string {
  const chars = [...s];
  return chars.length > n ? `${chars.slice(0, n).join('')}…` : s;
}

export interface ItemView {
  theme: string;
  text: string;
  result: string;
  due?: string | undefined;
}

/**
 * One item as a markdown line. A long pledge shares a budget of characters, so that 40 items of the longest
 * text the form allows still fit a card (about 6,000 characters of items, ≤ 18 KB).
 */
export function itemLine(n: number, item: ItemView, count: number): string {
  const per = Math.max(45, Math.floor(6000 / Math.max(1, count)));
  const text = escapeMarkdown(truncate(item.text || '（未填写）', Math.floor((per * 2) / 3)));
  const result = item.result ? `；结果：${escapeMarkdown(truncate(item.result, Math.floor(per / 3)))}` : '';
  const due = item.due ? `；${item.due.slice(5).replace('-', '月')}日前` : '';
  return `${n}. 【${escapeMarkdown(item.theme || '未选主题')}】${text}${result}${due}`;
}

export const grey = (s: string) => `<font color='grey'>${s}</font>`;
export const orange = (s: string) => `<font color='orange'>${s}</font>`;
