/**
 * A Lark card JSON 2.0 as the page shows it: header with its template colour, then every element of the body
 * as HTML. Buttons and interactive containers carry their callback in `data-click` for static/app.js to post
 * back through the emulator; charts carry their VChart spec in `data-spec` for the page to draw. An element
 * this renderer does not know is shown as 「不支持的元素: tag」, never silently dropped, so a card that would
 * look wrong is seen (and the tests fail on it).
 * https://open.feishu.cn/document/feishu-cards/card-json-v2-structure
 */
import { FORM_FIELD_TAGS } from '../emulator/card-validation.js';
import { fieldHtml } from './form-html.js';
import { escapeHtml, inlineHtml, markdownHtml, type MarkdownOptions } from './markdown-html.js';

export type Node = Record<string, unknown>;

export const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Node[] => (Array.isArray(v) ? v.filter(isNode) : []);

export const UNSUPPORTED = '不支持的元素';

export type RenderOptions = MarkdownOptions;

/** The text a person reads: zh_cn first, as the bot's cards are written Chinese first. */
export function textOf(t: unknown): string {
  if (typeof t === 'string') return t;
  if (!isNode(t)) return '';
  const i18n = isNode(t['i18n_content']) ? t['i18n_content'] : {};
  return String(i18n['zh_cn'] ?? t['content'] ?? '');
}

/** A `text` object: plain_text as written, lark_md / markdown as markdown. */
export function richText(t: unknown, o: RenderOptions): string {
  if (!isNode(t)) return escapeHtml(textOf(t));
  return t['tag'] === 'lark_md' || t['tag'] === 'markdown'
    ? markdownHtml(textOf(t), o)
    : escapeHtml(textOf(t)).replace(/\n/g, '<br>');
}

/** What a click sends back: the callback's value, the button's name, and what it does to its form. */
export function clickData(node: Node): string | undefined {
  const behaviors = list(node['behaviors']);
  const callback = behaviors.find((b) => b['type'] === 'callback');
  const url = behaviors.find((b) => b['type'] === 'open_url');
  if (!callback && !url && !node['form_action_type']) return undefined;
  const data = {
    ...(callback && isNode(callback['value']) ? { value: callback['value'] } : {}),
    ...(url ? { url: String(url['default_url'] ?? url['pc_url'] ?? '') } : {}),
    ...(typeof node['name'] === 'string' ? { name: node['name'] } : {}),
    ...(typeof node['tag'] === 'string' ? { tag: node['tag'] } : {}),
    ...(node['form_action_type'] ? { form: String(node['form_action_type']) } : {}),
  };
  return escapeHtml(JSON.stringify(data));
}

function button(n: Node): string {
  const type = typeof n['type'] === 'string' ? n['type'] : 'default';
  const data = clickData(n);
  const disabled = n['disabled'] === true ? ' disabled' : '';
  const confirm = isNode(n['confirm'])
    ? ` data-confirm="${escapeHtml(`${textOf(n['confirm']['title'])}\n${textOf(n['confirm']['text'])}`)}"`
    : '';
  return `<button type="button" class="btn btn-${escapeHtml(type)}"${data ? ` data-click="${data}"` : ''}${confirm}${disabled}>${escapeHtml(textOf(n['text']))}</button>`;
}

