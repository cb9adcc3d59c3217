/**
 * The sandbox page as a person uses it, for browser tests: act as someone, open a chat, type, fill a card's
 * form, press a card's button, read the toast, move the clock — each step waits until the page has finished
 * what it caused (the bot's answer included), so tests read as the conversation they check.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { UNSUPPORTED } from '../../../src/sandbox/web/card-html.js';

/** The little of the DOM the page functions below touch (the tests compile without the DOM library). */
interface DomNode {
  parentElement: DomNode | null;
  textContent: string | null;
}

/** In the page: the index of the button whose closest ancestor showing `near` is the nearest (-1: none). */
function nearest(buttons: DomNode[], near: string): number {
  let best = -1;
  let bestDepth = Infinity;
  buttons.forEach((el, i) => {
    let depth = 0;
    for (let n = el.parentElement; n; n = n.parentElement, depth++) {
      if (!n.textContent?.includes(near)) continue;
      if (depth < bestDepth) [best, bestDepth] = [i, depth];
      break;
    }
  });
  return best;
}

export class SandboxPage {
  private constructor(
    readonly page: Page,
    private readonly shotsDir: string,
  ) {}

  static async open(browser: Browser, url: string, shotsDir: string): Promise<SandboxPage> {
    mkdirSync(shotsDir, { recursive: true });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    await page.goto(url);
    const sp = new SandboxPage(page, shotsDir);
    await sp.idle();
    return sp;
  }

  /** Waits until the person's last action and the refresh it caused are done. */
  async idle(): Promise<void> {
    await this.page.waitForFunction('document.body.dataset.busy === undefined');
  }

  /** 「我是」: act as the person of this name. */
  async actAs(name: string): Promise<void> {
    const option = this.page.locator('#as option', { hasText: `${name}（` }).first();
    const value = await option.getAttribute('value');
    if (!value) throw new Error(`actAs: nobody called ${name} in 「我是」`);
    await this.page.selectOption('#as', value);
    await this.idle();
  }

  /** Opens a chat by the name the chat list shows (the private chat is 一诺三评助手). */
  async openChat(name: string): Promise<void> {
    await this.page
      .locator('#chats .chat', { has: this.page.locator('.chat-name', { hasText: name }) })
      .click();
    await this.idle();
  }

  /** Types and sends a message in the open chat (in a group the page @-mentions the bot). */
  async send(text: string): Promise<void> {
    await this.page.fill('#text', text);
    await this.page.press('#text', 'Enter');
    await this.idle();
  }

  /** The newest message of the bot in the open chat whose card shows this text (any card when omitted). */
  lastCard(has?: string): Locator {
    const cards = this.page.locator('#messages .msg.from-bot', {
      has: this.page.locator('.card', has ? { hasText: has } : {}),
    });
    return cards.last();
  }

  /** Fills a field of the newest card that has it, by the name the card gives it; selects by label or value. */
  async fill(field: string, value: string | boolean | readonly string[], card?: Locator): Promise<void> {
    const scope =
      card ?? this.page.locator('#messages .msg', { has: this.page.locator(`[name="${field}"]`) }).last();
    const el = scope.locator(`[name="${field}"]`).first();
    const kind = await el.getAttribute('data-field');
    if (kind === 'select_static' || kind === 'select_person') {
      const wanted = String(value);
      const byLabel = el.locator('option', { hasText: wanted });
      const chosen = (await byLabel.count()) ? await byLabel.first().getAttribute('value') : wanted;
      await el.selectOption(chosen ?? wanted);
    } else if (kind === 'multi_select_static' || kind === 'multi_select_person') {
      const wanted = new Set(Array.isArray(value) ? value : [String(value)]);
      for (const box of await el.locator('label.choice').all()) {
        const input = box.locator('input');
        const label = (await box.textContent()) ?? '';
        await input.setChecked(wanted.has(label) || wanted.has((await input.getAttribute('value')) ?? ''));
      }
    } else if (kind === 'checker') {
      await el.setChecked(value === true);
    } else {
      await el.fill(String(value));
    }
  }

  /**
   * Presses a button of the newest card that has it (or of `card`); with `near`, the one whose nearest
   * enclosing block also shows that text. Returns the toasts the bot answered with.
   */
  async pressButton(label: string, o: { near?: string; card?: Locator } = {}): Promise<string[]> {
    const button = this.page.locator('button.btn', { hasText: label });
    const card = o.card ?? this.page.locator('#messages .msg', { has: button }).last();
    const candidates = card.locator('button.btn').filter({ hasText: label });
    let index = 0;
    if (o.near !== undefined) {
      index = await candidates.evaluateAll(nearest, o.near);
      if (index < 0) throw new Error(`pressButton: no 「${label}」 near 「${o.near}」`);
    }
    // Toasts vanish after a few seconds, so the ones already shown are marked rather than counted.
    await this.page.evaluate(
      "document.querySelectorAll('#toasts .toast').forEach((t) => { t.dataset.seen = '1'; })",
    );
    await candidates.nth(index).click();
    await this.idle();
    return this.page.locator('#toasts .toast:not([data-seen])').allTextContents();
  }

  /** 「下一步」: returns what the page says the clock reached. */
  async nextStep(): Promise<string> {
    await this.page.click('#next-step');
    await this.idle();
    return (await this.page.textContent('#step')) ?? '';
  }

  /** Presses 「下一步」 until the page says the clock reached a step showing `text` (at most `limit` presses). */
  async nextStepUntil(text: string, limit = 60): Promise<string> {
    for (let i = 0; i < limit; i++) {
      const step = await this.nextStep();
      if (step.includes(text)) return step;
    }
    throw new Error(`nextStepUntil: no step showing 「${text}」 in ${limit} steps`);
  }

  async reset(): Promise<void> {
    await this.page.click('#reset');
    await this.idle();
  }

  clock(): Promise<string> {
    return this.page.textContent('#clock').then((t) => t ?? '');
  }

  /** The unread mark of a chat in the list (0 when none). */
  async unread(chat: string): Promise<number> {
    const row = this.page.locator('#chats .chat', {
      has: this.page.locator('.chat-name', { hasText: chat }),
    });
    const badge = row.locator('.unread');
    return (await badge.count()) ? Number(await badge.textContent()) : 0;
  }

  /** How many 「不支持的元素」 markers the page shows. */
  unsupported(): Promise<number> {
    return this.page.locator('.unsupported', { hasText: UNSUPPORTED }).count();
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: join(this.shotsDir, `${name}.png`), fullPage: true });
  }

  /** Shows any card JSON in the open chat as the bot's message would be (charts drawn); returns its locator. */
  async preview(card: unknown): Promise<Locator> {
    await this.page.evaluate(showPreview, card);
    await this.idle();
    return this.page.locator('#messages .msg.preview').last();
  }
}

interface PageGlobals {
  document: {
    createElement(tag: string): { className: string; innerHTML: string };
    getElementById(id: string): { append(el: unknown): void };
  };
  drawCharts(el: unknown): void;
  fetch(url: string, init: object): Promise<{ json(): Promise<{ html: string }> }>;
}

/** In the page: renders the card through the server's renderer and appends it like a message. */
async function showPreview(card: unknown): Promise<void> {
  const g = globalThis as unknown as PageGlobals;
  const res = await g.fetch('/api/preview', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ card }),
  });
  const el = g.document.createElement('div');
  el.className = 'msg from-bot preview';
  el.innerHTML = `<div class="bubble">${(await res.json()).html}</div>`;
  g.document.getElementById('messages').append(el);
  g.drawCharts(el);
}
