/**
 * Checks a card the way Lark's server would reject it (protocol reference §4). Lark answers a bad card with
 * an opaque code; here every problem is named, because a card bug should fail loudly in tests rather than
 * show up as a blank card in a real chat.
 */

export const CARD_TEMPLATES: ReadonlySet<string> = new Set([
  'blue',
  'wathet',
  'turquoise',
  'green',
  'yellow',
  'orange',
  'red',
  'carmine',
  'violet',
  'purple',
  'indigo',
  'grey',
  'default',
]);

/** Lark's limit on a card's serialized size. */
export const MAX_CARD_BYTES = 30 * 1024;
const MAX_CHARTS = 5;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export interface CardCheckOptions {
  /** PATCH requires a shared card (update_multi) for 1.0 cards too. */
  requireUpdateMulti?: boolean;
}

/** Returns the list of problems; empty means Lark would accept the card. */
export function validateCard(card: unknown, o: CardCheckOptions = {}): string[] {
  if (!isObject(card)) return ['card must be a JSON object'];
  const problems: string[] = [];
  const bytes = Buffer.byteLength(JSON.stringify(card));
  if (bytes > MAX_CARD_BYTES) problems.push(`card is ${bytes} bytes, over the ${MAX_CARD_BYTES}-byte limit`);

  const header = card['header'];
  if (
    isObject(header) &&
    header['template'] !== undefined &&
    !CARD_TEMPLATES.has(String(header['template']))
  ) {
    problems.push(`header.template "${String(header['template'])}" is not a Lark colour`);
  }
  const config = isObject(card['config']) ? card['config'] : {};
  const is2 = card['schema'] === '2.0';
  if ((is2 || o.requireUpdateMulti) && config['update_multi'] !== true) {
    problems.push('config.update_multi must be true');
  }
  if (card['schema'] !== undefined && !is2) problems.push(`unknown schema "${String(card['schema'])}"`);
  if (is2) problems.push(...check2(card));
  return problems;
}

function check2(card: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if ('elements' in card) problems.push('card JSON 2.0 puts elements under body.elements, not at the root');
  if ('i18n_elements' in card) problems.push('card JSON 2.0 has no i18n_elements (use i18n_content)');
  const body = card['body'];
  if (body !== undefined && !(isObject(body) && Array.isArray(body['elements']))) {
    problems.push('body.elements must be an array');
  }
  let charts = 0;
  const walk = (node: unknown, path: string, inForm: boolean, atRoot: boolean): void => {
    if (Array.isArray(node)) {
      node.forEach((n, i) => walk(n, `${path}[${i}]`, inForm, atRoot));
      return;
    }
    if (!isObject(node)) return;
    const tag = node['tag'];
    if (tag === 'action') problems.push(`${path}: the "action" module does not exist in card JSON 2.0`);
    if (tag === 'chart') charts++;
    if (tag === 'form') {
      if (!atRoot) problems.push(`${path}: a form must sit directly in body.elements`);
      problems.push(...formNames(node, path));
    }
    if (inForm && tag === 'table') problems.push(`${path}: a table cannot sit inside a form`);
    const isContainer = typeof tag === 'string';
    for (const [k, v] of Object.entries(node)) {
      // Only element lists nest elements; everything else (text, behaviors, chart specs) is leaf data.
      if (k === 'elements' || k === 'columns') walk(v, `${path}.${k}`, inForm || tag === 'form', false);
      else if (!isContainer) walk(v, `${path}.${k}`, inForm, false);
    }
  };
  if (isObject(body)) walk(body['elements'], 'body.elements', false, true);
  if (charts > MAX_CHARTS) problems.push(`${charts} charts, at most ${MAX_CHARTS} per card`);
  return problems;
}

/** The components that are form fields: what a form's form_value is built from, by their names. */
export const FORM_FIELD_TAGS: ReadonlySet<string> = new Set([
  'input',
  'select_static',
  'multi_select_static',
  'select_person',
  'multi_select_person',
  'date_picker',
  'picker_time',
  'picker_datetime',
  'checker',
]);

/** Form fields need unique names, or Lark cannot build form_value (client error 200530). */
function formNames(form: Record<string, unknown>, path: string): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isObject(node)) return;
    if (typeof node['tag'] === 'string' && FORM_FIELD_TAGS.has(node['tag'])) {
      const name = node['name'];
      if (typeof name !== 'string' || name === '')
        problems.push(`${path}: form field ${node['tag']} has no name`);
      else if (seen.has(name)) problems.push(`${path}: form field name "${name}" is not unique`);
      else seen.add(name);
    }
    walk(node['elements']);
    walk(node['columns']);
  };
  walk(form['elements']);
  return problems;
}