function table(n: Node, o: RenderOptions): string {
  const columns = list(n['columns']);
  const head = columns.map((c) => `<th>${escapeHtml(textOf(c['display_name'] ?? c['name']))}</th>`).join('');
  const cell = (c: Node, v: unknown): string => {
    switch (c['data_type']) {
      case 'lark_md':
      case 'markdown':
        return markdownHtml(String(v ?? ''), o);
      case 'options':
        return list(v)
          .map(
            (t) =>
              `<span class="text-tag c-${escapeHtml(String(t['color'] ?? 'blue'))}">${escapeHtml(textOf(t['text']))}</span>`,
          )
          .join(' ');
      case 'persons':
        return (Array.isArray(v) ? v : [v]).map((id) => person(String(id), o)).join(' ');
      default:
        return escapeHtml(v === undefined || v === null ? '' : String(v));
    }
  };
  const rows = list(n['rows'])
    .map((r) => `<tr>${columns.map((c) => `<td>${cell(c, r[String(c['name'])])}</td>`).join('')}</tr>`)
    .join('');
  return `<div class="card-table-wrap"><table class="card-table"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

function person(openId: string, o: RenderOptions): string {
  return `<span class="person"><span class="avatar">${escapeHtml([...o.nameOf(openId)][0] ?? '?')}</span>${escapeHtml(o.nameOf(openId))}</span>`;
}

function columnSet(n: Node, o: RenderOptions): string {
  const cols = list(n['columns']).map((c) => {
    const weight = Number(c['weight'] ?? 1) || 1;
    const flex = c['width'] === 'auto' ? '0 0 auto' : `${weight} 1 0`;
    return `<div class="col" style="flex:${flex}">${elements(c['elements'], o)}</div>`;
  });
  return `<div class="cols">${cols.join('')}</div>`;
}

function chart(n: Node): string {
  const ratio = String(n['aspect_ratio'] ?? '16:9').replace(':', '/');
  const spec = escapeHtml(JSON.stringify(n['chart_spec'] ?? {}));
  return `<div class="card-chart" style="aspect-ratio:${escapeHtml(ratio)}" data-spec="${spec}"></div>`;
}

function element(n: Node, o: RenderOptions): string {
  const tag = String(n['tag'] ?? '');
  switch (tag) {
    case 'markdown':
    case 'lark_md':
      return `<div class="md" style="text-align:${escapeHtml(String(n['text_align'] ?? 'left'))}">${markdownHtml(textOf(n), o)}</div>`;
    case 'plain_text':
      return `<div class="plain">${richText(n, o)}</div>`;
    case 'div': {
      const fields = list(n['fields'])
        .map((f) => `<div class="${f['is_short'] ? 'field short' : 'field'}">${richText(f['text'], o)}</div>`)
        .join('');
      return `<div class="div">${n['text'] ? richText(n['text'], o) : ''}${fields ? `<div class="fields">${fields}</div>` : ''}</div>`;
    }
    case 'hr':
      return '<hr>';
    case 'button':
      return button(n);
    case 'form':
      return `<form class="card-form" data-name="${escapeHtml(String(n['name'] ?? ''))}" onsubmit="return false">${elements(n['elements'], o)}</form>`;
    case 'column_set':
      return columnSet(n, o);
    case 'column':
      return `<div class="col">${elements(n['elements'], o)}</div>`;
    case 'collapsible_panel': {
      // The title sits on the summary line beside the disclosure marker, so it is rendered inline.
      const header = isNode(n['header']) ? inlineHtml(textOf(n['header']['title']), o) : '';
      return `<details class="panel"${n['expanded'] ? ' open' : ''}><summary>${header}</summary>${elements(n['elements'], o)}</details>`;
    }
    case 'interactive_container': {
      const data = clickData(n);
      return `<div class="interactive"${data ? ` data-click="${data}"` : ''}>${elements(n['elements'], o)}</div>`;
    }
    case 'table':
      return table(n, o);
    case 'chart':
      return chart(n);
    case 'img':
    case 'img_combination':
      return `<div class="card-img">🖼 ${escapeHtml(textOf(n['alt']) || '图片')}</div>`;
    case 'person':
    case 'avatar':
      return person(String(n['user_id'] ?? ''), o);
    case 'person_list':
      return `<div class="persons">${list(n['persons'])
        .map((p) => person(String(p['id'] ?? ''), o))
        .join(' ')}</div>`;
    default:
      if (FORM_FIELD_TAGS.has(tag)) return fieldHtml(n, o);
      return `<div class="unsupported">${UNSUPPORTED}: ${escapeHtml(tag || '(无 tag)')}</div>`;
  }
}

export function elements(v: unknown, o: RenderOptions): string {
  return list(v)
    .map((n) => element(n, o))
    .join('');
}

export function cardHtml(card: unknown, o: RenderOptions): string {
  if (!isNode(card)) return `<div class="card"><div class="unsupported">${UNSUPPORTED}: 卡片</div></div>`;
  const header = isNode(card['header']) ? card['header'] : undefined;
  const template = escapeHtml(String(header?.['template'] ?? 'default'));
  const head = header
    ? `<div class="card-header t-${template}"><div class="card-title">${escapeHtml(textOf(header['title']))}</div>${
        header['subtitle'] ? `<div class="card-subtitle">${escapeHtml(textOf(header['subtitle']))}</div>` : ''
      }</div>`
    : '';
  const body = isNode(card['body']) ? card['body']['elements'] : card['elements'];
  return `<div class="card">${head}<div class="card-body">${elements(body, o)}</div></div>`;
}
