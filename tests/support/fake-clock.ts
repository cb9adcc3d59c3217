import type { Clock } from '../../src/clock.js';

/**
 * A clock that moves only when told to. With `ticking: true` it also follows real time (from its start
 * value), for tests where something else counts real seconds, such as rate limits.
 */
export class FakeClock implements Clock {
  private ms: number;
  private readonly realStart = performance.now();
  constructor(
    start: Date | string = '2026-11-26T02:00:00Z',
    private readonly opts: { ticking?: boolean } = {},
  ) {
    this.ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.ms + (this.opts.ticking ? performance.now() - this.realStart : 0));
  }
  advance(ms: number): void {
    this.ms += ms;
  }
  set(to: Date | string): void {
    this.ms = new Date(to).getTime() - (this.opts.ticking ? performance.now() - this.realStart : 0);
  }
}
