// Reads of the ledger, as prepared statements: used by the write rules and by the gRPC reads.
import type { Db } from '../store/open';
import type { ContractRow, FarmRow, NodeRow, PublicIpRow, TwinRow } from './rows';
import type { ChainEvent } from './block';

export class Queries {
  private readonly s;
  constructor(readonly db: Db) {
    this.s = {
      twin: db.prepare('SELECT * FROM twins WHERE id = ?'),
      twinByAccount: db.prepare('SELECT * FROM twins WHERE account_id = ?'),
      farm: db.prepare('SELECT * FROM farms WHERE id = ?'),
      farmByName: db.prepare('SELECT * FROM farms WHERE name = ?'),
      farms: db.prepare('SELECT * FROM farms WHERE (? = 0 OR twin_id = ?) ORDER BY id'),
      farmIps: db.prepare('SELECT * FROM public_ips WHERE farm_id = ? ORDER BY rowid'),
      allIps: db.prepare('SELECT * FROM public_ips ORDER BY farm_id, rowid'),
      contractIps: db.prepare('SELECT * FROM public_ips WHERE contract_id = ? ORDER BY rowid'),
      node: db.prepare('SELECT * FROM nodes WHERE id = ?'),
      nodeByTwin: db.prepare('SELECT * FROM nodes WHERE twin_id = ?'),
      nodes: db.prepare('SELECT * FROM nodes WHERE (? = 0 OR farm_id = ?) ORDER BY id'),
      rentOf: db.prepare("SELECT * FROM contracts WHERE type = 'rent' AND node_id = ? AND state != 'Deleted'"),
      rents: db.prepare("SELECT node_id, twin_id FROM contracts WHERE type = 'rent' AND state != 'Deleted'"),
      contract: db.prepare('SELECT * FROM contracts WHERE id = ?'),
      byNodeHash: db.prepare(
        "SELECT id FROM contracts WHERE type = 'node' AND state != 'Deleted' AND node_id = ? AND deployment_hash = ? ORDER BY id",
      ),
      byTwinNodeHash: db.prepare(
        "SELECT id FROM contracts WHERE type = 'node' AND state != 'Deleted' AND twin_id = ? AND node_id = ? AND deployment_hash = ?",
      ),
      byName: db.prepare("SELECT id FROM contracts WHERE type = 'name' AND state != 'Deleted' AND name = ?"),
      liveOnNode: db.prepare("SELECT count(*) AS n FROM contracts WHERE type = 'node' AND state != 'Deleted' AND node_id = ?"),
      balance: db.prepare('SELECT balance FROM accounts WHERE id = ?').safeIntegers(true),
      eventsFrom: db.prepare('SELECT * FROM events WHERE (block, idx) >= (?, ?) ORDER BY block, idx LIMIT ?'),
      nodeEventsFrom: db.prepare('SELECT * FROM events WHERE node_id = ? AND (block, idx) >= (?, ?) ORDER BY block, idx LIMIT ?'),
      lastBlock: db.prepare('SELECT number, timestamp FROM blocks ORDER BY number DESC LIMIT 1'),
      bills: db.prepare('SELECT * FROM bills WHERE contract_id = ? ORDER BY timestamp').safeIntegers(true),
    };
  }

