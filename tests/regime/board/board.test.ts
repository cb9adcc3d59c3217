/**
 * 公开栏 over HTTP and in a real Chromium: members' cards go through chat (one published after review, one
 * still a draft), one item is ticked off; the other capabilities' data holds one disclosed and one
 * undisclosed thing each. The page shows exactly the disclosed ones, escapes every name, answers unknown
 * ids with a 404 page, and reads at 375 px without sideways scrolling.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedMessage } from '../../../src/sandbox/emulator/index.js';
import { boardModule } from '../../../src/regime/board/index.js';
import { pledgesModule } from '../../../src/regime/pledges/index.js';
import { openPage, screenshot, withBrowser } from '../../support/browser.js';
import { cardText, lastCard, press, say, shanghai } from '../../support/chat.js';
import { FakeClock } from '../../support/fake-clock.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { checkCard } from '../../cards/card-check.js';
import {
  GROUP,
  OFFICE,
  li,
  reviewer,
  sec,
  seedDisclosures,
  setUpBoardOrg,
  tricky,
  zhang,
} from './board-fixtures.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    assembled: true,
    modules: [pledgesModule, boardModule],
    clock: new FakeClock(shanghai('2026-07-10 09:00')),
  });
  await setUpBoardOrg(h);
  await seedDisclosures(h);
});
afterAll(() => h.close());

const get = (path: string) => fetch(`${h.url}${path}`);
const item = (text: string, result: string, due: string) => ({ theme: '带头学习提高', text, result, due });

/** Writes a member's card in chat, page by page as a person does; submits it unless told not to. */
async function writeCard(who: string, items: Array<Record<string, string>>, submit = true) {
  const card: RecordedMessage = await say(h, who, '我的承诺');
  for (const [i, form] of items.entries())
    await press(h, card, who, { button: i === items.length - 1 ? '保存' : '下一条', form });
  if (submit) await press(h, card, who, { button: '提交审核' });
}

/** The secretary approves the newest card waiting for review (亮诺). */
async function approveLatest() {
  const review = lastCard(h, { to: sec.open_id, has: '审核 · ' });
  await press(h, review, sec.open_id, { button: '通过' });
}

describe('公开栏 of a branch', () => {
  it('shows a card published after review with its ledger, never a draft', async () => {
    await writeCard(li.open_id, [
      item('每月研读理论文章并撰写心得', '心得12篇', '2026-12-31'),
      item('完成委员履职调研报告', '调研报告3篇', '2026-06-30'),
      item('联系服务委员', '走访委员20人次', '2026-05-31'),
    ]);
    await approveLatest();
    await writeCard(tricky.open_id, [
      item('<img src=x onerror=alert(1)>带头学习', '完成3篇<b>心得</b>', '2026-12-31'),
    ]);
    await approveLatest();
    await writeCard(zhang.open_id, [item('张伟草稿：不应公开', '草稿结果', '2026-12-31')], false);

    const mine = await say(h, li.open_id, '我的承诺');
    await press(h, mine, li.open_id, { button: '销号', near: '完成委员履职调研报告' });
    await press(h, mine, li.open_id, { button: '销号', form: { done: '已完成调研报告3篇并报送' } });

    // A change to the published card, saved but not yet reviewed: the page keeps the revision in force.
    await press(h, mine, li.open_id, { button: '修改承诺' });
    await press(h, mine, li.open_id, {
      button: '保存',
      form: item('修改中的草稿：不应公开', '心得24篇', '2026-12-31'),
    });

    const stored = await h.conn
      .db!.collection<{ _id: string; status: string; items: Array<{ text: string }> }>('pledges')
      .findOne({ _id: `2026:zx-1:${li.open_id}` });
    expect(stored?.status).toBe('draft');
    expect(stored?.items[0]?.text).toBe('修改中的草稿：不应公开');

    const res = await get('/board/zx-1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html><html lang="zh-CN">/);
    expect(html).toContain('李秀英 · 承诺卡');
    expect(html).toContain('每月研读理论文章并撰写心得');
    expect(html).toContain('挂牌销号：已完成调研报告3篇并报送');
    // Three items: one ticked off, one open, one past its date (31 May) unfulfilled.
    expect(html).toContain('已兑现 1/3，逾期 1');
    expect(html).not.toContain('张伟草稿');
    expect(html).not.toContain('修改中的草稿');
    expect(html).not.toContain('张伟 · 承诺卡');
  });

  it('escapes every stored text: a name or an item written as HTML is shown as written, never run', async () => {
    const html = await (await get('/board/zx-1')).text();
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; · 承诺卡');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;带头学习');
    expect(html).toContain('完成3篇&lt;b&gt;心得&lt;/b&gt;');
    expect(html).not.toMatch(/<script|<img|<b>心得/i);
  });

  it('shows only disclosed months, published comments, closed surveys, honours and sent disclosures', async () => {
    const html = await (await get('/board/zx-1')).text();
    expect(html).toContain('2026年5月');
    expect(html).toContain('五月走访委员8人次，完成调研报告1篇');
    expect(html).toMatch(/李秀英<\/b> <span class="tag ok">优秀/);
    expect(html).not.toContain('2026年6月');
    expect(html).not.toContain('尚未公示的内容');
    expect(html).not.toContain('较差');

    expect(html).toContain('2026年第一季度点评 · 第一党支部');
    expect(html).toContain('班子团结，履职有力');
    expect(html).not.toContain('尚未公开的点评内容');

    expect(html).toContain('2026年上半年群众评议');
    expect(html).toContain('满意率 96.9%');
    expect(html).not.toContain('2026年下半年');

    expect(html).toContain('<b>李秀英</b> 荣获「优秀共产党员」');
    expect(html).toContain('2026年5月 党员月度评定结果');
    expect(html).not.toContain('尚未发出的公开');
    // Names stand for people: no open_id, chat id or message id reaches the page.
    expect(html).not.toMatch(/\bou_|\boc_|\bom_/);
  });

  it('answers an unknown branch or organisation with a 404 page, and a bad year with a 400', async () => {
    for (const path of ['/board/zx-9', '/board/org/nowhere', '/board/%3Cscript%3E']) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const html = await res.text();
      expect(html).toContain('<html lang="zh-CN">');
      expect(html).toContain('找不到这个公开栏');
    }
    const bad = await get('/board/zx-1?year=abc');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('年份不正确');
    const lastYear = await (await get('/board/zx-1?year=2025')).text();
    expect(lastYear).toContain('本年度还没有亮诺的承诺。');
  });

  it('the organisation page has each branch headline and a link to it', async () => {
    const res = await get('/board/org/zxjg');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('公开栏 · 县政协机关党总支');
    expect(html).toContain('<a href="/board/zx-1?year=2026">第一党支部</a>');
    expect(html).toContain('<a href="/board/zx-2?year=2026">第二党支部</a>');
    expect(html).toContain('承诺卡已亮诺 2 张');
    expect(html).toContain('承诺 4 项：已兑现 1，进行中 2，');
    expect(html).toContain('2026年5月评定：优秀 1 人、良好 1 人');
    expect(html).toContain('2026年上半年群众满意率 96.9%');
    expect(html).not.toMatch(/\bou_|\boc_/);
  });
});

