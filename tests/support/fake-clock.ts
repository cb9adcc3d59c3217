import type { Clock } from '../../src/clock.js';

/** A clock that moves only when told to. */
export class FakeClock implements Clock {
  private ms: number;
  constructor(start: Date | string = '2026-11-26T02:00:00Z') {
    this.ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.ms);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
  set(to: Date | string): void {
    this.ms = new Date(to).getTime();
  }
}
