// Capped exponential backoff with full jitter: the n-th retry waits a random time between 0 and
// min(cap, base * 2^n), so a thousand nodes that lost the chain together do not come back together.
export interface BackoffOptions {
  /** the ceiling of the first wait (default 500 ms) */
  baseMs?: number;
  /** the ceiling never grows past this (default 30 s) */
  capMs?: number;
  random?: () => number;
}

export class Backoff {
  private failures = 0;
  readonly baseMs: number;
  readonly capMs: number;
  private readonly random: () => number;

  constructor(o: BackoffOptions = {}) {
    this.baseMs = o.baseMs ?? 500;
    this.capMs = o.capMs ?? 30_000;
    this.random = o.random ?? Math.random;
  }

  /** The wait before the next attempt; each call counts one more failure. */
  next(): number {
    const ceiling = Math.min(this.capMs, this.baseMs * 2 ** Math.min(this.failures, 30));
    this.failures++;
    return Math.round(this.random() * ceiling);
  }

  reset(): void {
    this.failures = 0;
  }
}
