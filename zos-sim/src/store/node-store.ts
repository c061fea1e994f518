// The node's SQLite file: its identity on chain, its deployments (with workload results), the log
// of state changes, and how far it has followed the chain's events. WAL + synchronous=FULL, so
// what the node acknowledged survives SIGKILL.
import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { node } from '../../../proto';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS deployments (
  contract_id INTEGER PRIMARY KEY, twin_id INTEGER NOT NULL, version INTEGER NOT NULL, body TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS deployments_twin ON deployments (twin_id);
CREATE TABLE IF NOT EXISTS changes (
  contract_id INTEGER NOT NULL, workload TEXT NOT NULL, version INTEGER NOT NULL, state TEXT NOT NULL, message TEXT NOT NULL, timestamp INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS changes_contract ON changes (contract_id);
`;

/** A deployment as the node keeps it: with results, and the public IPs its contract reserved. */
export type StoredDeployment = node.Deployment__Output & { reservedIps?: { ip: string; gateway: string }[] };

export class NodeStore {
  private readonly db: Database.Database;
  private readonly s;

  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.db = new Database(path.join(dataDir, 'node.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(SCHEMA);
    this.s = {
      get: this.db.prepare('SELECT body FROM deployments WHERE contract_id = ?'),
      live: this.db.prepare('SELECT body FROM deployments WHERE deleted = 0 ORDER BY contract_id'),
      byTwin: this.db.prepare('SELECT body FROM deployments WHERE deleted = 0 AND twin_id = ? ORDER BY contract_id'),
      put: this.db.prepare(
        'INSERT INTO deployments (contract_id, twin_id, version, body, deleted) VALUES (?, ?, ?, ?, ?) ON CONFLICT (contract_id) DO UPDATE SET version = excluded.version, body = excluded.body, deleted = excluded.deleted',
      ),
      change: this.db.prepare('INSERT INTO changes (contract_id, workload, version, state, message, timestamp) VALUES (?, ?, ?, ?, ?, ?)'),
      changes: this.db.prepare('SELECT * FROM changes WHERE contract_id = ? ORDER BY rowid'),
      meta: this.db.prepare('SELECT value FROM meta WHERE key = ?'),
      setMeta: this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    };
  }

  get(contractId: number): StoredDeployment | undefined {
    const row = this.s.get.get(contractId) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as StoredDeployment) : undefined;
  }

  /** Deployments not deleted, optionally of one twin. */
  live(twinId = 0): StoredDeployment[] {
    const rows = (twinId ? this.s.byTwin.all(twinId) : this.s.live.all()) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as StoredDeployment);
  }

  put(d: StoredDeployment): void {
    const deleted = d.workloads.every((w) => w.result?.state === 'deleted') ? 1 : 0;
    this.s.put.run(d.contractId, d.twinId, d.version, JSON.stringify(d), deleted);
  }

  recordChange(contractId: number, workload: string, version: number, state: string, message: string, timestamp: number): void {
    this.s.change.run(contractId, workload, version, state, message, timestamp);
  }

  changes(contractId: number): node.Change[] {
    return (this.s.changes.all(contractId) as { workload: string; version: number; state: string; message: string; timestamp: number }[]).map((c) => ({
      workload: c.workload, version: c.version, state: c.state, message: c.message, timestamp: c.timestamp,
    }));
  }

  meta(key: string): string | undefined {
    return (this.s.meta.get(key) as { value: string } | undefined)?.value;
  }

  setMeta(key: string, value: string): void {
    this.s.setMeta.run(key, value);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    this.db.close();
  }
}
