/**
 * Form pieces shared by the monthly record and rating cards (card JSON 2.0 form fields). Kept beside kit.ts
 * rather than in it so the sibling capabilities can grow their own kits without touching one file.
 */
import { button, type Element, type Text } from './kit.js';

export function plainText(t: Text): Record<string, unknown> {
  return {
    tag: 'plain_text',
    content: t.zh,
    ...(t.en ? { i18n_content: { zh_cn: t.zh, en_us: t.en } } : {}),
  };
}

export function textInput(o: {
  name: string;
  placeholder: Text;
  required?: boolean;
  multiline?: boolean;
  value?: string | undefined;
  maxLength?: number;
}): Element {
  return {
    tag: 'input',
    name: o.name,
    required: o.required ?? false,
    width: 'fill',
    placeholder: plainText(o.placeholder),
    max_length: o.maxLength ?? 1000,
    ...(o.multiline ? { input_type: 'multiline_text', rows: 3, auto_resize: true } : {}),
    ...(o.value ? { default_value: o.value } : {}),
  };
}

export interface Option {
  value: string;
  text: Text;
}

export function selectStatic(o: {
  name: string;
  placeholder: Text;
  options: readonly Option[];
  initial?: string | undefined;
  required?: boolean;
}): Element {
  return {
    tag: 'select_static',
    name: o.name,
    required: o.required ?? false,
    width: 'fill',
    placeholder: plainText(o.placeholder),
    options: o.options.map((x) => ({ text: plainText(x.text), value: x.value })),
    ...(o.initial ? { initial_option: o.initial } : {}),
  };
}

export function multiSelect(o: {
  name: string;
  placeholder: Text;
  options: readonly Option[];
  selected?: readonly string[];
}): Element {
  return {
    tag: 'multi_select_static',
    name: o.name,
    required: false,
    width: 'fill',
    placeholder: plainText(o.placeholder),
    options: o.options.map((x) => ({ text: plainText(x.text), value: x.value })),
    ...(o.selected?.length ? { selected_values: [...o.selected] } : {}),
  };
}

export function submitButton(o: {
  name: string;
  text: Text;
  value: Record<string, unknown> & { action: string };
}): Element {
  return { ...button({ ...o, type: 'primary' }), form_action_type: 'submit' };
}

/** Shortens user text for a list line; the full text stays on the member's own card. */
export function excerpt(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
