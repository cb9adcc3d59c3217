/** The 公开栏 link card, with and without the bot's public address: valid for Lark, links shown as written. */
import { describe, expect, it } from 'vitest';
import { boardLinkCard } from '../../../cards/board-link.js';
import { cardText } from '../../support/chat.js';
import { checkCard } from '../../cards/card-check.js';

const branches = [
  { name: '第一党支部', url: 'https://bot.example.cn/board/zx-1' },
  { name: '第二党支部', url: 'https://bot.example.cn/board/zx-2' },
];

describe('boardLinkCard', () => {
  it('with PUBLIC_BASE_URL: a link and a button that opens each page', () => {
    const card = boardLinkCard({
      branches,
      org: { name: '县政协机关党总支', url: 'https://bot.example.cn/board/org/zxjg' },
      absolute: true,
    });
    expect(checkCard(card).actions).toEqual([]);
    const text = cardText(card);
    expect(text).toContain('[https://bot.example.cn/board/zx-1](https://bot.example.cn/board/zx-1)');
    expect(text).toContain('"type":"open_url","default_url":"https://bot.example.cn/board/org/zxjg"');
    expect(text).toContain('打开「第一党支部」公开栏');
  });

  it('without it: the path, no button, and who can fix it', () => {
    const card = boardLinkCard({ branches: [{ name: '第一党支部', url: '/board/zx-1' }], absolute: false });
    checkCard(card);
    const text = cardText(card);
    expect(text).toContain('`/board/zx-1`');
    expect(text).not.toContain('open_url');
    expect(text).toContain('请联系管理员');
  });

  it('a name with markdown in it is shown as written', () => {
    const card = boardLinkCard({ branches: [{ name: '第*一*支部', url: '/board/x' }], absolute: false });
    expect(cardText(card)).toContain('第\\\\*一\\\\*支部');
  });
});
