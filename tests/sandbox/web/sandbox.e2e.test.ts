/**
 * The sandbox in real headless Chromium: the demo organisation, the messenger page, the bot answering through
 * the Lark emulator with signed callbacks, toasts and in-place card updates, the clock and reset. Screenshots
 * go to test-results/sandbox/.
 */

import { beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/web/start-sandbox.js';
import { kitchenSinkCard } from './kitchen-sink.js';
import type { SandboxPage } from './sandbox-page.js';
import { useSandbox } from './use-sandbox.js';

const env = useSandbox('test-results/sandbox');
let sp: SandboxPage;
let sandbox: Sandbox;
beforeAll(() => {
  sp = env.page();
  sandbox = env.sandbox();
});

describe('the sandbox in a browser', { timeout: 60_000 }, () => {
  it('a secretary asks for help and the schedule in private chat, and picks a branch on the card', async () => {
    await sp.actAs('王建国');
    await sp.openChat('一诺三评助手');
    await sp.send('帮助');
    expect(await sp.lastCard().locator('.card-title').textContent()).toBe('一诺三评三公开 · 使用帮助');
    expect(await sp.lastCard().locator('.card-header').getAttribute('class')).toContain('t-red');
    expect(await sp.lastCard().locator('.md li').first().textContent()).toContain('帮助');

    await sp.send('日程');
    const picker = sp.lastCard('日程 · 选择支部');
    const id = await picker.getAttribute('data-id');
    await sp.pressButton('第一党支部', { card: picker });
    const updated = sp.page.locator(`.msg[data-id="${id}"]`);
    expect(await updated.locator('.card-title').textContent()).toBe('日程 · 第一党支部');
    expect(await updated.getAttribute('data-version')).toBe('1');
    await sp.screenshot('01-secretary-private-chat');
  });

  it('in the branch group a member is refused, the secretary binds with the form: toasts and in-place updates', async () => {
    await sp.openChat('第一党支部支部群');
    await sp.send('绑定');
    // 李秀英 has not opened the group yet: the chat list marks what arrived there.
    await sp.openChat('一诺三评助手');
    await sp.actAs('李秀英');
    expect(await sp.unread('第一党支部支部群')).toBe(2);
    await sp.openChat('第一党支部支部群');
    expect(await sp.unread('第一党支部支部群')).toBe(0);
    const card = sp.lastCard('请设置本群的用途');
    const id = await card.getAttribute('data-id');

    await sp.fill('branch', '第一党支部');
    await sp.fill('kind', '支部群');
    const refused = await sp.pressButton('绑定');
    expect(refused.join('')).toContain('只有管理员或该支部书记可以绑定群聊');
    await sp.screenshot('02-member-refused');

    await sp.actAs('王建国');
    await sp.fill('branch', '第一党支部');
    await sp.fill('kind', '支部群');
    expect(await sp.pressButton('绑定')).toEqual(['本群已是第一党支部的支部群']);
    const bound = sp.page.locator(`.msg[data-id="${id}"]`);
    expect(await bound.locator('button.btn').allTextContents()).toEqual(['同步群成员']);

    const synced = await sp.pressButton('同步群成员', { card: bound });
    expect(synced.join('')).toMatch(/同步完成，新登记 \d+ 人/);
    expect(await bound.getAttribute('data-version')).toBe('2');
    await sp.screenshot('03-secretary-binds-and-syncs');
  });

  it('draws a card chart with VChart', async () => {
    const preview = await sp.preview(kitchenSinkCard());
    expect(await preview.locator('.card-chart canvas').count()).toBe(1);
    expect(await preview.locator('.chart-error').count()).toBe(0);
    expect(await preview.locator('.card-title').textContent()).toBe('全部组件 <script>');
    await preview.scrollIntoViewIfNeeded();
    await sp.screenshot('04-every-component');
    await sp.openChat('一诺三评助手'); // leaves the preview behind
  });

  it('the clock jumps to the next step of the calendar, and reset starts the demo again', async () => {
    const before = await sp.clock();
    const step = await sp.nextStep();
    expect(step).toMatch(/^已到 \d{4}年\d+月\d+日/);
    expect(await sp.clock()).not.toBe(before);
    expect(sandbox.clock.now().getTime()).toBeGreaterThan(Date.now());
    await sp.screenshot('05-next-step');

    await sp.reset();
    expect(await sp.page.textContent('#step')).toBe('演示已重置');
    expect(Math.abs(sandbox.clock.now().getTime() - Date.now())).toBeLessThan(60_000);
    expect(await sp.page.locator('#messages .msg').count()).toBe(0);
    await sp.actAs('陈静');
    await sp.openChat('一诺三评助手');
    await sp.send('我的身份');
    expect(await sp.lastCard().locator('.card-body').textContent()).toContain('第二党支部');
    await sp.screenshot('06-after-reset');
  });
});
