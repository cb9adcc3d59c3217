/**
 * 日程 · 选择支部: shown to a person who manages the calendars of several branches, one button each; and the
 * refusal shown to someone who manages none.
 */
import { button, card, escapeMarkdown, markdown, type CardJson, type Element, type Text } from './kit.js';

export const SHOW_ACTION = 'schedule.show';

export interface ScheduleBranchesView {
  branches: ReadonlyArray<{ id: string; name: string }>;
  notice?: Text;
}

export function scheduleBranchesCard(view: ScheduleBranchesView): CardJson {
  const elements: Element[] = [];
  if (view.notice) elements.push(markdown(view.notice));
  elements.push(markdown({ zh: '请选择要查看日程的支部：', en: 'Choose a branch:' }));
  for (const b of view.branches) {
    elements.push(
      button({ text: { zh: b.name }, value: { action: SHOW_ACTION, branch: b.id }, name: `show_${b.id}` }),
    );
  }
  elements.push(
    markdown({
      zh: `<font color='grey'>也可以直接发送「日程 支部名称」。</font>`,
      en: 'Or send "schedule <branch name>".',
    }),
  );
  return card({
    title: { zh: '日程 · 选择支部', en: 'Schedule · Choose a branch' },
    template: 'blue',
    elements,
  });
}

export function scheduleRefusalCard(message: string): CardJson {
  return card({
    title: { zh: '日程', en: 'Schedule' },
    template: 'grey',
    elements: [markdown({ zh: escapeMarkdown(message) })],
  });
}
