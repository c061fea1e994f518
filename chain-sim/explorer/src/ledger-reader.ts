// The explorer's read-only connection to the chain's SQLite ledger (WAL lets it read while the
// chain writes): never a write, never a lock the chain waits on.
import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Queries } from '../../src/ledger/queries';
import type { ContractRow, FarmRow, NodeRow, PublicIpRow, TwinRow } from '../../src/ledger/rows';

export interface NodeUse {
  cru: number;
  mru: number;
  sru: number;
  hru: number;
  contracts: number;
}

export interface Rent {
  contractId: number;
  twinId: number;
}

export class LedgerReader {
  readonly q: Queries;
  private readonly db: Database.Database;
  private readonly s;

  constructor(chainDataDir: string) {
    const file = path.join(chainDataDir, 'chain.sqlite');
    if (!fs.existsSync(file)) throw new Error(`no ledger at ${file}: start the chain first (gridform grid up)`);
    this.db = new Database(file, { readonly: true, fileMustExist: true });
    this.q = new Queries(this.db);
    this.s = {
      nodes: this.db.prepare('SELECT * FROM nodes ORDER BY id'),
      farms: this.db.prepare('SELECT * FROM farms ORDER BY id'),
      twins: this.db.prepare('SELECT * FROM twins ORDER BY id'),
      ips: this.db.prepare('SELECT * FROM public_ips ORDER BY farm_id, rowid'),
      use: this.db.prepare(`SELECT node_id, sum(cru) AS cru, sum(mru) AS mru, sum(sru) AS sru, sum(hru) AS hru, count(*) AS contracts
        FROM contracts WHERE type = 'node' AND state != 'Deleted' GROUP BY node_id`),
      rents: this.db.prepare("SELECT id, node_id, twin_id FROM contracts WHERE type = 'rent' AND state != 'Deleted'"),
      contracts: this.db.prepare('SELECT * FROM contracts ORDER BY id'),
      contractCount: this.db.prepare("SELECT count(*) AS n FROM contracts WHERE state != 'Deleted'"),
      billedSince: this.db
        .prepare(
          `SELECT coalesce(sum(b.amount), 0) AS amount FROM bills b JOIN contracts c ON c.id = b.contract_id
        WHERE c.twin_id = ? AND b.timestamp > ?`,
        )
        .safeIntegers(true),
      accountEvents: this.db.prepare(`SELECT timestamp, type, data FROM events WHERE type IN ('Minted', 'Transfer')
        AND (json_extract(data, '$.account_id') = @account OR json_extract(data, '$.from') = @account
          OR json_extract(data, '$.to') = @account)`),
      twinBills: this.db
        .prepare(
          `SELECT b.timestamp, b.amount FROM bills b JOIN contracts c ON c.id = b.contract_id
        WHERE c.twin_id = ? AND b.amount > 0 ORDER BY b.timestamp`,
        )
        .safeIntegers(true),
      usageEvents: this.db.prepare(`SELECT e.timestamp, e.type, e.data FROM events e
        WHERE (e.type = 'UpdatedUsedResources'
            AND json_extract(e.data, '$.contract_id') IN (SELECT id FROM contracts WHERE node_id = @node AND type = 'node'))
           OR (e.node_id = @node AND e.type IN ('NodeContractCanceled', 'ContractCreated', 'NodeContractDeleted'))
        ORDER BY e.block, e.idx`),
    };
  }

  nodes(): NodeRow[] {
    return this.s.nodes.all() as NodeRow[];
  }
  farms(): FarmRow[] {
    return this.s.farms.all() as FarmRow[];
  }
  twins(): TwinRow[] {
    return this.s.twins.all() as TwinRow[];
  }
  publicIps(): PublicIpRow[] {
    return this.s.ips.all() as PublicIpRow[];
  }
  contracts(): ContractRow[] {
    return this.s.contracts.all() as ContractRow[];
  }
  liveContracts(): number {
    return (this.s.contractCount.get() as { n: number }).n;
  }
  /** Resources used by each node's live node contracts, as their nodes reported them to the chain. */
  nodeUse(): Map<number, NodeUse> {
    const rows = this.s.use.all() as (NodeUse & { node_id: number })[];
    return new Map(rows.map((r) => [r.node_id, { cru: r.cru, mru: r.mru, sru: r.sru, hru: r.hru, contracts: r.contracts }]));
  }
  rents(): Map<number, Rent> {
    const rows = this.s.rents.all() as { id: number; node_id: number; twin_id: number }[];
    return new Map(rows.map((r) => [r.node_id, { contractId: r.id, twinId: r.twin_id }]));
  }
  /** TFT units the twin paid in bills stamped after `since` (chain time). */
  billedSince(twinId: number, since: number): bigint {
    return (this.s.billedSince.get(twinId, since) as { amount: bigint }).amount;
  }
  accountEvents(account: string): { timestamp: number; type: string; data: string }[] {
    return this.s.accountEvents.all({ account }) as { timestamp: number; type: string; data: string }[];
  }
  twinBills(twinId: number): { timestamp: bigint; amount: bigint }[] {
    return this.s.twinBills.all(twinId) as { timestamp: bigint; amount: bigint }[];
  }
  usageEvents(nodeId: number): { timestamp: number; type: string; data: string }[] {
    return this.s.usageEvents.all({ node: nodeId }) as { timestamp: number; type: string; data: string }[];
  }
  close(): void {
    this.db.close();
  }
}
