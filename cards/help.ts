/**
 * 帮助卡片: what the bot can do, built from the commands the modules registered, so it grows with them.
 * Shown for 帮助/help, and for anything the bot did not understand (never silence).
 */
import { card, divider, escapeMarkdown, markdown, type CardJson } from './kit.js';

export interface HelpView {
  commands: ReadonlyArray<{ words: readonly string[]; summary: string }>;
  /** The text the bot did not understand, if that is why the card is shown. */
  notUnderstood?: string | undefined;
  chatType: 'p2p' | 'group';
}

export function helpCard(v: HelpView): CardJson {
  const how =
    v.chatType === 'group'
      ? {
          zh: '在群里 **@我** 并输入下面的指令：',
          en: 'In a group, **@mention me** with one of these commands:',
        }
      : { zh: '直接给我发送下面的指令：', en: 'Send me one of these commands:' };
  const lines = v.commands.map((c) => {
    const [first, ...rest] = c.words;
    const alias = rest.length ? `（也可以说 ${rest.map((w) => `**${escapeMarkdown(w)}**`).join('、')}）` : '';
    return `- **${escapeMarkdown(first ?? '')}**${alias}：${c.summary}`;
  });
  const elements = [];
  if (v.notUnderstood !== undefined) {
    const said = truncate(v.notUnderstood.trim(), 40);
    elements.push(
      markdown({
        zh: said
          ? `没有听懂「${escapeMarkdown(said)}」，请试试下面的指令。`
          : '没有听懂这条消息，请试试下面的指令。',
        en: "Sorry, I didn't understand that. Try one of the commands below.",
      }),
    );
  }
  elements.push(markdown(how), markdown({ zh: lines.join('\n') }), divider());
  elements.push(
    markdown({
      zh: '**一诺三评三公开**：党员公开承诺、兑现销号（一诺）；领导点评、群众评议、组织评选（三评）；每月记实、上评下议、督促通报（三公开）。每月提醒和评议卡片会直接发到这里，点卡片上的按钮就能完成。',
      en: 'Pledges made and fulfilled in public; leader comments, mass evaluation and selection; monthly records, ratings and briefings. Reminders arrive here as cards: answer them with the buttons.',
    }),
  );
  return card({
    title: { zh: '一诺三评三公开 · 使用帮助', en: 'Pledge & Review Assistant · Help' },
    template: 'red',
    elements,
  });
}

function truncate(s: string, n: number): string {
  return [...s].length > n ? `${[...s].slice(0, n).join('')}…` : s;
}
