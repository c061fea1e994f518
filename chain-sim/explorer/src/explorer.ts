// The explorer's state: the read-only ledger, the node prober and the snapshot of the grid built
// from both; what the routes read. Holds no key and no mnemonic: the ledger holds none.
import { LedgerReader } from './ledger-reader';
import { NodeProber } from './node-prober';
import { GridSnapshots, type Snapshot } from './grid-snapshot';
import { HttpError } from './api/http-error';
import { contractJson, contractRow } from './api/contracts';
import { nodeEntry } from './api/nodes';
import { stats } from './api/stats';

export interface ExplorerOptions {
  /** the chain's data folder (it holds chain.sqlite) */
  chainDataDir: string;
  /** how often every node is asked whether it answers; default 10 s */
  probeIntervalMs?: number;
}

const VERSION = 'gridform-explorer 0.1.0 (Grid Proxy v3 API)';

export class Explorer {
  readonly ledger: LedgerReader;
  readonly prober: NodeProber;
  private readonly snapshots: GridSnapshots;
  private statsCache?: { snap: Snapshot; byQuery: Map<string, ReturnType<typeof stats>> };
  readonly version = VERSION;
  url = '';

  constructor(options: ExplorerOptions) {
    this.ledger = new LedgerReader(options.chainDataDir);
    this.prober = new NodeProber(
      () => this.ledger.nodes().map((n) => ({ id: n.id, address: n.address })),
      options.probeIntervalMs ?? 10_000,
    );
    this.snapshots = new GridSnapshots(this.ledger, this.prober);
  }

  /**
   * Probes at once when a node joined since the last round, so a scheduler asking right after a
   * `node join` finds it healthy instead of waiting up to a probe interval.
   */
  async probeJoinedNodes(): Promise<void> {
    if (this.prober.hasUnprobed()) await this.prober.probeAll();
  }

  snapshot(): Snapshot {
    return this.snapshots.current();
  }

  /** /stats, computed once per snapshot and query. */
  stats(params: URLSearchParams) {
    const snap = this.snapshot();
    const key = params.toString();
    const cached = this.statsCache?.snap === snap ? this.statsCache.byQuery.get(key) : undefined;
    if (cached) return cached;
    const computed = stats(this.ledger, snap, this.prober, params);
    if (this.statsCache?.snap !== snap) this.statsCache = { snap, byQuery: new Map() };
    this.statsCache.byQuery.set(key, computed);
    return computed;
  }

  health() {
    const snap = this.snapshot();
    const answering = snap.nodes.filter((n) => n.record.healthy).length;
    return { status: 'ok', db: 'ok', chain_block: this.ledger.q.lastBlock().number, nodes: snap.nodes.length, nodes_answering: answering };
  }

  /** The node's own statistics, asked now over gRPC (Grid Proxy's /nodes/{id}/statistics). */
  async liveStatistics(nodeId: number) {
    const entry = nodeEntry(this.snapshot(), nodeId);
    let s;
    try {
      s = await this.prober.client(nodeId, entry.address).statistics();
    } catch (err) {
      throw new HttpError(502, `node ${nodeId} at ${entry.address} does not answer: ${(err as Error).message.split('\n')[0]}`);
    }
    const res = (c: typeof s.total) => ({
      cru: Number(c?.cru ?? 0),
      mru: Number(c?.mru ?? 0),
      sru: Number(c?.sru ?? 0),
      hru: Number(c?.hru ?? 0),
      ipv4u: Number(c?.ipv4u ?? 0),
    });
    return {
      total: res(s.total),
      used: res(s.used),
      system: res(s.system),
      users: { deployments: s.deployments, workloads: s.workloads, last_deployment_timestamp: 0 },
    };
  }

  /** /nodes/{id}/gpu: the node's GPUs, asked live as Grid Proxy asks zos.gpu.list, with the node's twin. */
  async liveGpus(nodeId: number) {
    const entry = nodeEntry(this.snapshot(), nodeId);
    const { status, twinId } = entry.record;
    if (status === 'down' || status === 'standby')
      throw new HttpError(502, `cannot fetch GPU information from node ${nodeId} with status: ${status}`);
    let gpus;
    try {
      gpus = await this.prober.client(nodeId, entry.address).gpus();
    } catch (err) {
      throw new HttpError(502, `node ${nodeId} at ${entry.address} does not answer: ${(err as Error).message.split('\n')[0]}`);
    }
    const now = Math.floor(Date.now() / 1000);
    return gpus.map((g) => ({
      node_twin_id: twinId,
      id: g.id,
      vendor: g.vendor,
      device: g.device,
      contract: Number(g.contract),
      updated_at: now,
    }));
  }

  /** A contract with what the page shows beside it: grace, used resources, public IPs, its node. */
  contractDetail(id: number) {
    const c = contractRow(this.ledger, id);
    const snap = this.snapshot();
    let metadata: unknown = undefined;
    try {
      metadata = c.deployment_data ? JSON.parse(c.deployment_data) : undefined;
    } catch {
      metadata = c.deployment_data;
    }
    return {
      ...contractJson(c, snap),
      metadata,
      deleted_reason: c.deleted_reason,
      grace_since: c.grace_since || null,
      used: { cru: c.cru, mru: c.mru, sru: c.sru, hru: c.hru },
      public_ips: this.ledger.q.contractIps(id).map((ip) => ip.ip),
      last_billed: c.last_billed,
    };
  }

  start(): Promise<void> {
    this.prober.start();
    return this.prober.probeAll();
  }

  async stop(): Promise<void> {
    await this.prober.stop();
    this.ledger.close();
  }
}
