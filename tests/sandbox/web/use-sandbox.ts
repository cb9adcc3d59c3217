/**
 * The sandbox for a browser test file: a fresh database, the sandbox as `npm start` runs it without Lark, a
 * headless Chromium on its page, and after every test the check that no card showed an unknown element.
 */
import type { Connection } from 'mongoose';
import { pino } from 'pino';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { startSandbox, type Sandbox } from '../../../src/sandbox/web/start-sandbox.js';
import { openTestDatabase } from '../../support/database.js';
import { launchChromium } from './browser.js';
import { SandboxPage } from './sandbox-page.js';

/** Registers the hooks; the getters give the running sandbox and its page inside tests. */
export function useSandbox(shotsDir: string): { sandbox: () => Sandbox; page: () => SandboxPage } {
  let conn: Connection | undefined;
  let sandbox: Sandbox | undefined;
  let browser: Browser | undefined;
  let sp: SandboxPage | undefined;

  beforeAll(async () => {
    conn = await openTestDatabase();
    const config = loadConfig({ PORT: '0', SANDBOX_PORT: '0', LOG_LEVEL: 'silent' });
    sandbox = await startSandbox({ config, conn, logger: pino({ level: 'silent' }) });
    browser = await launchChromium();
    sp = await SandboxPage.open(browser, sandbox.url, shotsDir);
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
    await conn?.dropDatabase().catch(() => undefined);
    await conn?.close();
  });

  afterEach(async () => {
    expect(await sp!.unsupported()).toBe(0);
  });

  return { sandbox: () => sandbox!, page: () => sp! };
}
