// Used-resources reports to the chain, batched: what many deployments report within a short
// window goes in one call (the chain call takes a list), so a node accepting thousands of
// deployments a second does not queue thousands of chain writes. The latest report per contract wins.
// One call at a time: what is reported meanwhile waits in `pending` (one entry per contract, so
// memory stays bounded however long the chain is away); a batch the chain could not be reached
// for goes back there and is sent again after a backoff.
import { RpcError, type ChainClient, type KeyPair } from '../../proto';
import type { Capacity } from './capacity';
import { Backoff } from './backoff';
import { OutageLog } from './outage-log';

type Report = { contractId: number; used: { cru: number; mru: number; sru: number; hru: number } };

export class UsedResourcesBatcher {
  private pending = new Map<number, Capacity>();
  private timer?: NodeJS.Timeout;
  private sending?: Promise<void>;
  private readonly backoff = new Backoff();
  private readonly outage: OutageLog;

  constructor(
    private readonly chain: ChainClient,
    private readonly key: KeyPair,
    private readonly log?: (line: string) => void,
    private readonly windowMs = 50,
  ) {
    this.outage = new OutageLog('used-resources reports', (line) => log?.(line));
  }

  report(contractId: number, used: Capacity): void {
    this.pending.set(contractId, used);
    this.schedule(this.windowMs);
  }

  /** Sends what is pending (once); resolves once the chain took it, refused it (logged) or could not be reached (kept for later). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.sending) return this.sending.then(() => this.sendPending());
    return this.sendPending();
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.sending || !this.pending.size) return;
    this.timer = setTimeout(() => void this.flush(), delayMs);
    this.timer.unref();
  }

  private sendPending(): Promise<void> {
    if (this.sending || !this.pending.size) return this.sending ?? Promise.resolve();
    const batch = this.pending;
    this.pending = new Map();
    this.sending = this.send(batch).finally(() => {
      this.sending = undefined;
      this.schedule(this.outage.failing ? this.backoff.next() : this.windowMs);
    });
    return this.sending;
  }

  private async send(batch: Map<number, Capacity>): Promise<void> {
    const reports: Report[] = [...batch].map(([contractId, u]) => ({
      contractId,
      used: { cru: u.cru, mru: u.mru, sru: u.sru, hru: u.hru },
    }));
    try {
      await this.chain.submit(this.key, { reportContractResources: { reports } });
      this.reachable();
      return;
    } catch (err) {
      if (this.unreachable(err, batch)) return;
    }
    // one contract ended meanwhile and the chain refused the batch: report each on its own
    for (const [i, r] of reports.entries()) {
      try {
        await this.chain.submit(this.key, { reportContractResources: { reports: [r] } });
        this.reachable();
      } catch (err) {
        if (this.unreachable(err, new Map([...batch].slice(i)))) return;
        this.log?.(`contract ${r.contractId}: could not report used resources to the chain: ${(err as Error).message}`);
      }
    }
  }

  private reachable(): void {
    this.outage.recovered();
    this.backoff.reset();
  }

  /** When the chain could not be reached: keeps the reports not superseded meanwhile, for the next try. */
  private unreachable(err: unknown, unsent: Map<number, Capacity>): boolean {
    if (!(err instanceof RpcError && err.unavailable)) return false;
    this.outage.failed(err);
    for (const [id, used] of unsent) if (!this.pending.has(id)) this.pending.set(id, used);
    return true;
  }
}
