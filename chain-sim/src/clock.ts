// Chain time. The real chain's time comes from its blocks; here it is the wall clock plus an
// offset that `AdvanceTime` grows, so a local grid can jump hours or days ahead. Injected, so
// tests control it.
export interface Clock {
  /** unix seconds */
  now(): number;
}

export const systemClock: Clock = { now: () => Math.floor(Date.now() / 1000) };

/** A clock for tests: time moves only when told. */
export class ManualClock implements Clock {
  constructor(private seconds = 1_700_000_000) {}
  now(): number {
    return this.seconds;
  }
  advance(seconds: number): void {
    this.seconds += seconds;
  }
}
