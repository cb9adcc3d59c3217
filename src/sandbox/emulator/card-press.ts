/**
 * Pressing a card as a person would: find a button by the label they read, fill the form it submits by the
 * field names the card declares, and build the callback Lark would send — the button's own callback value and
 * the form's real field names. A test that renames a field or a value in cards/ then fails here, instead of
 * posting a payload the test typed itself.
 */

import { FORM_FIELD_TAGS } from './card-validation.js';

type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

export type FormFill = Record<string, string | readonly string[] | boolean>;

export interface PressTarget {
  /** The button's label as shown (zh), e.g. `通过`. */
  button: string;
  /** When several buttons share the label: the one whose row or panel also shows this text. */
  near?: string;
  /** What the person types or picks, by field name; select options by their value or their label. */
  form?: FormFill;
}

export interface PressedButton {
  name?: string;
  value: Record<string, unknown>;
  form_value?: Record<string, string | string[]>;
}

interface Found {
  button: Node;
  ancestors: Node[];
  form?: Node;
}

function textOf(t: unknown): string {
  if (!isNode(t)) return '';
  const i18n = isNode(t['i18n_content']) ? t['i18n_content'] : {};
  return String(i18n['zh_cn'] ?? t['content'] ?? '');
}

/** Every piece of text a person can read inside a node. */
function visibleText(node: unknown): string {
  if (Array.isArray(node)) return node.map(visibleText).join('\n');
  if (!isNode(node)) return '';
  const own = [node['content'], textOf(node['text']), textOf(node['placeholder'])].filter(
    (s): s is string => typeof s === 'string' && s !== '',
  );
  const nested = ['elements', 'columns', 'header', 'title', 'options'].map((k) => visibleText(node[k]));
  return [...own, ...nested].join('\n');
}

function buttons(card: unknown): Found[] {
  const out: Found[] = [];
  const walk = (node: unknown, ancestors: Node[], form: Node | undefined): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, ancestors, form));
    if (!isNode(node)) return;
    if (node['tag'] === 'button') out.push({ button: node, ancestors, ...(form ? { form } : {}) });
    const inner = node['tag'] === 'form' ? node : form;
    for (const k of ['elements', 'columns']) walk(node[k], [node, ...ancestors], inner);
  };
  const body = isNode(card) && isNode(card['body']) ? card['body'] : {};
  walk(body['elements'], [], undefined);
  return out;
}

function pick(card: unknown, t: PressTarget): Found {
  const all = buttons(card);
  const labelled = all.filter((b) => textOf(b.button['text']) === t.button);
  if (labelled.length === 0) {
    const labels = all.map((b) => textOf(b.button['text']));
    throw new Error(`press: no button 「${t.button}」 on the card; it has: ${labels.join('、') || 'none'}`);
  }
  if (t.near === undefined) {
    if (labelled.length > 1)
      throw new Error(`press: ${labelled.length} buttons 「${t.button}」; say which with \`near\``);
    return labelled[0]!;
  }
  // The nearest enclosing container (row, panel, form) that shows the text decides.
  let best: { found: Found; depth: number } | undefined;
  let tie = false;
  for (const b of labelled) {
    const depth = b.ancestors.findIndex((a) => visibleText(a).includes(t.near!));
    if (depth < 0) continue;
    if (!best || depth < best.depth) [best, tie] = [{ found: b, depth }, false];
    else if (depth === best.depth) tie = true;
  }
  if (!best) throw new Error(`press: no button 「${t.button}」 near 「${t.near}」`);
  if (tie) throw new Error(`press: several buttons 「${t.button}」 are equally near 「${t.near}」`);
  return best.found;
}

interface Field {
  tag: string;
  node: Node;
}

function fieldsOf(form: Node): Map<string, Field> {
  const fields = new Map<string, Field>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isNode(node)) return;
    const tag = node['tag'];
    if (typeof tag === 'string' && typeof node['name'] === 'string' && FORM_FIELD_TAGS.has(tag))
      fields.set(node['name'], { tag, node });
    walk(node['elements']);
    walk(node['columns']);
  };
  walk(form['elements']);
  return fields;
}

function optionValue(field: Field, name: string, given: string): string {
  const options = Array.isArray(field.node['options']) ? field.node['options'].filter(isNode) : [];
  const byValue = options.find((o) => o['value'] === given);
  const byLabel = options.find((o) => textOf(o['text']) === given);
  const chosen = byValue ?? byLabel;
  if (!chosen) {
    const shown = options.map((o) => textOf(o['text'])).join('、');
    throw new Error(`press: field ${name} has no option 「${given}」; it offers: ${shown}`);
  }
  return String(chosen['value']);
}

/** What Lark puts in form_value for one field, from what the person entered or the field's default. */
function fieldValue(field: Field, name: string, given: FormFill[string] | undefined): unknown {
  const n = field.node;
  switch (field.tag) {
    case 'input':
      return given ?? n['default_value'];
    case 'select_static':
    case 'select_person':
      return given !== undefined ? optionValue(field, name, String(given)) : n['initial_option'];
    case 'multi_select_static':
    case 'multi_select_person': {
      if (given === undefined) return n['selected_values'];
      const list = Array.isArray(given) ? given : [String(given)];
      return list.map((g: string) => optionValue(field, name, g));
    }
    case 'date_picker': {
      // Lark sends the day with the picker's zone: "2024-04-01 +0800".
      const day = given ?? n['initial_date'];
      return day === undefined ? undefined : `${String(day)} +0800`;
    }
    case 'checker':
      return given ?? n['checked'];
    default:
      return given;
  }
}

function formValue(form: Node, fill: FormFill): Record<string, string | string[]> {
  const fields = fieldsOf(form);
  for (const name of Object.keys(fill)) {
    if (!fields.has(name))
      throw new Error(`press: the form has no field ${name}; it has ${[...fields.keys()].join(', ')}`);
  }
  const out: Record<string, string | string[]> = {};
  for (const [name, field] of fields) {
    const v = fieldValue(field, name, fill[name]);
    const empty = v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
    if (empty && field.node['required'] === true)
      throw new Error(`press: required field ${name} is empty; Lark would not submit the form`);
    if (!empty) out[name] = v as string | string[];
  }
  return out;
}

/** The callback a click on the card would send, or an error naming what a person could not do. */
export function pressCard(card: unknown, t: PressTarget): PressedButton {
  const found = pick(card, t);
  const b = found.button;
  if (b['disabled'] === true) throw new Error(`press: button 「${t.button}」 is disabled`);
  const callback = (Array.isArray(b['behaviors']) ? b['behaviors'] : [])
    .filter(isNode)
    .find((x) => x['type'] === 'callback');
  if (!callback || !isNode(callback['value']))
    throw new Error(`press: button 「${t.button}」 has no callback behaviour`);
  const submits = b['form_action_type'] === 'submit';
  if (t.form && !(submits && found.form))
    throw new Error(`press: button 「${t.button}」 does not submit a form; nothing to fill`);
  return {
    ...(typeof b['name'] === 'string' ? { name: b['name'] } : {}),
    value: callback['value'],
    ...(submits && found.form ? { form_value: formValue(found.form, t.form ?? {}) } : {}),
  };
}

/** The labels of every button on a card, in order (for assertions about what a person can press). */
export function buttonLabels(card: unknown): string[] {
  return buttons(card).map((b) => textOf(b.button['text']));
}
