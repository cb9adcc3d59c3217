/**
 * 提示卡片: a short answer to a command that has nothing else to show — a refusal ("只有…可以…"), or a hint
 * about where to use it ("请在支部群里 @我 …").
 */
import { card, markdown, type CardJson, type HeaderTemplate, type Text } from './kit.js';

export interface NoticeView {
  title: Text;
  text: Text;
  tone: 'refused' | 'hint' | 'done';
}

const TEMPLATES: Record<NoticeView['tone'], HeaderTemplate> = {
  refused: 'orange',
  hint: 'blue',
  done: 'green',
};

export function noticeCard(v: NoticeView): CardJson {
  return card({ title: v.title, template: TEMPLATES[v.tone], elements: [markdown(v.text)] });
}
