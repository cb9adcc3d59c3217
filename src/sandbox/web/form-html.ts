/**
 * Card input components as HTML form fields, named as the card names them so that static/app.js can build
 * Lark's form_value from them: input (single and multi-line), select_static, multi_select_static, the person
 * selects, date / time pickers and checkers.
 * https://open.feishu.cn/document/feishu-cards/card-json-v2-components/containers/form-container
 */
import { clickData, isNode, textOf, type Node, type RenderOptions } from './card-html.js';
import { escapeHtml } from './markdown-html.js';

const attr = (name: string, v: unknown) =>
  v === undefined || v === null || v === false
    ? ''
    : v === true
      ? ` ${name}`
      : ` ${name}="${escapeHtml(String(v))}"`;

function labelled(n: Node, control: string): string {
  const label = textOf(n['label']);
  const required = n['required'] === true ? '<span class="required">*</span>' : '';
  return `<label class="field">${label ? `<span class="field-label">${required}${escapeHtml(label)}</span>` : ''}${control}</label>`;
}

interface Option {
  value: string;
  text: string;
}

function options(n: Node, o: RenderOptions): Option[] {
  const raw = Array.isArray(n['options']) ? n['options'].filter(isNode) : [];
  return raw.map((opt) => {
    const value = String(opt['value'] ?? '');
    const person = n['tag'] === 'select_person' || n['tag'] === 'multi_select_person';
    return { value, text: person ? o.nameOf(value) : textOf(opt['text']) || value };
  });
}

export function fieldHtml(n: Node, o: RenderOptions): string {
  const tag = String(n['tag']);
  const name = String(n['name'] ?? '');
  const common = `${attr('name', name)} data-field="${escapeHtml(tag)}"${attr('data-required', n['required'] === true)}${attr('disabled', n['disabled'] === true)}`;
  const placeholder = attr('placeholder', textOf(n['placeholder']) || undefined);
  switch (tag) {
    case 'input': {
      const value = n['default_value'];
      if (n['input_type'] === 'multiline_text') {
        const rows = Number(n['rows'] ?? 3) || 3;
        return labelled(
          n,
          `<textarea${common}${placeholder} rows="${rows}"${attr('maxlength', n['max_length'])}>${escapeHtml(String(value ?? ''))}</textarea>`,
        );
      }
      const type = n['input_type'] === 'password' ? 'password' : 'text';
      return labelled(
        n,
        `<input type="${type}"${common}${placeholder}${attr('value', value)}${attr('maxlength', n['max_length'])}>`,
      );
    }
    case 'select_static':
    case 'select_person': {
      const initial = String(n['initial_option'] ?? '');
      const opts = options(n, o)
        .map(
          (x) =>
            `<option value="${escapeHtml(x.value)}"${x.value === initial ? ' selected' : ''}>${escapeHtml(x.text)}</option>`,
        )
        .join('');
      const none = `<option value="">${escapeHtml(textOf(n['placeholder']) || '请选择')}</option>`;
      return labelled(n, `<select${common}>${none}${opts}</select>`);
    }
    case 'multi_select_static':
    case 'multi_select_person': {
      const selected = new Set(Array.isArray(n['selected_values']) ? n['selected_values'].map(String) : []);
      const boxes = options(n, o)
        .map(
          (x) =>
            `<label class="choice"><input type="checkbox" value="${escapeHtml(x.value)}"${selected.has(x.value) ? ' checked' : ''}>${escapeHtml(x.text)}</label>`,
        )
        .join('');
      const hint = textOf(n['placeholder']);
      return labelled(
        n,
        `<span class="multi"${common}>${hint ? `<span class="hint">${escapeHtml(hint)}</span>` : ''}${boxes}</span>`,
      );
    }
    case 'date_picker':
      return labelled(n, `<input type="date"${common}${attr('value', n['initial_date'])}>`);
    case 'picker_time':
      return labelled(n, `<input type="time"${common}${attr('value', n['initial_time'])}>`);
    case 'picker_datetime': {
      const initial =
        typeof n['initial_datetime'] === 'string' ? n['initial_datetime'].replace(' ', 'T') : undefined;
      return labelled(n, `<input type="datetime-local"${common}${attr('value', initial)}>`);
    }
    case 'checker': {
      const data = clickData(n);
      return `<label class="checker"><input type="checkbox"${common}${attr('checked', n['checked'] === true)}${data ? ` data-click="${data}"` : ''}>${escapeHtml(textOf(n['text']))}</label>`;
    }
    default:
      return '';
  }
}
