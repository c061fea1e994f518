// Used-resources reports to the chain, batched: what many deployments report within a short
// window goes in one call (the chain call takes a list), so a node accepting thousands of
// deployments a second does not queue thousands of chain writes. The latest report per contract wins.
import type { ChainClient, KeyPair } from '../../proto';
import type { Capacity } from './capacity';

export class UsedResourcesBatcher {
  private pending = new Map<number, Capacity>();
  private timer?: NodeJS.Timeout;
  private sending: Promise<void> = Promise.resolve();

  constructor(private readonly chain: ChainClient, private readonly key: KeyPair, private readonly log?: (line: string) => void, private readonly windowMs = 50) {}

  report(contractId: number, used: Capacity): void {
    this.pending.set(contractId, used);
    this.timer ??= setTimeout(() => void this.flush(), this.windowMs);
  }

  /** Sends what is pending; resolves once the chain took it (or refused it, logged). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = [...this.pending];
    this.pending = new Map();
    if (!batch.length) return this.sending;
    this.sending = this.sending.then(async () => {
      const reports = batch.map(([contractId, u]) => ({ contractId, used: { cru: u.cru, mru: u.mru, sru: u.sru, hru: u.hru } }));
      try {
        await this.chain.submit(this.key, { reportContractResources: { reports } });
      } catch {
        // one contract ended meanwhile and the chain refused the batch: report each on its own
        for (const r of reports) {
          await this.chain.submit(this.key, { reportContractResources: { reports: [r] } }).catch((err: Error) => this.log?.(`contract ${r.contractId}: could not report used resources to the chain: ${err.message}`));
        }
      }
    });
    return this.sending;
  }
}
