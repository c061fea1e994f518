// A ledger file written before events recorded their node opens as it was, and a node's
// subscription still finds its events in it.
import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openLedgerDb } from '../src/store/open';
import { Queries } from '../src/ledger/queries';

describe('a ledger from before events named their node', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-old-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gets the node of each event from its data, and keeps every event', () => {
    const old = new Database(path.join(dir, 'chain.sqlite'));
    old.exec(
      'CREATE TABLE events (block INTEGER NOT NULL, idx INTEGER NOT NULL, timestamp INTEGER NOT NULL, type TEXT NOT NULL, ' +
        'data TEXT NOT NULL, PRIMARY KEY (block, idx)) WITHOUT ROWID',
    );
    const insert = old.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?)');
    insert.run(1, 0, 100, 'NodeStored', JSON.stringify({ node_id: 7, farm_id: 1, twin_id: 3 }));
    insert.run(2, 0, 200, 'ContractBilled', JSON.stringify({ contract_id: 4, amount_billed: '10' }));
    insert.run(3, 0, 300, 'ContractCreated', JSON.stringify({ contract_id: 5, node_id: 8, type: 'node' }));
    old.close();

    const db = openLedgerDb(dir);
    try {
      const q = new Queries(db);
      expect(q.eventsFrom(0, 10).map((e) => e.type)).toEqual(['NodeStored', 'ContractBilled', 'ContractCreated']);
      expect(q.eventsFrom(0, 10, 7).map((e) => [e.block, e.type])).toEqual([[1, 'NodeStored']]);
      expect(q.eventsFrom(0, 10, 8).map((e) => [e.block, e.type])).toEqual([[3, 'ContractCreated']]);
    } finally {
      db.close();
    }
  });
});
