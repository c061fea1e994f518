// Opens (or creates) the ledger's SQLite file in WAL mode, with synchronous=FULL so a write the
// chain answered for survives a SIGKILL or power loss.
import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SCHEMA } from './schema';

export type Db = Database.Database;

export function openLedgerDb(dataDir: string): Db {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'chain.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -65536'); // 64 MiB: a billing run over 100,000 contracts stays in memory
  db.exec(SCHEMA);
  return db;
}
