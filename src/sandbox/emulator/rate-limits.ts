/**
 * Sliding-window counters for Lark's frequency limits. Sliding (not fixed, second-aligned) windows are the
 * stricter reading of "50/s": a bot that bursts across a second boundary is still caught, so a bot that
 * passes here also passes against Lark.
 */
import { LarkCode, LarkError } from './lark-error.js';
import type { RateLimitOptions } from './types.js';

export class SlidingWindow {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly windowMs: number) {}

  /** Drops expired hits and returns the ones still inside the window (oldest first). */
  private live(key: string, now: number): number[] {
    const list = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    this.hits.set(key, list);
    return list;
  }

  /** Milliseconds until one more hit would be allowed under `limit`; 0 means allowed now. */
  waitMs(key: string, limit: number, now: number): number {
    const list = this.live(key, now);
    if (list.length < limit) return 0;
    const oldestBlocking = list[list.length - limit]!;
    return oldestBlocking + this.windowMs - now;
  }

  record(key: string, now: number): void {
    this.live(key, now).push(now);
  }
}

export const LARK_RATE_LIMITS: Required<RateLimitOptions> = {
  appPerSecond: 50,
  appPerMinute: 1000,
  chatPerSecond: 5,
};
/** PATCH of one message: 5 QPS (protocol reference §5). */
const MESSAGE_UPDATES_PER_SECOND = 5;

/** The limits the emulator enforces; each check throws the LarkError Lark would answer, or records a hit. */
export class LarkRateLimits {
  private limits: Required<RateLimitOptions> = { ...LARK_RATE_LIMITS };
  private readonly perSecond = new SlidingWindow(1000);
  private readonly perMinute = new SlidingWindow(60_000);

  constructor(
    private readonly now: () => number,
    initial?: RateLimitOptions,
  ) {
    this.set(initial);
  }

  set(r: RateLimitOptions | undefined): void {
    this.limits = { ...this.limits, ...r };
  }

  /** Message create/reply: per-app caps answer 429 + 99991400 (gateway), the per-chat cap 400 + 230020. */
  checkSend(chatId: string): void {
    const now = this.now();
    const app = [
      { w: this.perSecond, limit: this.limits.appPerSecond },
      { w: this.perMinute, limit: this.limits.appPerMinute },
    ];
    for (const { w, limit } of app) {
      const wait = w.waitMs('app', limit, now);
      if (wait > 0) {
        throw new LarkError(429, LarkCode.rateLimited, 'request trigger frequency limit', {
          'x-ogw-ratelimit-limit': String(limit),
          'x-ogw-ratelimit-reset': String(Math.ceil(wait / 1000)),
        });
      }
    }
    if (this.perSecond.waitMs(`chat:${chatId}`, this.limits.chatPerSecond, now) > 0) {
      throw new LarkError(400, LarkCode.chatRateLimited, 'chat rate limit');
    }
    this.perSecond.record('app', now);
    this.perMinute.record('app', now);
    this.perSecond.record(`chat:${chatId}`, now);
  }

  checkMessageUpdate(messageId: string): void {
    const now = this.now();
    if (this.perSecond.waitMs(`msg:${messageId}`, MESSAGE_UPDATES_PER_SECOND, now) > 0) {
      throw new LarkError(400, LarkCode.chatRateLimited, 'message update rate limit (5 QPS per message)');
    }
    this.perSecond.record(`msg:${messageId}`, now);
  }
}
