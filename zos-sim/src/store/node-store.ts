// A node's persistent data in SQLite: its identity on chain, its deployments (with workload
// results), the log of state changes, and how far it has followed the chain's events. A node
// started on its own has a file of its own; nodes hosted together in one process (large local
// grids) share one file, each row tagged with its node's key. WAL with synchronous=NORMAL: what a
// node acknowledged survives SIGKILL (only a power cut may lose the last commits); FULL added an
// fsync per commit, which made starting 1,000 nodes spend most of its time waiting.
import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { node } from '../../../proto';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (node TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (node, key));
CREATE TABLE IF NOT EXISTS deployments (
  node TEXT NOT NULL, contract_id INTEGER NOT NULL, twin_id INTEGER NOT NULL, version INTEGER NOT NULL, body TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (node, contract_id));
CREATE INDEX IF NOT EXISTS deployments_live ON deployments (node, deleted, contract_id);
CREATE TABLE IF NOT EXISTS changes (
  node TEXT NOT NULL, contract_id INTEGER NOT NULL, workload TEXT NOT NULL, version INTEGER NOT NULL, state TEXT NOT NULL,
  message TEXT NOT NULL, timestamp INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS changes_contract ON changes (node, contract_id);
`;

/** A deployment as the node keeps it: with results, and the public IPs its contract reserved. */
export type StoredDeployment = node.Deployment__Output & { reservedIps?: { ip: string; gateway: string }[] };

/** One SQLite file holding the data of one or more nodes. */
export class NodeDatabase {
  readonly db: Database.Database;
  private users = 0;

  constructor(file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    keepPrivate(file);
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    if (
      this.db.prepare("SELECT 1 FROM pragma_table_info('deployments') WHERE name = 'contract_id'").get() &&
      !this.db.prepare("SELECT 1 FROM pragma_table_info('deployments') WHERE name = 'node'").get()
    ) {
      throw new Error(`${file} was written by an older zos-sim without node keys: start the node with a fresh data folder`);
    }
    this.db.exec(SCHEMA);
  }

  private queued: { fn: () => void; done: () => void; fail: (e: unknown) => void }[] = [];

  soon(fn: () => void): Promise<void> {
    return new Promise((done, fail) => {
      if (!this.queued.length) setImmediate(() => this.commitQueued());
      this.queued.push({ fn, done, fail });
    });
  }

  private commitQueued(): void {
    const batch = this.queued;
    this.queued = [];
    try {
      this.db.transaction(() => batch.forEach((b) => b.fn()))();
      batch.forEach((b) => b.done());
    } catch (err) {
      batch.forEach((b) => b.fail(err));
    }
  }

  store(key: string): NodeStore {
    this.users++;
    return new NodeStore(this, key);
  }

  release(): void {
    if (--this.users <= 0) this.db.close();
  }
}

export class NodeStore {
  private readonly s;
  private readonly db: Database.Database;

  /** The store of a node with a data folder of its own. */
  static open(dataDir: string): NodeStore {
    return new NodeDatabase(path.join(dataDir, 'node.sqlite')).store('');
  }

  constructor(
    private readonly owner: NodeDatabase,
    private readonly key: string,
  ) {
    const db = (this.db = owner.db);
    this.s = {
      get: db.prepare('SELECT body FROM deployments WHERE node = ? AND contract_id = ?'),
      isLive: db.prepare('SELECT 1 FROM deployments WHERE node = ? AND contract_id = ? AND deleted = 0'),
      live: db.prepare('SELECT body FROM deployments WHERE node = ? AND deleted = 0 ORDER BY contract_id'),
      byTwin: db.prepare('SELECT body FROM deployments WHERE node = ? AND deleted = 0 AND twin_id = ? ORDER BY contract_id'),
      put: db.prepare(
        'INSERT INTO deployments (node, contract_id, twin_id, version, body, deleted) VALUES (?, ?, ?, ?, ?, ?) ' +
          'ON CONFLICT (node, contract_id) DO UPDATE SET version = excluded.version, body = excluded.body, deleted = excluded.deleted',
      ),
      change: db.prepare(
        'INSERT INTO changes (node, contract_id, workload, version, state, message, timestamp) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      changes: db.prepare('SELECT * FROM changes WHERE node = ? AND contract_id = ? ORDER BY rowid'),
      meta: db.prepare('SELECT value FROM meta WHERE node = ? AND key = ?'),
      setMeta: db.prepare(
        'INSERT INTO meta (node, key, value) VALUES (?, ?, ?) ON CONFLICT (node, key) DO UPDATE SET value = excluded.value',
      ),
    };
  }

  get(contractId: number): StoredDeployment | undefined {
    const row = this.s.get.get(this.key, contractId) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as StoredDeployment) : undefined;
  }

  /** Whether a deployment of the contract is held with a workload not deleted (cheaper than get). */
  isLive(contractId: number): boolean {
    return this.s.isLive.get(this.key, contractId) !== undefined;
  }

  /** Deployments not deleted, optionally of one twin. */
  live(twinId = 0): StoredDeployment[] {
    const rows = (twinId ? this.s.byTwin.all(this.key, twinId) : this.s.live.all(this.key)) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as StoredDeployment);
  }

  put(d: StoredDeployment): void {
    this.putSerialized(
      d.contractId,
      d.twinId,
      d.version,
      JSON.stringify(d),
      d.workloads.every((w) => w.result?.state === 'deleted'),
    );
  }

  /** put() with the body already serialized (as JSON of a StoredDeployment). */
  putSerialized(contractId: number, twinId: number, version: number, body: string, deleted: boolean): void {
    this.s.put.run(this.key, contractId, twinId, version, body, deleted ? 1 : 0);
  }

  recordChange(contractId: number, workload: string, version: number, state: string, message: string, timestamp: number): void {
    this.s.change.run(this.key, contractId, workload, version, state, message, timestamp);
  }

  changes(contractId: number): node.Change[] {
    return (
      this.s.changes.all(this.key, contractId) as { workload: string; version: number; state: string; message: string; timestamp: number }[]
    ).map((c) => ({
      workload: c.workload,
      version: c.version,
      state: c.state,
      message: c.message,
      timestamp: c.timestamp,
    }));
  }

  meta(key: string): string | undefined {
    return (this.s.meta.get(this.key, key) as { value: string } | undefined)?.value;
  }

  setMeta(key: string, value: string): void {
    this.s.setMeta.run(this.key, key, value);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /**
   * Runs `fn` in a transaction shared with the other writes queued in the same turn of the event
   * loop: one commit for a burst of deployments instead of one each. Resolves once committed;
   * read after awaiting it.
   */
  transactionSoon(fn: () => void): Promise<void> {
    return this.owner.soon(fn);
  }

  close(): void {
    this.owner.release();
  }
}

/**
 * A node's store holds its workloads' secrets (environment values, 0-db passwords, wireguard
 * keys): owner only. SQLite creates its -wal and -shm files with the database file's mode, so
 * creating that one 0600 is enough; files an older version left readable are closed too.
 */
function keepPrivate(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (fs.existsSync(f)) fs.chmodSync(f, 0o600);
}
