// The log of a chain dependency that fails for a while: one line when it starts failing, a summary
// now and then while it keeps failing ("chain unreachable for 42 s, 17 attempts"), one line when it
// works again. An outage of any length costs a handful of lines, not one per attempt.
import { describeFailure } from '../../proto';

export class OutageLog {
  private since?: number;
  private attempts = 0;
  private lastSummary = 0;

  constructor(
    private readonly what: string,
    private readonly log: (line: string) => void,
    private readonly summaryEveryMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  get failing(): boolean {
    return this.since !== undefined;
  }

  /** One more failed attempt. */
  failed(err: unknown): void {
    const t = this.now();
    this.attempts++;
    if (this.since === undefined) {
      this.since = this.lastSummary = t;
      this.log(`${this.what}: chain unreachable (${describeFailure(err)}); retrying with backoff`);
      return;
    }
    if (t - this.lastSummary < this.summaryEveryMs) return;
    this.lastSummary = t;
    const seconds = Math.round((t - this.since) / 1000);
    this.log(`${this.what}: chain unreachable for ${seconds} s, ${this.attempts} attempts (last: ${describeFailure(err)})`);
  }

  /** The dependency works (again). */
  recovered(): void {
    if (this.since === undefined) return;
    const seconds = Math.round((this.now() - this.since) / 1000);
    this.log(`${this.what}: chain reachable again after ${seconds} s, ${this.attempts} failed attempts`);
    this.since = undefined;
    this.attempts = 0;
  }
}
