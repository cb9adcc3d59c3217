/**
 * The sandbox draws the bot's cards as a person would see them in Lark: every card of cards/ without an
 * unknown element, and each JSON 2.0 component the way the client shows it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buttonLabels } from '../../../src/sandbox/emulator/index.js';
import { cardHtml, UNSUPPORTED } from '../../../src/sandbox/web/card-html.js';
import { CARD_SAMPLES, NOT_CARDS } from './card-samples.js';
import { kitchenSinkCard } from './kitchen-sink.js';

const names: Record<string, string> = { ou_wjg: '王建国', ou_lxy: '李秀英' };
const render = (card: unknown) => cardHtml(card, { nameOf: (id) => names[id] ?? id });

/** The source of every test file, to see which cards their structural tests cover. */
function testSources(): string[] {
  const root = new URL('../../', import.meta.url);
  return (readdirSync(root, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(new URL(f, root), 'utf8'));
}

describe('the sandbox renders cards', () => {
  const files = readdirSync(new URL('../../../cards/', import.meta.url)).filter(
    (f) => f.endsWith('.ts') && !NOT_CARDS.has(f),
  );

  it('draws every file in cards/: from a sample here, or in its structural test through checkCard', () => {
    // checkCard (tests/cards/card-check.ts) renders through the sandbox too; a card file counts as covered
    // when a test that uses checkCard imports it.
    const checked = testSources().filter((t) => t.includes('card-check.js'));
    const uncovered = files.filter(
      (f) => !(f in CARD_SAMPLES) && !checked.some((t) => t.includes(`cards/${f.replace(/\.ts$/, '.js')}`)),
    );
    expect(uncovered).toEqual([]);
  });

  for (const file of files.filter((f) => f in CARD_SAMPLES)) {
    it(`renders ${file} without unknown elements, with every button a person can press`, () => {
      const cards = CARD_SAMPLES[file]?.() ?? [];
      expect(cards.length).toBeGreaterThan(0);
      for (const card of cards) {
        const html = render(card);
        expect(html).not.toContain(UNSUPPORTED);
        const title = (card as { header: { title: { content: string } } }).header.title.content;
        expect(html).toContain(title.replace(/&/g, '&#38;'));
        for (const label of buttonLabels(card)) expect(html).toContain(`>${label}</button>`);
      }
    });
  }

  it('draws every card JSON 2.0 component it is given, and marks the ones it does not know', () => {
    const html = render(kitchenSinkCard());
    expect(html).not.toContain(UNSUPPORTED);
    expect(html).toContain('card-header t-orange');
    expect(html).toContain('<strong>加粗</strong>');
    expect(html).toContain('<ul><li>第一项</li><li>第二项</li></ul>');
    expect(html).toContain('<a href="https://example.com/" target="_blank" rel="noopener">链接</a>');
    expect(html).toContain('<span class="md-font c-red">红字</span>');
    expect(html).toContain('<span class="md-at">@王建国</span>');
    expect(html).toContain('<hr>');
    expect(html).toContain('class="btn btn-primary"');
    expect(html).toContain('class="btn btn-danger"');
    expect(html).toMatch(/<textarea name="note" data-field="input"[^>]* rows="4"/);
    expect(html).toMatch(/<select name="month" data-field="select_static"/);
    expect(html).toContain('<option value="2026-11" selected>11月</option>');
    expect(html).toMatch(/<span class="multi" name="tags" data-field="multi_select_static"/);
    expect(html).toMatch(/<input type="date" name="day" data-field="date_picker"[^>]*value="2026-11-25"/);
    expect(html).toMatch(/<input type="checkbox" name="agree" data-field="checker"/);
    expect(html).toContain('<th>姓名</th>');
    expect(html).toContain('<td>5</td>');
    expect(html).toContain('<span class="person"><span class="avatar">李</span>李秀英</span>');
    expect(html).toContain('<div class="cols">');
    expect(html).toContain('<details class="panel"><summary><strong>详情</strong></summary>');
    expect(html).toContain('class="card-chart"');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('javascript:');
    const unknown = render({ schema: '2.0', body: { elements: [{ tag: 'hologram' }] } });
    expect(unknown).toContain(`${UNSUPPORTED}: hologram`);
  });
});
