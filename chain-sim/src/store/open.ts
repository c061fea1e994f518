// Opens (or creates) the ledger's SQLite file in WAL mode, with synchronous=FULL so a write the
// chain answered for survives a SIGKILL or power loss.
import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SCHEMA } from './schema';

export type Db = Database.Database;

export function openLedgerDb(dataDir: string): Db {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, 'chain.sqlite');
  keepPrivate(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -65536'); // 64 MiB: a billing run over 100,000 contracts stays in memory
  db.exec(SCHEMA);
  migrate(db);
  return db;
}

/** Ledgers written before events carried their node get the column, filled from the events' data. */
function migrate(db: Db): void {
  const columns = db.prepare("SELECT name FROM pragma_table_info('events')").all() as { name: string }[];
  if (!columns.some((c) => c.name === 'node_id')) {
    db.transaction(() => {
      db.exec('ALTER TABLE events ADD COLUMN node_id INTEGER');
      db.exec("UPDATE events SET node_id = json_extract(data, '$.node_id') WHERE json_extract(data, '$.node_id') IS NOT NULL");
    })();
  }
  addNodeLivenessColumns(db);
  // hashes were unique per node, so anyone could squat a twin's next hash; they are unique per twin now
  db.exec('DROP INDEX IF EXISTS live_node_hash');
  // partial: the many events naming no node (bills, reports) cost nothing to index
  db.exec('DROP INDEX IF EXISTS events_node');
  db.exec('CREATE INDEX IF NOT EXISTS events_by_node ON events (node_id, block, idx) WHERE node_id IS NOT NULL');
}

/** Ledgers written before nodes reported uptime get the columns, with nothing reported yet. */
function addNodeLivenessColumns(db: Db): void {
  const columns = new Set((db.prepare("SELECT name FROM pragma_table_info('nodes')").all() as { name: string }[]).map((c) => c.name));
  const wanted: [string, string][] = [
    ['uptime', 'INTEGER NOT NULL DEFAULT 0'],
    ['last_report', 'INTEGER NOT NULL DEFAULT 0'],
    ['version', "TEXT NOT NULL DEFAULT ''"],
    ['power_target', "TEXT NOT NULL DEFAULT ''"],
    // a farmer's monthly extra fee for renting the node (mUSD), added later
    ['extra_fee', 'INTEGER NOT NULL DEFAULT 0'],
  ];
  for (const [name, type] of wanted) if (!columns.has(name)) db.exec(`ALTER TABLE nodes ADD COLUMN ${name} ${type}`);
}

/**
 * The ledger holds every account's and twin's data: owner only. SQLite creates
 * its -wal and -shm files with the database file's mode, so creating that one 0600 is enough;
 * files an older version left readable are closed too.
 */
function keepPrivate(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (fs.existsSync(f)) fs.chmodSync(f, 0o600);
}
