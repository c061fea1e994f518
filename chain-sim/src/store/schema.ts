// The ledger's tables. Amounts are INTEGER units (1 TFT = 1e7), read back as bigint.
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS accounts (id TEXT PRIMARY KEY, balance INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS nonces (signer TEXT NOT NULL, nonce INTEGER NOT NULL, PRIMARY KEY (signer, nonce)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS twins (
  id INTEGER PRIMARY KEY AUTOINCREMENT, account_id TEXT NOT NULL UNIQUE, relay TEXT NOT NULL, pk TEXT NOT NULL, created INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS farms (
  id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, twin_id INTEGER NOT NULL, pricing_policy_id INTEGER NOT NULL,
  certification TEXT NOT NULL, dedicated INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS public_ips (
  ip TEXT PRIMARY KEY, farm_id INTEGER NOT NULL, gateway TEXT NOT NULL, contract_id INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS public_ips_farm ON public_ips (farm_id, contract_id);
CREATE TABLE IF NOT EXISTS nodes (
  id INTEGER PRIMARY KEY AUTOINCREMENT, farm_id INTEGER NOT NULL, twin_id INTEGER NOT NULL UNIQUE,
  cru INTEGER NOT NULL, mru INTEGER NOT NULL, sru INTEGER NOT NULL, hru INTEGER NOT NULL,
  city TEXT NOT NULL, country TEXT NOT NULL, latitude REAL NOT NULL, longitude REAL NOT NULL,
  ipv4 TEXT NOT NULL, gw4 TEXT NOT NULL, ipv6 TEXT NOT NULL, gw6 TEXT NOT NULL, domain TEXT NOT NULL,
  certification TEXT NOT NULL, address TEXT NOT NULL, created INTEGER NOT NULL, dedicated INTEGER NOT NULL,
  uptime INTEGER NOT NULL DEFAULT 0, last_report INTEGER NOT NULL DEFAULT 0, version TEXT NOT NULL DEFAULT '',
  power_target TEXT NOT NULL DEFAULT '', extra_fee INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS contracts (
  id INTEGER PRIMARY KEY AUTOINCREMENT, twin_id INTEGER NOT NULL, type TEXT NOT NULL, state TEXT NOT NULL,
  deleted_reason TEXT NOT NULL DEFAULT '', grace_since_block INTEGER NOT NULL DEFAULT 0, grace_since INTEGER NOT NULL DEFAULT 0,
  node_id INTEGER NOT NULL DEFAULT 0, deployment_hash TEXT NOT NULL DEFAULT '', deployment_data TEXT NOT NULL DEFAULT '',
  public_ips INTEGER NOT NULL DEFAULT 0, name TEXT NOT NULL DEFAULT '', created INTEGER NOT NULL, last_billed INTEGER NOT NULL,
  cru INTEGER NOT NULL DEFAULT 0, mru INTEGER NOT NULL DEFAULT 0, sru INTEGER NOT NULL DEFAULT 0, hru INTEGER NOT NULL DEFAULT 0,
  nru INTEGER NOT NULL DEFAULT 0, solution_provider_id INTEGER NOT NULL DEFAULT 0, owed INTEGER NOT NULL DEFAULT 0);
-- a hash is unique among one twin's live contracts on a node: another twin cannot take yours first
CREATE UNIQUE INDEX IF NOT EXISTS live_twin_node_hash ON contracts (twin_id, node_id, deployment_hash)
  WHERE type = 'node' AND state != 'Deleted';
CREATE INDEX IF NOT EXISTS live_node_hash_any ON contracts (node_id, deployment_hash) WHERE type = 'node' AND state != 'Deleted';
CREATE UNIQUE INDEX IF NOT EXISTS live_name ON contracts (name) WHERE type = 'name' AND state != 'Deleted';
CREATE UNIQUE INDEX IF NOT EXISTS live_rent ON contracts (node_id) WHERE type = 'rent' AND state != 'Deleted';
CREATE INDEX IF NOT EXISTS contracts_twin ON contracts (twin_id);
CREATE INDEX IF NOT EXISTS contracts_node ON contracts (node_id, state);
CREATE TABLE IF NOT EXISTS blocks (number INTEGER PRIMARY KEY, timestamp INTEGER NOT NULL);
-- node_id: the node an event names (data.node_id), so a node's subscription replays only its own
CREATE TABLE IF NOT EXISTS events (
  block INTEGER NOT NULL, idx INTEGER NOT NULL, timestamp INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, node_id INTEGER,
  PRIMARY KEY (block, idx)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS bills (
  contract_id INTEGER NOT NULL, timestamp INTEGER NOT NULL, block INTEGER NOT NULL, amount INTEGER NOT NULL,
  amount_due INTEGER NOT NULL, discount_level TEXT NOT NULL, seconds INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS bills_contract ON bills (contract_id, timestamp);
`;
