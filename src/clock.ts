/** Time as a dependency: production uses the system clock, tests a FakeClock (tests/support/fake-clock.ts). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
