/**
 * The regime walked through the sandbox page in real headless Chromium, as the demo people live it: a member
 * answers the monthly record in the reminder card, the secretary approves a pledge, exports the ledger as a
 * workbook and rates the month, an
 * evaluator answers the survey, a leader comments, and the office channel shows the month's digest.
 * Screenshots go to test-results/regime-walk/.
 */
import type { Locator } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/web/start-sandbox.js';
import type { SandboxPage } from './sandbox-page.js';
import { useSandbox } from './use-sandbox.js';

const env = useSandbox('test-results/regime-walk');
let sp: SandboxPage;
let sandbox: Sandbox;
beforeAll(() => {
  sp = env.page();
  sandbox = env.sandbox();
});

const text = async (card: Locator) => (await card.textContent()) ?? '';
/** The card as one message, whatever its text becomes once updated in place. */
const pin = async (card: Locator) => sp.page.locator(`.msg[data-id="${await card.getAttribute('data-id')}"]`);

describe('the regime walked through the sandbox page', { timeout: 120_000 }, () => {
  it('a member answers the monthly record inside the reminder card', async () => {
    expect(await sp.nextStepUntil('每月记实提醒')).toContain('每月记实提醒');
    await sp.actAs('李秀英');
    await sp.openChat('一诺三评助手');
    const card = sp.lastCard('月记实');
    await sp.fill('text', '走访了十户群众，整理了三条意见', card);
    expect(await sp.pressButton('提交', { card })).toEqual(['已提交，谢谢！']);
    expect(await text(card)).toContain('已提交');
    await sp.screenshot('01-member-record');
  });

  it('a member drafts a pledge, the secretary approves it', async () => {
    // The clock stands on the 25th of some month: the pledge is for that year.
    const year = sandbox.clock.now().getFullYear();
    await sp.send('我的承诺');
    const draft = sp.lastCard(`李秀英 ${year}年承诺卡`);
    await sp.fill('theme', '带头服务群众', draft);
    await sp.fill('text', '走访联系群众十户，为群众办实事', draft);
    await sp.fill('result', '走访十户，办实事五件', draft);
    await sp.fill('due', `${year}-12-31`, draft);
    await sp.pressButton('保存', { card: draft });
    expect(await sp.pressButton('提交审核', { card: draft })).toEqual(['已提交审核']);
    expect(await text(draft)).toContain('等待支部书记审核');
    await sp.screenshot('02-member-submits-pledge');

    await sp.actAs('王建国');
    await sp.openChat('一诺三评助手');
    const review = sp.lastCard(`李秀英 ${year}年承诺卡`);
    expect(await text(review)).toContain('走访联系群众十户');
    expect(await sp.pressButton('通过', { card: review })).toEqual(['已通过，已亮诺']);
    expect(await text(review)).toContain('已通过并亮诺（王建国）');
    await sp.screenshot('03-secretary-approves-pledge');
    await sp.openChat('第一党支部支部群');
    expect(await text(sp.lastCard(`亮诺 · 李秀英 ${year}年承诺卡`))).toContain('欢迎监督');
    await sp.screenshot('04-pledge-shown-in-branch-group');
  });

  it('the secretary exports the ledger: the workbook arrives as a file to download', async () => {
    await sp.actAs('王建国');
    await sp.openChat('一诺三评助手');
    await sp.send('导出 台账');
    const file = sp.page.locator('.msg a.file').last();
    expect(await file.locator('.file-name').textContent()).toMatch(/承诺践诺台账.*\.xlsx$/);
    expect(await file.locator('.file-size').textContent()).toMatch(/KB$/);
    const href = new URL((await file.getAttribute('href'))!, sp.page.url()).toString();
    const download = await sp.page.request.get(href);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toContain('.xlsx');
    // An xlsx workbook is a zip: it starts with PK.
    expect((await download.body()).subarray(0, 2).toString()).toBe('PK');
    await sp.screenshot('04b-ledger-export-as-file');
  });

  it('the secretary rates the month on the 评定 card; its digest appears in the office channel', async () => {
    // Past the 3rd's close of the month's records (before the automatic publication of the 6th or 7th).
    expect(await sp.nextStepUntil('关闭上月记实')).toContain('23:59');
    await sp.actAs('王建国');
    await sp.openChat('一诺三评助手');
    await sp.send('评定');
    const sheet = sp.lastCard('党员评定');
    expect(await text(sheet)).toContain('已评 0/4 · 已记实 1/4');
    for (const field of ['g0', 'g1', 'g2', 'g3']) await sp.fill(field, '良好', sheet);
    await sp.fill('g0', '优秀', sheet);
    expect(await sp.pressButton('保存本页', { card: sheet })).toEqual([
      '已保存 4 人，全部已评定，可以确认公示',
    ]);
    const published = await sp.pressButton('确认公示', { card: sheet });
    expect(published.join('')).toMatch(/^\d{4}年\d+月评定已公示，已发到支部群和公开频道/);
    expect(await text(sheet)).toContain('优秀 1 · 良好 3');
    expect(await text(sheet)).toContain('走访了十户群众，整理了三条意见评定：优秀');
    await sp.screenshot('05-secretary-rates-the-month');
    await sp.openChat('机关公开频道');
    const digest = sp.lastCard('公开记实');
    expect(await text(digest)).toContain('1/4 人已提交；未提交：刘洋、王建国、张伟');
    expect(await text(digest)).toContain('优秀 1 · 良好 3 · 一般 0 · 较差 0');
    await sp.screenshot('06-digest-in-office-channel');
  });

  it('the secretary opens the survey with 评议, an evaluator answers in the evaluators group', async () => {
    await sp.actAs('王建国');
    await sp.openChat('一诺三评助手');
    await sp.send('评议');
    const open = await pin(sp.lastCard('本期评议尚未开启'));
    await sp.fill('report', '本年度支部围绕中心工作，完成承诺事项十二项。', open);
    expect(await sp.pressButton('开启评议', { card: open })).toEqual([
      '评议已开启，工作报告和评议卡片已发到群里',
    ]);
    expect(await text(open)).toContain('进行中');
    await sp.screenshot('07-secretary-opens-survey');

    await sp.actAs('孙德明');
    await sp.openChat('群众评议群');
    const survey = await pin(sp.lastCard('提交评议'));
    expect(await text(survey)).toContain('已参与 0 人');
    for (const field of ['t0', 't1', 't2', 't3', 't4']) await sp.fill(field, '满意', survey);
    expect(await sp.pressButton('提交评议', { card: survey })).toEqual(['已提交评议，谢谢参与']);
    await sp.screenshot('08-evaluator-answers-survey');
    await sp.actAs('王建国');
    await sp.openChat('一诺三评助手');
    await sp.send('评议');
    expect(await text(sp.lastCard('群众评议'))).toContain('已参与 1 人');
  });

  it('a leader comments on a member through the card: 点评, the form, 提交点评', async () => {
    await sp.actAs('周志强');
    await sp.openChat('一诺三评助手');
    // The monthly reminder's 点评 opens the checklist in place; its 点评 next to a name sends that form.
    const reminder = await pin(sp.lastCard('点评提醒'));
    await sp.pressButton('点评', { card: reminder });
    expect(await text(reminder)).toContain('⏳ 待点评');
    expect(await sp.pressButton('点评', { card: reminder, near: '李秀英' })).toEqual([
      '已发送对李秀英的点评表',
    ]);
    const form = await pin(sp.lastCard('点评：李秀英'));
    expect(await text(form)).toContain('走访了十户群众，整理了三条意见');
    for (const field of ['g0', 'g1', 'g2', 'g3', 'g4']) await sp.fill(field, '较好', form);
    await sp.fill('t0', '政治立场坚定，学习扎实', form);
    expect(await sp.pressButton('下一页', { card: form })).toEqual(['草稿已保存']);
    expect(await text(form)).toContain('第2/2页');
    await sp.fill('s0', '走访扎实，意见整理及时', form);
    expect(await sp.pressButton('提交点评', { card: form })).toEqual(['点评已提交']);
    expect(await text(form)).toContain('李秀英 · 周志强');
    expect(await text(form)).toContain('德 较好：政治立场坚定，学习扎实');
    expect(await text(form)).toContain('工作思路：走访扎实，意见整理及时');
    await sp.screenshot('09-leader-comments');
  });
});