  twin(id: number): TwinRow | undefined {
    return this.s.twin.get(id) as TwinRow | undefined;
  }
  twinByAccount(account: string): TwinRow | undefined {
    return this.s.twinByAccount.get(account) as TwinRow | undefined;
  }
  farm(id: number): FarmRow | undefined {
    return this.s.farm.get(id) as FarmRow | undefined;
  }
  farmByName(name: string): FarmRow | undefined {
    return this.s.farmByName.get(name) as FarmRow | undefined;
  }
  farms(twinId = 0): FarmRow[] {
    return this.s.farms.all(twinId, twinId) as FarmRow[];
  }
  farmIps(farmId: number): PublicIpRow[] {
    return this.s.farmIps.all(farmId) as PublicIpRow[];
  }
  allIps(): PublicIpRow[] {
    return this.s.allIps.all() as PublicIpRow[];
  }
  contractIps(contractId: number): PublicIpRow[] {
    return this.s.contractIps.all(contractId) as PublicIpRow[];
  }
  node(id: number): NodeRow | undefined {
    return this.s.node.get(id) as NodeRow | undefined;
  }
  nodeByTwin(twinId: number): NodeRow | undefined {
    return this.s.nodeByTwin.get(twinId) as NodeRow | undefined;
  }
  /** The farm's nodes (farm 0: every farm's); with `ids`, only those of them. */
  nodes(farmId = 0, ids: readonly number[] = []): NodeRow[] {
    const all = this.s.nodes.all(farmId, farmId) as NodeRow[];
    if (!ids.length) return all;
    const wanted = new Set(ids.map(Number));
    return all.filter((n) => wanted.has(n.id));
  }
  rentContractOf(nodeId: number): ContractRow | undefined {
    return this.s.rentOf.get(nodeId) as ContractRow | undefined;
  }
  /** node id -> twin renting it */
  rentedNodes(): Map<number, number> {
    return new Map((this.s.rents.all() as { node_id: number; twin_id: number }[]).map((r) => [r.node_id, r.twin_id]));
  }
  contract(id: number): ContractRow | undefined {
    return this.s.contract.get(id) as ContractRow | undefined;
  }
  /** The live node contract with this hash on the node: the twin's own, or (twin 0) anyone's first. */
  contractIdByNodeHash(nodeId: number, hash: string, twinId = 0): number {
    const row = twinId ? this.s.byTwinNodeHash.get(twinId, nodeId, hash) : this.s.byNodeHash.get(nodeId, hash);
    return (row as { id: number } | undefined)?.id ?? 0;
  }
  contractIdByName(name: string): number {
    return (this.s.byName.get(name) as { id: number } | undefined)?.id ?? 0;
  }
  liveNodeContractsOn(nodeId: number): number {
    return (this.s.liveOnNode.get(nodeId) as { n: number }).n;
  }
  contracts(filter: { twinId?: number; nodeId?: number; state?: string; type?: string; ids?: readonly number[] }): ContractRow[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (filter.ids?.length) {
      where.push(`id IN (${filter.ids.map(() => '?').join(', ')})`);
      args.push(...filter.ids.map(Number));
    }
    if (filter.twinId) {
      where.push('twin_id = ?');
      args.push(filter.twinId);
    }
    if (filter.nodeId) {
      where.push('node_id = ?');
      args.push(filter.nodeId);
    }
    if (filter.state) {
      where.push('state = ?');
      args.push(filter.state);
    }
    if (filter.type) {
      where.push('type = ?');
      args.push(filter.type);
    }
    const sql = `SELECT * FROM contracts ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id`;
    return this.db.prepare(sql).all(...args) as ContractRow[];
  }
  balance(account: string): bigint {
    return ((this.s.balance.get(account) as { balance: bigint } | undefined)?.balance ?? 0n) as bigint;
  }
  /** Events from `block` (its event `index`) on; with `nodeId`, only those naming that node. */
  eventsFrom(block: number, limit = 10_000, nodeId = 0, index = 0): ChainEvent[] {
    return (
      (nodeId ? this.s.nodeEventsFrom.all(nodeId, block, index, limit) : this.s.eventsFrom.all(block, index, limit)) as {
        block: number;
        idx: number;
        timestamp: number;
        type: string;
        data: string;
      }[]
    ).map((e) => ({
      block: e.block,
      index: e.idx,
      timestamp: e.timestamp,
      type: e.type,
      data: JSON.parse(e.data) as Record<string, unknown>,
    }));
  }
  lastBlock(): { number: number; timestamp: number } {
    return (this.s.lastBlock.get() as { number: number; timestamp: number } | undefined) ?? { number: 0, timestamp: 0 };
  }
  bills(contractId: number): {
    contract_id: bigint;
    timestamp: bigint;
    block: bigint;
    amount: bigint;
    amount_due: bigint;
    discount_level: string;
    seconds: bigint;
  }[] {
    return this.s.bills.all(contractId) as never;
  }
}
