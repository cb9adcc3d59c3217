/**
 * The regime walked through the sandbox page in real headless Chromium, as the demo people live it: a member
 * answers the monthly record in the reminder card, the secretary approves a pledge and rates the month, an
 * evaluator answers the survey, a leader comments, and the office channel shows the month's digest.
 * Screenshots go to test-results/regime-walk/.
 */
import type { Connection } from 'mongoose';
import { pino } from 'pino';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { startSandbox, type Sandbox } from '../../../src/sandbox/web/start-sandbox.js';
import { openTestDatabase } from '../../support/database.js';
import { launchChromium } from './browser.js';
import { SandboxPage } from './sandbox-page.js';

let conn: Connection;
let sandbox: Sandbox;
let browser: Browser;
let sp: SandboxPage;

beforeAll(async () => {
  conn = await openTestDatabase();
  const config = loadConfig({ PORT: '0', SANDBOX_PORT: '0', LOG_LEVEL: 'silent' });
  sandbox = await startSandbox({ config, conn, logger: pino({ level: 'silent' }) });
  browser = await launchChromium();
  sp = await SandboxPage.open(browser, sandbox.url, 'test-results/regime-walk');
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
  await conn?.dropDatabase().catch(() => undefined);
  await conn?.close();
});

afterEach(async () => {
  expect(await sp.unsupported()).toBe(0);
});

const text = async (card: Locator) => (await card.textContent()) ?? '';

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
    await sp.send('我的承诺');
    console.log(await text(sp.lastCard()));
    await sp.screenshot('02-pledge');
  });
});
