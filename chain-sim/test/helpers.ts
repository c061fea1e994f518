// Test helpers: a chain server on a temp folder, funded accounts with twins, and a farm with a node.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChainClient, keyPairFromSeed, tftToUnits, type KeyPair } from '../../proto';
import { createServer, type ChainServer } from '../src/server/create-server';
import { ManualClock } from '../src/clock';
import type { ChainParams } from '../src/ledger/ledger';

export interface TestChain {
  dir: string;
  server: ChainServer;
  client: ChainClient;
  clock: ManualClock;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestChain(
  params: Partial<ChainParams> = {},
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chain-test-')),
): Promise<TestChain> {
  const clock = new ManualClock();
  const adminToken = randomBytes(16).toString('hex');
  const t: TestChain = {
    dir,
    clock,
    server: createServer({ dataDir: dir, clock, params, adminToken }),
    client: undefined as unknown as ChainClient,
    async restart() {
      t.client.close();
      await t.server.stop();
      t.server = createServer({ dataDir: dir, clock, params, adminToken });
      t.client = new ChainClient(await t.server.start(), { adminToken });
    },
    async close() {
      t.client.close();
      await t.server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  t.client = new ChainClient(await t.server.start(), { adminToken });
  return t;
}

let seed = 1;
export function newKey(): KeyPair {
  return keyPairFromSeed(Buffer.alloc(32, seed++));
}

/** A new account funded with `tft` and with a twin; returns its key and twin id. */
export async function userWithTwin(client: ChainClient, tft = '1000'): Promise<{ key: KeyPair; twinId: number }> {
  const key = newKey();
  await client.fund(key.publicKey, tftToUnits(tft));
  const r = await client.submit(key, { createTwin: { relay: 'relay.local' } });
  return { key, twinId: r.createdIds[0] };
}

/** A farmer with a farm of `ips` public IPs and one node registered by its own twin. */
export async function farmWithNode(client: ChainClient, ips = 2, name = `farm${seed}`) {
  const farmer = await userWithTwin(client);
  const publicIps = Array.from({ length: ips }, (_, i) => ({ ip: `203.0.113.${10 + i + seed * 4}/24`, gateway: '203.0.113.1' }));
  const farmId = (await client.submit(farmer.key, { createFarm: { name, publicIps } })).createdIds[0];
  const node = await userWithTwin(client, '1');
  const GiB = 2 ** 30;
  const nodeId = (
    await client.submit(node.key, {
      createNode: { farmId, resources: { cru: 8, mru: 32 * GiB, sru: 1024 * GiB, hru: 4096 * GiB }, address: '127.0.0.1:1' },
    })
  ).createdIds[0];
  return { farmer, farmId, node, nodeId };
}
