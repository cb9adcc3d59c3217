/** Card pieces the comment cards share: form fields, a row with a button, the pager. */
import { button, markdown, type Element } from './kit.js';

export const PAGE_SIZE = 8;

export function input(o: { name: string; placeholder: string; value?: string; maxLength?: number }): Element {
  return {
    tag: 'input',
    name: o.name,
    placeholder: { tag: 'plain_text', content: o.placeholder },
    max_length: o.maxLength ?? 300,
    ...(o.value ? { default_value: o.value } : {}),
  };
}

/** A dropdown; an option given as a string is both its label and its value. */
export function select(o: {
  name: string;
  placeholder: string;
  options: ReadonlyArray<string | { value: string; text: string }>;
  value?: string;
}) {
  return {
    tag: 'select_static',
    name: o.name,
    placeholder: { tag: 'plain_text', content: o.placeholder },
    options: o.options.map((x) => {
      const { value, text } = typeof x === 'string' ? { value: x, text: x } : x;
      return { text: { tag: 'plain_text', content: text }, value };
    }),
    ...(o.value ? { initial_option: o.value } : {}),
  };
}

export function datePicker(o: { name: string; placeholder: string; value?: string }): Element {
  return {
    tag: 'date_picker',
    name: o.name,
    placeholder: { tag: 'plain_text', content: o.placeholder },
    ...(o.value ? { initial_date: o.value } : {}),
  };
}

export function submitButton(o: {
  name: string;
  text: string;
  value: Record<string, unknown> & { action: string };
  primary?: boolean;
}): Element {
  return {
    tag: 'button',
    name: o.name,
    text: { tag: 'plain_text', content: o.text },
    type: o.primary ? 'primary' : 'default',
    form_action_type: 'submit',
    behaviors: [{ type: 'callback', value: o.value }],
  };
}

/** A line of text with a short button at its right: fits a phone's width. */
export function rowWithButton(text: string, b?: Element): Element {
  return {
    tag: 'column_set',
    flex_mode: 'none',
    columns: [
      {
        tag: 'column',
        width: 'weighted',
        weight: 3,
        vertical_align: 'center',
        elements: [markdown({ zh: text })],
      },
      { tag: 'column', width: 'auto', vertical_align: 'center', elements: b ? [b] : [] },
    ],
  };
}

/** 上一页 / 下一页 carrying the page in their value; nothing when everything fits on one page. */
export function pager(
  page: number,
  total: number,
  value: (page: number) => Record<string, unknown> & { action: string },
  size = PAGE_SIZE,
): Element[] {
  const pages = Math.max(1, Math.ceil(total / size));
  if (pages <= 1) return [];
  const buttons: Element[] = [];
  if (page > 1) buttons.push(button({ text: { zh: '上一页' }, value: value(page - 1) }));
  if (page < pages) buttons.push(button({ text: { zh: '下一页' }, value: value(page + 1) }));
  return [
    markdown({ zh: `第 ${page}/${pages} 页` }),
    {
      tag: 'column_set',
      flex_mode: 'none',
      columns: buttons.map((b) => ({ tag: 'column', width: 'auto', elements: [b] })),
    },
  ];
}

export function pageOf<T>(list: readonly T[], page: number, size = PAGE_SIZE): { items: T[]; page: number } {
  const pages = Math.max(1, Math.ceil(list.length / size));
  const p = Math.min(Math.max(1, page), pages);
  return { items: list.slice((p - 1) * size, p * size), page: p };
}
