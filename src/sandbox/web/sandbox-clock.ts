/**
 * The sandbox's clock: real time plus an offset the page moves forward (「下一步」) or back to zero (reset).
 * The bot, its scheduler and the emulator all read it, so a jump is seen by every timestamp and signature.
 */
import type { Clock } from '../../clock.js';

export class SandboxClock implements Clock {
  private offsetMs = 0;

  constructor(private readonly real: () => number = Date.now) {}

  now(): Date {
    return new Date(this.real() + this.offsetMs);
  }

  /** Moves to `at`; never backwards, since the bot's records assume time only goes forward. */
  jumpTo(at: Date): void {
    this.offsetMs = Math.max(this.offsetMs, at.getTime() - this.real());
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
