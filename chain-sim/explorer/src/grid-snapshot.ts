// One consistent picture of the grid for the API: the ledger's nodes, farms, rents and the use of
// each node, joined with what the prober saw, turned into Grid Proxy's node records. Rebuilt only
// when the chain sealed a block or a probe round ended, so a burst of requests costs one build.
import type { FarmRow, NodeRow } from '../../src/ledger/rows';
import type { LedgerReader, NodeUse } from './ledger-reader';
import type { NodeProber } from './node-prober';
import { nodeStatus, type NodeStatus } from '../../src/ledger/node-status';
import { freeCapacity, reportedUse, type Capacity } from './free-capacity';

export interface NodeRecord {
  id: string;
  nodeId: number;
  farmId: number;
  farmName: string;
  twinId: number;
  country: string;
  city: string;
  gridVersion: number;
  uptime: number;
  created: number;
  farmingPolicyId: number;
  updatedAt: number;
  total_resources: Capacity;
  used_resources: Capacity;
  location: { country: string; city: string; longitude: number; latitude: number };
  publicConfig: { domain: string; gw4: string; gw6: string; ipv4: string; ipv6: string };
  status: NodeStatus;
  certificationType: string;
  dedicated: boolean;
  inDedicatedFarm: boolean;
  rentContractId: number;
  rented: boolean;
  rentable: boolean;
  rentedByTwinId: number;
  serialNumber: string;
  power: { state: string; target: string };
  num_gpu: number;
  gpus: NodeGpu[];
  extraFee: number;
  healthy: boolean;
  price_usd: number;
  farm_free_ips: number;
  features: string[];
}

/** A GPU as Grid Proxy lists it, on a node record and at /nodes/{id}/gpu. */
export interface NodeGpu {
  node_twin_id: number;
  id: string;
  vendor: string;
  device: string;
  contract: number;
  updated_at: number;
}

/** A node record with what filters and sorting need beside it (never sent as is). */
export interface NodeEntry {
  record: NodeRecord;
  free: Capacity;
  /** the node itself is marked dedicated on chain (Grid Proxy's extra fee plays this part) */
  dedicatedNode: boolean;
  address: string;
  contracts: number;
}

export interface Snapshot {
  nodes: NodeEntry[];
  byId: Map<number, NodeEntry>;
  farms: FarmRow[];
  freeIpsByFarm: Map<number, number>;
  /** chain time of the last block */
  chainNow: number;
}

const NO_USE: NodeUse = { cru: 0, mru: 0, sru: 0, hru: 0, contracts: 0 };

export class GridSnapshots {
  private cached?: { key: string; snapshot: Snapshot };

  constructor(
    private readonly ledger: LedgerReader,
    private readonly prober: NodeProber,
  ) {}

  current(): Snapshot {
    const block = this.ledger.q.lastBlock();
    const key = `${block.number}:${this.prober.generation}`;
    if (this.cached?.key === key) return this.cached.snapshot;
    const snapshot = this.build(block.timestamp);
    this.cached = { key, snapshot };
    return snapshot;
  }

  private build(chainNow: number): Snapshot {
    const farms = this.ledger.farms();
    const farmById = new Map(farms.map((f) => [f.id, f]));
    const freeIpsByFarm = new Map<number, number>();
    for (const ip of this.ledger.publicIps()) if (!ip.contract_id) freeIpsByFarm.set(ip.farm_id, (freeIpsByFarm.get(ip.farm_id) ?? 0) + 1);
    const use = this.ledger.nodeUse();
    const rents = this.ledger.rents();
    const nodes = this.ledger.nodes().map((row) => {
      const farm = farmById.get(row.farm_id);
      return this.entry(row, farm, use.get(row.id) ?? NO_USE, rents.get(row.id), freeIpsByFarm.get(row.farm_id) ?? 0, chainNow);
    });
    return { nodes, byId: new Map(nodes.map((n) => [n.record.nodeId, n])), farms, freeIpsByFarm, chainNow };
  }

  private entry(
    row: NodeRow,
    farm: FarmRow | undefined,
    use: NodeUse,
    rent: { contractId: number; twinId: number } | undefined,
    farmFreeIps: number,
    now: number,
  ): NodeEntry {
    const seen = this.prober.sighting(row.id);
    // the chain's rule on the chain's clock, so `chain advance` turns a silent node down here too
    const status = nodeStatus({ lastReport: row.last_report, powerTarget: row.power_target }, now);
    const total: Capacity = { cru: row.cru, sru: row.sru, hru: row.hru, mru: row.mru };
    const used: Capacity = { cru: use.cru, sru: use.sru, hru: use.hru, mru: use.mru };
    const inDedicatedFarm = !!farm?.dedicated;
    const rented = !!rent;
    const record: NodeRecord = {
      id: String(row.id),
      nodeId: row.id,
      farmId: row.farm_id,
      farmName: farm?.name ?? '',
      twinId: row.twin_id,
      country: row.country,
      city: row.city,
      gridVersion: 3,
      uptime: row.uptime,
      created: row.created,
      farmingPolicyId: 1,
      updatedAt: row.last_report,
      total_resources: total,
      used_resources: reportedUse(total, used),
      location: { country: row.country, city: row.city, longitude: row.longitude, latitude: row.latitude },
      publicConfig: { domain: row.domain, gw4: row.gw4, gw6: row.gw6, ipv4: row.ipv4, ipv6: row.ipv6 },
      status,
      certificationType: row.certification,
      // Grid Proxy's meaning: the node can only be used whole (a dedicated farm or node, rented, or empty)
      dedicated: inDedicatedFarm || !!row.dedicated || (row.extra_fee ?? 0) > 0 || rented || use.contracts === 0,
      inDedicatedFarm,
      rentContractId: rent?.contractId ?? 0,
      rented,
      rentable: !rented && (inDedicatedFarm || !!row.dedicated || use.contracts === 0),
      rentedByTwinId: rent?.twinId ?? 0,
      serialNumber: '',
      power: { state: status === 'standby' ? 'Down' : 'Up', target: row.power_target || 'Up' },
      num_gpu: seen.gpus?.length ?? 0,
      gpus: (seen.gpus ?? []).map((g) => ({ node_twin_id: row.twin_id, ...g, updated_at: seen.answeredAt ?? 0 })),
      extraFee: row.extra_fee ?? 0,
      healthy: seen.answering,
      price_usd: 0,
      farm_free_ips: farmFreeIps,
      features: seen.features ?? [],
    };
    return {
      record,
      free: freeCapacity(total, used),
      dedicatedNode: !!row.dedicated || (row.extra_fee ?? 0) > 0,
      address: row.address,
      contracts: use.contracts,
    };
  }
}
