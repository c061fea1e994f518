// Brings a local grid up (fresh, or restarting what is down from its data folder), down, and
// reports its status.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ChainClient, generateMnemonic, keyPairFromMnemonic, tftToUnits } from '../../proto';
import { alive, readGridFile, writeGridFile, type GridFile } from './grid-file';
import { CHAIN_MAIN, NODE_MAIN, startDetached, stopAll } from './processes';

export interface UpOptions {
  dataDir: string;
  nodes: number;
  farms: number;
  port: number;
  profile: string;
  publicIpsPerFarm: number;
  devFundsTft: string;
}

const CHAIN_READY = /chain-sim ready on (\S+)/;
const NODE_READY = /zos-sim node (\d+) ready on (\S+)/;
/** Public IPv4 ranges of the simulation: documentation and benchmarking ranges, never routed. */
const FARM_RANGES = ['203.0.113', '198.51.100', '192.0.2'];

function farmRange(i: number): string {
  return FARM_RANGES[i] ?? `198.18.${i - FARM_RANGES.length}`;
}

export async function up(o: UpOptions, log: (line: string) => void): Promise<{ grid: GridFile; fresh: boolean; restarted: string[] }> {
  const existing = readGridFile(o.dataDir);
  if (existing) return { grid: await restartDown(existing, o, log), fresh: false, restarted: [] };
  fs.mkdirSync(o.dataDir, { recursive: true });
  const chain = await startChain(o.dataDir, o.port);
  const client = new ChainClient(chain.address);
  try {
    const farmer = await newAccount(client, '1000');
    const dev = await newAccount(client, o.devFundsTft);
    const farms: GridFile['farms'] = [];
    for (let f = 0; f < o.farms; f++) {
      const prefix = farmRange(f);
      const publicIps = Array.from({ length: o.publicIpsPerFarm }, (_, i) => ({ ip: `${prefix}.${10 + i}/24`, gateway: `${prefix}.1` }));
      const id = (await client.submit(farmer.key, { createFarm: { name: `farm-${f + 1}`, publicIps } })).createdIds[0];
      farms.push({ id, name: `farm-${f + 1}`, publicIps: publicIps.map((p) => p.ip) });
    }
    // one after the other, so node ids follow the order (node 1 in farm 1, node 2 in farm 2, ...)
    const nodes: GridFile['nodes'] = [];
    for (let i = 0; i < o.nodes; i++) {
      nodes.push(await startNode(chain.address, farms[i % farms.length].id, path.join(o.dataDir, 'nodes', `node-${i + 1}`), o.dataDir, o.profile, `node-${i + 1}`));
    }
    const grid: GridFile = {
      // the bound port is kept, so a restart serves the chain where the nodes expect it
      chain: { address: chain.address, pid: chain.pid, port: Number(chain.address.split(':').pop()) },
      nodes,
      farms,
      devAccount: { mnemonic: dev.mnemonic, accountId: dev.key.publicKey, twinId: dev.twinId },
      farmer: { mnemonic: farmer.mnemonic, accountId: farmer.key.publicKey, twinId: farmer.twinId },
      dataDir: o.dataDir,
      startedAt: new Date().toISOString(),
    };
    writeGridFile(o.dataDir, grid);
    log(`started a local grid: a chain and ${nodes.length} node(s) in ${farms.length} farm(s)`);
    return { grid, fresh: true, restarted: [] };
  } finally {
    client.close();
  }
}

/** Restarts, from their data folders, the daemons of a known grid that are not running. */
async function restartDown(grid: GridFile, o: UpOptions, log: (line: string) => void): Promise<GridFile> {
  if (!alive(grid.chain.pid)) {
    log(`restarting the chain from ${path.join(grid.dataDir, 'chain')}`);
    const chain = await startChain(grid.dataDir, grid.chain.port);
    grid.chain = { ...grid.chain, address: chain.address, pid: chain.pid };
  }
  for (const [i, n] of grid.nodes.entries()) {
    if (alive(n.pid)) continue;
    log(`restarting node ${n.id}`);
    grid.nodes[i] = await startNode(grid.chain.address, n.farmId, n.dataDir, grid.dataDir, o.profile, path.basename(n.dataDir));
  }
  writeGridFile(grid.dataDir, grid);
  return grid;
}

async function startChain(dataDir: string, port: number): Promise<{ address: string; pid: number }> {
  const s = await startDetached(CHAIN_MAIN, ['--data', path.join(dataDir, 'chain'), '--port', String(port)], path.join(dataDir, 'logs', 'chain.log'), CHAIN_READY);
  return { address: s.match[1], pid: s.pid };
}

async function startNode(chainAddress: string, farmId: number, nodeDir: string, gridDir: string, profile: string, name: string): Promise<GridFile['nodes'][number]> {
  const s = await startDetached(NODE_MAIN, ['--chain', chainAddress, '--farm', String(farmId), '--data', nodeDir, '--profile', profile], path.join(gridDir, 'logs', `${name}.log`), NODE_READY);
  const client = new ChainClient(chainAddress);
  try {
    const id = Number(s.match[1]);
    const node = await client.node(id);
    return { id, farmId, twinId: node.twinId, address: s.match[2], pid: s.pid, dataDir: nodeDir };
  } finally {
    client.close();
  }
}

async function newAccount(client: ChainClient, tft: string) {
  const mnemonic = generateMnemonic();
  const key = keyPairFromMnemonic(mnemonic);
  await client.fund(key.publicKey, tftToUnits(tft));
  const twinId = (await client.submit(key, { createTwin: { relay: 'relay.local' } })).createdIds[0];
  return { mnemonic, key, twinId };
}

export async function down(dataDir: string, purge: boolean): Promise<GridFile | undefined> {
  const grid = readGridFile(dataDir);
  if (!grid) return undefined;
  await stopAll([...grid.nodes.map((n) => n.pid), grid.chain.pid]);
  grid.chain.pid = 0;
  for (const n of grid.nodes) n.pid = 0;
  if (purge) fs.rmSync(dataDir, { recursive: true, force: true });
  else writeGridFile(dataDir, grid);
  return grid;
}

export interface Status {
  dataDir: string;
  running: boolean;
  chain: GridFile['chain'] & { running: boolean };
  nodes: (GridFile['nodes'][number] & { running: boolean })[];
  farms: GridFile['farms'];
  devAccount: GridFile['devAccount'];
}

export function status(dataDir: string): Status | undefined {
  const grid = readGridFile(dataDir);
  if (!grid) return undefined;
  const chain = { ...grid.chain, running: alive(grid.chain.pid) };
  const nodes = grid.nodes.map((n) => ({ ...n, running: alive(n.pid) }));
  return { dataDir: grid.dataDir, running: chain.running && nodes.every((n) => n.running), chain, nodes, farms: grid.farms, devAccount: grid.devAccount };
}
