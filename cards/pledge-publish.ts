/** 亮诺: an approved pledge as the branch group (and, for the book, the office channel) reads it. */
import { grey, itemLine, type ItemView } from './pledge-kit.js';
import { card, markdown, type CardJson } from './kit.js';

export function publishedCard(v: {
  title: string;
  revision: number;
  items: readonly ItemView[];
  approvedBy: string;
}): CardJson {
  const change = v.revision > 1 ? `（第 ${v.revision} 版，变更后重新审核通过）` : '';
  return card({
    title: { zh: `亮诺 · ${v.title}` },
    template: 'red',
    elements: [
      markdown({ zh: v.items.map((i, n) => itemLine(n + 1, i, v.items.length)).join('\n') }),
      markdown({ zh: grey(`${v.approvedBy}审核通过${change}。兑现一件、销号一件，欢迎监督。`) }),
    ],
  });
}
