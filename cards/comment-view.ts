/**
 * A comment as people read it: the commenter after submitting (公开, then 办结 / 重新打开 on each item), the
 * branch group once published (no buttons), and the person commented on (确认收到, 报告进展).
 */
import { button, card, divider, escapeMarkdown, markdown, type CardJson, type Element } from './kit.js';
import { rowWithButton } from './comment-kit.js';

export interface CommentItemView {
  no: number;
  text: string;
  due: string;
  label: '已办结' | '已逾期' | '整改中';
  lastProgress?: string;
}

export interface CommentView {
  id: string;
  heading: string;
  targetName: string;
  commenterName: string;
  date: string;
  aspects: Array<{ name: string; grade?: string; text?: string }>;
  stress: Array<{ name: string; text: string }>;
  items: CommentItemView[];
  published: boolean;
  acknowledged: boolean;
  /** 公开范围 as users read it (支部群 …), once chosen. */
  scopeName?: string;
}

export type CommentAudience = 'commenter' | 'group' | 'target';

const e = escapeMarkdown;

export function commentCard(v: CommentView, audience: CommentAudience): CardJson {
  const aspects = v.aspects
    .map((a) => `**${a.name}** ${a.grade ?? '—'}${a.text ? `：${e(a.text)}` : ''}`)
    .join('\n');
  const stress = v.stress.map((s) => `**${s.name}**：${e(s.text)}`).join('\n');
  const elements: Element[] = [
    markdown({ zh: `**${e(v.targetName)}** · ${v.commenterName} · ${v.date}` }),
    markdown({ zh: aspects }),
    ...(stress ? [markdown({ zh: stress })] : []),
  ];
  if (v.items.length) {
    elements.push(divider(), markdown({ zh: `**整改事项**` }));
    for (const it of v.items) {
      const text = `${it.no}. ${e(it.text)}\n期限 ${it.due} · ${it.label}${it.lastProgress ? `\n进展：${e(it.lastProgress)}` : ''}`;
      let b: Element | undefined;
      if (audience === 'target' && it.label !== '已办结')
        b = button({ text: { zh: '报告进展' }, value: { action: 'comment.progress', id: v.id, no: it.no } });
      if (audience === 'commenter' && v.published)
        b =
          it.label === '已办结'
            ? button({ text: { zh: '重新打开' }, value: { action: 'comment.reopen', id: v.id, no: it.no } })
            : button({
                text: { zh: '办结' },
                type: 'primary',
                value: { action: 'comment.close', id: v.id, no: it.no },
              });
      elements.push(rowWithButton(text, b));
    }
  }
  if (audience === 'commenter' && !v.published) {
    elements.push(
      divider(),
      ...(v.scopeName ? [markdown({ zh: `公开范围：${v.scopeName}` })] : []),
      button({ text: { zh: '公开' }, type: 'primary', value: { action: 'comment.publish', id: v.id } }),
    );
  }
  if (audience === 'commenter' && v.published)
    elements.push(markdown({ zh: v.scopeName ? `已公开（${v.scopeName}）` : '已公开' }));
  if (audience === 'target') {
    elements.push(
      divider(),
      v.acknowledged
        ? markdown({ zh: '✅ 已确认收到' })
        : button({ text: { zh: '确认收到' }, type: 'primary', value: { action: 'comment.ack', id: v.id } }),
    );
  }
  return card({
    title: { zh: audience === 'group' ? `点评公开：${v.targetName}` : v.heading },
    subtitle: { zh: v.heading },
    template: audience === 'group' ? 'turquoise' : v.published ? 'green' : 'blue',
    elements,
  });
}
