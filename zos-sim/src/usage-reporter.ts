// Network usage reports: every hour of chain time the node tells the chain how much public
// traffic each contract with a public IP made (NRU, in bytes), as Zero-OS does. Traffic is
// simulated at a steady rate per public IP. The chain time reported up to is kept in the store,
// so a restart neither skips nor repeats an hour; when chain time jumps (AdvanceTime) the whole
// window is reported at once.
import { RpcError, type ChainClient, type KeyPair } from '../../proto';
import type { NodeStore } from './store/node-store';
import { OutageLog } from './outage-log';

export const HOUR = 3600;
/** simulated public traffic per public IP: 50 MB an hour */
export const BYTES_PER_IP_HOUR = 50_000_000;

export class UsageReporter {
  private timer?: NodeJS.Timeout;
  private busy = false;
  private readonly outage: OutageLog;

  /** called each time the chain answers: a chain watcher waiting out its backoff need not wait longer */
  onChainBack?: () => void;
  /** called with chain time at each poll (the uptime reporter follows it) */
  onChainTime?: (now: number) => Promise<void>;

  constructor(
    private readonly chain: ChainClient,
    private readonly key: KeyPair,
    private readonly store: NodeStore,
    private readonly log: (line: string) => void,
    private readonly pollMs = 1000,
  ) {
    this.outage = new OutageLog('network usage reports', log);
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.pollMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Reports every whole hour of chain time since the last report. */
  async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const now = Number((await this.chain.info()).timestamp);
      this.onChainBack?.();
      this.outage.recovered();
      await this.onChainTime?.(now);
      const last = Number(this.store.meta('nru_reported_until') ?? 0);
      if (!last) return this.store.setMeta('nru_reported_until', String(now));
      const hours = Math.floor((now - last) / HOUR);
      if (hours < 1) return;
      const until = last + hours * HOUR;
      const reports = [];
      for (const d of this.store.live()) {
        const ips = d.workloads.filter(
          (w) => w.type === 'ip' && (w.result?.state === 'ok' || w.result?.state === 'paused') && JSON.parse(w.data || '{}').v4,
        ).length;
        if (!ips) continue;
        // traffic only for the part of the window the contract existed
        const created = Number((await this.chain.contract(d.contractId)).created);
        const window = until - Math.max(last, created);
        if (window > 0)
          reports.push({ contractId: d.contractId, nru: Math.round((ips * BYTES_PER_IP_HOUR * window) / HOUR), timestamp: until, window });
      }
      if (reports.length) await this.submit(reports);
      this.store.setMeta('nru_reported_until', String(until));
    } catch (err) {
      // while the chain is away, a line when it goes, a summary now and then, a line when it is back
      if (err instanceof RpcError && err.unavailable) this.outage.failed(err);
      else this.log(`network usage report failed (will retry): ${(err as Error).message}`);
    } finally {
      this.busy = false;
    }
  }

  /** One call for all; if the chain refuses it (a contract just ended), each on its own. */
  private async submit(reports: { contractId: number; nru: number; timestamp: number; window: number }[]): Promise<void> {
    try {
      await this.chain.submit(this.key, { addNruReports: { reports } });
    } catch {
      for (const r of reports) {
        await this.chain
          .submit(this.key, { addNruReports: { reports: [r] } })
          .catch((err: Error) => this.log(`network usage of contract ${r.contractId} not reported: ${err.message}`));
      }
    }
  }
}
