/**
 * A real headless Chromium for tests of pages the bot serves outside Lark (one-time survey links, the
 * board). It is Debian's `chromium` (installed by .ci/run), driven by playwright-core, which never
 * downloads a browser of its own. Screenshots go to test-results/ (git-ignored) for a person to look at.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium'];

/** The Chromium binary: $CHROMIUM_PATH, else the usual Debian places. */
export function chromiumPath(): string {
  const found = [process.env.CHROMIUM_PATH, ...CANDIDATES].find((p): p is string => !!p && existsSync(p));
  if (!found)
    throw new Error(
      "No Chromium found: install Debian's `chromium` (apt-get install -y chromium, as .ci/run does) or set CHROMIUM_PATH",
    );
  return found;
}

/** Runs `fn` with a fresh headless browser, closed afterwards whatever happens. */
export async function withBrowser<T>(fn: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    // Containers often lack the sandbox's kernel features and a large /dev/shm.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  try {
    return await fn(browser);
  } finally {
    await browser.close();
  }
}

/** A page sized like a phone (375 px wide, zh-CN), opened at `url`. */
export async function openPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 375, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

export const SCREENSHOT_DIR = 'test-results';

/** Saves a full-page screenshot under test-results/<name>.png; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
