/**
 * Building blocks for Lark card JSON 2.0. Cards are pure functions of their view data; these helpers keep
 * them short and keep Lark's rules in one place (update_multi must be true; no `action` module; bilingual
 * text via i18n_content beside content). https://open.feishu.cn/document/feishu-cards/card-json-v2-structure
 */
export type CardJson = Record<string, unknown>;
export type Element = Record<string, unknown>;

export type HeaderTemplate =
  | 'blue'
  | 'wathet'
  | 'turquoise'
  | 'green'
  | 'yellow'
  | 'orange'
  | 'red'
  | 'carmine'
  | 'violet'
  | 'purple'
  | 'indigo'
  | 'grey'
  | 'default';

export interface Text {
  zh: string;
  en?: string;
}

function plain(t: Text): Record<string, unknown> {
  return {
    tag: 'plain_text',
    content: t.zh,
    ...(t.en ? { i18n_content: { zh_cn: t.zh, en_us: t.en } } : {}),
  };
}

export function card(o: {
  title: Text;
  subtitle?: Text;
  template: HeaderTemplate;
  elements: Element[];
}): CardJson {
  return {
    schema: '2.0',
    config: { update_multi: true, locales: ['zh_cn', 'en_us'] },
    header: {
      title: plain(o.title),
      ...(o.subtitle ? { subtitle: plain(o.subtitle) } : {}),
      template: o.template,
    },
    body: { elements: o.elements },
  };
}

export function markdown(t: Text): Element {
  return { tag: 'markdown', content: t.zh, ...(t.en ? { i18n_content: { zh_cn: t.zh, en_us: t.en } } : {}) };
}

export function divider(): Element {
  return { tag: 'hr' };
}

export function button(o: {
  text: Text;
  value: Record<string, unknown> & { action: string };
  type?: 'primary' | 'default' | 'danger' | 'text';
  name?: string;
}): Element {
  return {
    tag: 'button',
    ...(o.name ? { name: o.name } : {}),
    text: plain(o.text),
    type: o.type ?? 'default',
    behaviors: [{ type: 'callback', value: o.value }],
  };
}

/** Lark markdown treats these characters specially; user text is shown as written. */
export function escapeMarkdown(s: string): string {
  return s.replace(/([\\`*_{}[\]()#+\-.!|<>~])/g, '\\$1');
}
