// Asks every node's daemon, over gRPC, whether it answers (and its version), a few at a time and
// again every interval: what the explorer knows of a node beyond the ledger. The ledger names the
// nodes and their addresses; a node that joins is probed before the next answer that could name it.
import { NodeClient } from '../../../proto';

export interface Sighting {
  answering: boolean;
  /** unix seconds (wall clock) of the latest answer */
  answeredAt?: number;
  zosVersion?: string;
  features?: string[];
  /** workloads on the node when it last answered (its statistics) */
  workloads?: number;
  /** its GPUs and the contract using each (0 = free), from its statistics */
  gpus?: { id: string; vendor: string; device: string; contract: number }[];
}

const PROBE_TIMEOUT_MS = 3000;
const AT_ONCE = 16;

export class NodeProber {
  private readonly clients = new Map<number, NodeClient>();
  private readonly sightings = new Map<number, Sighting>();
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private round?: Promise<void>;
  /** bumped after each round, so cached views know they are stale */
  generation = 0;

  constructor(
    private readonly nodes: () => { id: number; address: string }[],
    private readonly intervalMs: number,
  ) {}

  /** Whether some node of the ledger was never probed (it joined since the last round). */
  hasUnprobed(): boolean {
    return this.nodes().some((n) => !this.sightings.has(n.id));
  }

  sighting(nodeId: number): Sighting {
    return this.sightings.get(nodeId) ?? { answering: false };
  }

  client(nodeId: number, address: string): NodeClient {
    const known = this.clients.get(nodeId);
    if (known && known.address === address) return known;
    known?.close();
    const client = new NodeClient(address, { timeoutMs: PROBE_TIMEOUT_MS, peer: { name: `node ${nodeId}` } });
    this.clients.set(nodeId, client);
    return client;
  }

  /** Probes every node once now; resolves when all answered or timed out. */
  probeAll(): Promise<void> {
    this.round ??= this.runRound().finally(() => (this.round = undefined));
    return this.round;
  }

  /** The next round starts an interval after the last one ended: rounds over many nodes never pile up. */
  start(): void {
    this.stopped = false;
    const next = () => {
      if (this.stopped) return;
      this.timer = setTimeout(() => void this.probeAll().then(next), this.intervalMs);
      this.timer.unref();
    };
    next();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }

  private async runRound(): Promise<void> {
    const queue = [...this.nodes()];
    const worker = async () => {
      for (let n = queue.shift(); n; n = queue.shift()) await this.probe(n.id, n.address);
    };
    await Promise.all(Array.from({ length: AT_ONCE }, worker));
    this.generation++;
  }

  private async probe(nodeId: number, address: string): Promise<void> {
    const before = this.sightings.get(nodeId);
    try {
      const client = this.client(nodeId, address);
      const stats = await client.statistics();
      const zosVersion = before?.zosVersion ?? (await client.version()).zos;
      const features = before?.features ?? (await client.features());
      const answeredAt = Math.floor(Date.now() / 1000);
      const gpus = (stats.gpus ?? []).map((g) => ({ id: g.id, vendor: g.vendor, device: g.device, contract: Number(g.contract) }));
      this.sightings.set(nodeId, { answering: true, answeredAt, zosVersion, features, workloads: stats.workloads, gpus });
    } catch {
      this.sightings.set(nodeId, { ...before, answering: false });
    }
  }
}
