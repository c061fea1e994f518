// Uptime reports: the node tells the chain it is alive, since how long and on what version, when
// it starts and then every 40 minutes of chain time (as Zero-OS does), so the chain can tell up
// from down by Grid Proxy's rule. Driven by the chain time the usage reporter already polls, so a
// time warp (chain advance) is followed within a poll. A refused or failed report is retried at
// the next poll.
import type { ChainClient, KeyPair } from '../../proto';

/** Seconds of chain time between two reports (chain-sim's UPTIME_REPORT_PERIOD_SECONDS). */
export const UPTIME_PERIOD_SECONDS = 40 * 60;

export class UptimeReporter {
  private startedAt = 0;
  private lastReport = 0;
  private busy = false;

  constructor(
    private readonly chain: ChainClient,
    private readonly key: KeyPair,
    readonly version: string,
    private readonly log: (line: string) => void,
  ) {}

  /** Reports when a period has passed since the last report (or none was made yet). */
  async onChainTime(now: number): Promise<void> {
    if (!this.startedAt) this.startedAt = now;
    if (this.busy || (this.lastReport && now - this.lastReport < UPTIME_PERIOD_SECONDS)) return;
    this.busy = true;
    try {
      await this.chain.submit(this.key, { reportUptime: { uptime: now - this.startedAt, timestampHint: now, version: this.version } });
      this.lastReport = now;
    } catch (err) {
      this.log(`uptime report failed (will retry): ${(err as Error).message}`);
    } finally {
      this.busy = false;
    }
  }
}
