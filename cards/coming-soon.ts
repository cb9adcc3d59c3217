/** 即将开放: a regime word whose capability is not built yet. */
import { card, markdown, type CardJson } from './kit.js';

export function comingSoonCard(v: { title: string; what: string }): CardJson {
  return card({
    title: { zh: `${v.title} · 即将开放`, en: 'Coming soon' },
    template: 'wathet',
    elements: [
      markdown({
        zh: `**${v.title}**：${v.what}。\n这项功能正在建设中，开放后会在这里通知大家。现在可以发送 **帮助** 查看已经能用的功能。`,
        en: 'This part is being built and will be announced here. Send **help** to see what works today.',
      }),
    ],
  });
}