describe('「公开栏」 in chat', () => {
  it('in the branch group answers with the branch board; in the office channel and privately, a reviewer gets every branch and the organisation', async () => {
    const inGroup = await say(h, zhang.open_id, '公开栏', GROUP);
    checkCard(inGroup.content);
    expect(cardText(inGroup)).toContain('/board/zx-1');
    expect(cardText(inGroup)).not.toContain('/board/zx-2');

    const inOffice = await say(h, sec.open_id, '公开栏', OFFICE);
    for (const path of ['/board/zx-1', '/board/zx-2', '/board/org/zxjg'])
      expect(cardText(inOffice)).toContain(path);

    const privately = await say(h, reviewer.open_id, 'board');
    checkCard(privately.content);
    for (const path of ['/board/zx-1', '/board/zx-2', '/board/org/zxjg'])
      expect(cardText(privately)).toContain(path);
  });
});

describe('公开栏 in a real Chromium at phone width', () => {
  it('shows the published card, the tick-off and the escaped name, without sideways scrolling or a script', async () => {
    await withBrowser(async (browser) => {
      const page = await openPage(browser, `${h.url}/board/zx-1`);
      const dialogs: string[] = [];
      page.on('dialog', (d) => void dialogs.push(d.message()));
      await page.reload();
      await expectVisible(page, '公开栏 · 第一党支部');
      await expectVisible(page, '已完成调研报告3篇并报送');
      await expectVisible(page, '<script>alert("x")</script> · 承诺卡');
      expect(await page.getByText('张伟草稿').count()).toBe(0);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
      expect(dialogs).toEqual([]);
      await screenshot(page, 'board-branch');

      const org = await openPage(browser, `${h.url}/board/org/zxjg`);
      await expectVisible(org, '公开栏 · 县政协机关党总支');
      expect(await scrollWidth(org)).toBeLessThanOrEqual(375);
      await screenshot(org, 'board-org');
      await org.getByRole('link', { name: '第一党支部', exact: true }).click();
      await expectVisible(org, '五月走访委员8人次，完成调研报告1篇');
    });
  });
});

async function expectVisible(page: Page, text: string) {
  expect(await page.getByText(text, { exact: false }).first().isVisible()).toBe(true);
}

/** The page's width as laid out: wider than the viewport means the reader must scroll sideways. */
const scrollWidth = (page: Page) => page.evaluate('document.documentElement.scrollWidth') as Promise<number>;
