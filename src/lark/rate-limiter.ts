/**
 * Lark's send limits, kept in-process: 50/s and 1000/min per app, 5/s per chat (shared by the chat's bots).
 * https://open.feishu.cn/document/server-docs/im-v1/message/create — the limiter spaces sends so we rarely
 * meet the limit; when Lark still says "too fast" the caller pauses the app or the chat via `pause*`.
 */
export interface RateLimits {
  appPerSecond: number;
  appPerMinute: number;
  chatPerSecond: number;
}

export const LARK_LIMITS: RateLimits = { appPerSecond: 50, appPerMinute: 1000, chatPerSecond: 5 };

/**
 * Lark counts a request when it arrives, we when we send it; network jitter can bring two sends closer
 * together on arrival than they left. A window slightly longer than Lark's absorbs that.
 */
const JITTER_MARGIN_MS = 150;

/**
 * Sliding-window log: remembers the send times of the last window. A send counts from when it is let go
 * until its answer comes back (`Sent.done`): Lark counted it somewhere in between, so a slot frees only a
 * full window after the latest moment it can have been counted, however long the request took on the way.
 */
class Window {
  private readonly hits: Array<{ t: number }> = [];
  constructor(
    private readonly limit: number,
    private readonly spanMs: number,
  ) {}

  /** ms until a slot is free (0 = now). */
  wait(now: number): number {
    for (let i = this.hits.length - 1; i >= 0; i--) {
      if (this.hits[i]!.t <= now - this.spanMs) this.hits.splice(i, 1);
    }
    if (this.hits.length < this.limit) return 0;
    const times = this.hits.map((h) => h.t).sort((a, b) => a - b);
    return times[times.length - this.limit]! + this.spanMs - now;
  }
  take(now: number): { t: number } {
    const hit = { t: now };
    this.hits.push(hit);
    return hit;
  }
}

/** A send let go by the limiter; `done()` when Lark has answered it. */
export interface Sent {
  done(): void;
}

export class RateLimiter {
  private readonly appSecond: Window;
  private readonly appMinute: Window;
  private readonly chats = new Map<string, Window>();
  private appPausedUntil = 0;
  private readonly chatPausedUntil = new Map<string, number>();

  /**
   * `now` is a monotonic millisecond clock: spacing sends is about real time passing, whatever the
   * business clock (which tests freeze) says.
   */
  constructor(
    private readonly limits: RateLimits = LARK_LIMITS,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.appSecond = new Window(limits.appPerSecond, 1000 + JITTER_MARGIN_MS);
    this.appMinute = new Window(limits.appPerMinute, 60_000 + JITTER_MARGIN_MS);
  }

  /** Reserves a slot for one send to `chatKey` if one is free now; otherwise returns how long to wait. */
  tryAcquire(chatKey: string | undefined): number {
    const r = this.acquire(chatKey);
    return typeof r === 'number' ? r : 0;
  }

  /**
   * Like tryAcquire, but the slot is held until `done()` (the answer came back), not just from now: a slow
   * request then never lets the next window's sends reach Lark in the same second as it.
   */
  acquire(chatKey: string | undefined): number | Sent {
    const now = this.now();
    const chat = chatKey ? this.chatWindow(chatKey) : undefined;
    const wait = Math.max(
      this.appPausedUntil - now,
      chatKey ? (this.chatPausedUntil.get(chatKey) ?? 0) - now : 0,
      this.appSecond.wait(now),
      this.appMinute.wait(now),
      chat?.wait(now) ?? 0,
    );
    if (wait > 0) return wait;
    const hits = [this.appSecond.take(now), this.appMinute.take(now), chat?.take(now)];
    return {
      done: () => {
        const at = this.now();
        for (const h of hits) if (h) h.t = Math.max(h.t, at);
      },
    };
  }

  /**
   * Counts sends made before this limiter existed (by a previous instance, `agesMs` ago) against the app's
   * windows: Lark still counts them, so a restarted bot must not send a fresh minute's worth at once.
   */
  countEarlierSends(agesMs: readonly number[]): void {
    const now = this.now();
    for (const age of agesMs) {
      this.appSecond.take(now - age);
      this.appMinute.take(now - age);
    }
  }

  pauseApp(ms: number): void {
    this.appPausedUntil = Math.max(this.appPausedUntil, this.now() + ms);
  }

  pauseChat(chatKey: string, ms: number): void {
    this.chatPausedUntil.set(chatKey, this.now() + ms);
  }

  private chatWindow(key: string): Window {
    let w = this.chats.get(key);
    if (!w) {
      if (this.chats.size > 10_000) this.chats.clear(); // bounded memory; a cleared window only allows a burst
      w = new Window(this.limits.chatPerSecond, 1000 + JITTER_MARGIN_MS);
      this.chats.set(key, w);
    }
    return w;
  }
}
