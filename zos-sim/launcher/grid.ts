// Brings a local grid up (fresh, or restarting what is down from its data folder), down, and
// reports its status.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CHAIN_READY, ChainClient, NODE_READY, generateMnemonic, keyPairFromMnemonic, tftToUnits } from '../../proto';
import { adminTokenFile, alive, readAdminToken, readGridFile, writeGridFile, type GridFile } from './grid-file';
import { CHAIN_MAIN, CHAIN_SCRIPT, EXPLORER_SCRIPT, HOST_MAIN, NODE_MAIN, NODE_SCRIPT, startDetached, stopAll } from './processes';
import { DEFAULT_EXPLORER_PORT, startExplorer } from './explorer';
import type { HostSpec } from '../host';

export interface UpOptions {
  dataDir: string;
  nodes: number;
  farms: number;
  port: number;
  profile: string;
  publicIpsPerFarm: number;
  devFundsTft: string;
  /** the first `gateways` nodes get a public config and a domain */
  gateways: number;
  /** 1: each node its own process; more: nodes hosted together, sharing one SQLite file */
  nodesPerProcess: number;
  /** the explorer's port; undefined: 8080, or a free one when 8080 is taken */
  explorerPort?: number;
  /** the last `gpuNodes` nodes have one GPU each (DEFAULT_GPU) */
  gpuNodes?: number;
}

/** The GPU of a local grid's GPU node: the id terraform-provider-grid's gpu example names. */
export const DEFAULT_GPU = '0000:0e:00.0/1002/744c';

/** Above this many nodes, a grid hosts its nodes together and seals chain blocks every 50 ms. */
export const LARGE_GRID = 20;
export const HOSTED_NODES_PER_PROCESS = 500;

type NodeEntry = GridFile['nodes'][number];
type PublicConfig = NonNullable<HostSpec['nodes'][number]['publicConfig']>;

/** Public IPv4 ranges of the simulation: documentation and benchmarking ranges, never routed. */
const FARM_RANGES = ['203.0.113', '198.51.100', '192.0.2'];

function farmRange(i: number): string {
  return FARM_RANGES[i] ?? `198.18.${i - FARM_RANGES.length}`;
}

export async function up(o: UpOptions, log: (line: string) => void): Promise<{ grid: GridFile; fresh: boolean; restarted: string[] }> {
  const existing = readGridFile(o.dataDir);
  if (existing) return { ...(await restartDown(existing, o, log)), fresh: false };
  fs.mkdirSync(o.dataDir, { recursive: true });
  const chain = await startChain(o.dataDir, o.port, o.nodes > LARGE_GRID ? 50 : undefined);
  const client = new ChainClient(chain.address, { adminToken: readAdminToken(o.dataDir) });
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
    const gateway = (i: number): PublicConfig | undefined => (i < o.gateways ? gatewayConfig(i, farmRange(i % farms.length)) : undefined);
    const gpus = (i: number): string[] => (i >= o.nodes - (o.gpuNodes ?? 0) ? [DEFAULT_GPU] : []);
    let nodes: GridFile['nodes'] = [];
    if (o.nodesPerProcess <= 1) {
      // one after the other, so node ids follow the order (node 1 in farm 1, node 2 in farm 2, ...)
      for (let i = 0; i < o.nodes; i++) {
        nodes.push(
          await startNode(
            chain.address,
            farms[i % farms.length].id,
            path.join(o.dataDir, 'nodes', `node-${i + 1}`),
            o.dataDir,
            o.profile,
            `node-${i + 1}`,
            gateway(i),
            0,
            `node-${i + 1}`,
            [],
            gpus(i),
          ),
        );
      }
    } else {
      const specs: string[] = [];
      for (let start = 0; start < o.nodes; start += o.nodesPerProcess) {
        const spec: HostSpec = {
          database: path.join(o.dataDir, 'nodes', `host-${specs.length + 1}.sqlite`),
          nodes: Array.from({ length: Math.min(o.nodesPerProcess, o.nodes - start) }, (_, k) => {
            const i = start + k;
            const gpu = gpus(i);
            return {
              key: `node-${i + 1}`,
              farmId: farms[i % farms.length].id,
              profile: o.profile,
              publicConfig: gateway(i),
              ...(gpu.length ? { gpus: gpu } : {}),
            };
          }),
        };
        const file = path.join(o.dataDir, 'nodes', `host-${specs.length + 1}.json`);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, JSON.stringify(spec, null, 2));
        specs.push(file);
      }
      const hosted = await Promise.all(specs.map((file) => startHost(chain.address, file, o.dataDir)));
      nodes = hosted.flat().sort((a, b) => a.id - b.id);
    }
    const explorerPort = o.explorerPort ?? DEFAULT_EXPLORER_PORT;
    const explorer = await startExplorer(o.dataDir, explorerPort, o.explorerPort === undefined);
    const grid: GridFile = {
      // the bound port is kept, so a restart serves the chain where the nodes expect it
      chain: {
        address: chain.address,
        pid: chain.pid,
        port: Number(chain.address.split(':').pop()),
        adminTokenFile: adminTokenFile(o.dataDir),
      },
      nodes,
      farms,
      explorer,
      devAccount: { mnemonic: dev.mnemonic, accountId: dev.key.publicKey, twinId: dev.twinId },
      farmer: { mnemonic: farmer.mnemonic, accountId: farmer.key.publicKey, twinId: farmer.twinId },
      dataDir: o.dataDir,
      startedAt: new Date().toISOString(),
    };
    writeGridFile(o.dataDir, grid);
    log(
      `started a local grid: a chain and ${nodes.length} node(s) in ${farms.length} farm(s)` +
        `${o.nodesPerProcess > 1 ? `, ${Math.ceil(o.nodes / o.nodesPerProcess)} node host process(es)` : ''}`,
    );
    log(`explorer: ${explorer.url}`);
    return { grid, fresh: true, restarted: [] };
  } finally {
    client.close();
  }
}

/**
 * Restarts the daemons of a known grid that are not running (killed, crashed, or stopped by grid
 * down) from their data folders and on their ports, each waited for with a timeout. grid.json is
 * rewritten after each restart, so it names what runs even if a later daemon does not come up.
 */
async function restartDown(grid: GridFile, o: UpOptions, log: (line: string) => void): Promise<{ grid: GridFile; restarted: string[] }> {
  const restarted: string[] = [];
  if (!alive(grid.chain.pid, CHAIN_SCRIPT)) {
    log(`restarting the chain on port ${grid.chain.port} from ${path.join(grid.dataDir, 'chain')}`);
    const chain = await startChain(grid.dataDir, grid.chain.port, grid.nodes.length > LARGE_GRID ? 50 : undefined);
    grid.chain = { ...grid.chain, address: chain.address, pid: chain.pid };
    writeGridFile(grid.dataDir, grid);
    restarted.push('the chain');
  }
  const restartedHosts = new Map<string, NodeEntry[]>();
  for (const [i, n] of grid.nodes.entries()) {
    if (alive(n.pid, NODE_SCRIPT)) continue;
    if (n.hostSpec) {
      if (!restartedHosts.has(n.hostSpec)) {
        log(`restarting the node host ${path.basename(n.hostSpec)}`);
        restartedHosts.set(n.hostSpec, await startHost(grid.chain.address, n.hostSpec, grid.dataDir));
        restarted.push(`node host ${path.basename(n.hostSpec, '.json')}`);
      }
      grid.nodes[i] = restartedHosts.get(n.hostSpec)!.find((x) => x.dataDir === n.dataDir && x.id === n.id) ?? n;
    } else {
      log(`restarting node ${n.id} on ${n.address}`);
      grid.nodes[i] = await restartNode(grid, i, n.profile ?? o.profile);
      restarted.push(`node ${n.id}`);
    }
    writeGridFile(grid.dataDir, grid);
  }
  // last: it asks the nodes, and it reads the ledger the chain opens
  if (!grid.explorer || !alive(grid.explorer.pid, EXPLORER_SCRIPT)) {
    const port = o.explorerPort ?? grid.explorer?.port ?? DEFAULT_EXPLORER_PORT;
    log(`${grid.explorer ? 'restarting' : 'starting'} the explorer on port ${port}`);
    grid.explorer = await startExplorer(grid.dataDir, port, o.explorerPort === undefined);
    log(`explorer: ${grid.explorer.url}`);
    restarted.push('the explorer');
  }
  writeGridFile(grid.dataDir, grid);
  return { grid, restarted };
}

/** Starts the node at `index` of grid.json again, from its data folder and on its port; `extra`: more daemon flags. */
export async function restartNode(grid: GridFile, index: number, profile: string, extra: string[] = []): Promise<NodeEntry> {
  const n = grid.nodes[index];
  const gw = n.domain ? gatewayConfig(index, farmRange(grid.farms.findIndex((f) => f.id === n.farmId))) : undefined;
  const port = Number(n.address.split(':').pop());
  const name = path.basename(n.dataDir);
  return startNode(grid.chain.address, n.farmId, n.dataDir, grid.dataDir, profile, name, gw, port, `node ${n.id}`, extra, n.gpus);
}

async function startChain(dataDir: string, port: number, blockTimeMs?: number): Promise<{ address: string; pid: number }> {
  const args = [
    '--data',
    path.join(dataDir, 'chain'),
    '--port',
    String(port),
    ...(blockTimeMs ? ['--block-time-ms', String(blockTimeMs)] : []),
  ];
  const s = await startDetached(CHAIN_MAIN, args, path.join(dataDir, 'logs', 'chain.log'), CHAIN_READY, 20_000, `the chain (port ${port})`);
  return { address: s.match[1], pid: s.pid };
}

/** A gateway's public config: an address at .254 of its farm's range, an IPv6 /64, a domain. */
function gatewayConfig(i: number, prefix: string): PublicConfig {
  return {
    ipv4: `${prefix}.254/24`,
    gw4: `${prefix}.1`,
    ipv6: `2001:db8:${(i + 1).toString(16)}::2/64`,
    gw6: `2001:db8:${(i + 1).toString(16)}::1`,
    domain: `gw${i + 1}.gridform.local`,
  };
}

/**
 * A node process; on `port` if given (a restart), unless another process took that port meanwhile.
 * `extra`: more daemon flags (such as --zos-version).
 */
export async function startNode(
  chainAddress: string,
  farmId: number,
  nodeDir: string,
  gridDir: string,
  profile: string,
  name: string,
  gateway?: PublicConfig,
  port = 0,
  label = name,
  extra: string[] = [],
  gpus: readonly string[] = [],
): Promise<NodeEntry> {
  const gw = gateway
    ? ['--domain', gateway.domain, '--public-ipv4', gateway.ipv4, '--gw4', gateway.gw4, '--public-ipv6', gateway.ipv6, '--gw6', gateway.gw6]
    : [];
  const gpuFlags = gpus.flatMap((id) => ['--gpu', id]);
  const args = ['--chain', chainAddress, '--farm', String(farmId), '--data', nodeDir, '--profile', profile, ...gw, ...gpuFlags, ...extra];
  const logFile = path.join(gridDir, 'logs', `${name}.log`);
  let s;
  try {
    s = await startDetached(NODE_MAIN, [...args, '--port', String(port)], logFile, NODE_READY, 20_000, label);
  } catch (err) {
    if (!port || !/EADDRINUSE|No address added/.test((err as Error).message)) throw err;
    s = await startDetached(NODE_MAIN, [...args, '--port', '0'], logFile, NODE_READY, 20_000, label); // its port was taken: any free one
  }
  const client = new ChainClient(chainAddress);
  try {
    const id = Number(s.match[1]);
    const node = await client.node(id);
    const version = /ready on \S+ version (\S+)/.exec(s.output)?.[1];
    const restored = /zos-sim node \d+ restored [^\n]*/.exec(s.output)?.[0];
    return {
      id,
      farmId,
      twinId: node.twinId,
      address: s.match[2],
      pid: s.pid,
      dataDir: nodeDir,
      profile,
      ...(version ? { version } : {}),
      ...(gateway ? { domain: gateway.domain } : {}),
      ...(gpus.length ? { gpus: [...gpus] } : {}),
      ...(restored ? { restored } : {}),
    };
  } finally {
    client.close();
  }
}

/** Starts a process hosting the nodes of a spec file; resolves with their entries once all are up. */
async function startHost(chainAddress: string, specFile: string, gridDir: string): Promise<NodeEntry[]> {
  const spec = JSON.parse(fs.readFileSync(specFile, 'utf8')) as HostSpec;
  const name = path.basename(specFile, '.json');
  const s = await startDetached(
    HOST_MAIN,
    ['--chain', chainAddress, '--spec', specFile],
    path.join(gridDir, 'logs', `${name}.log`),
    /zos-sim host ready/,
    120_000,
    `node host ${name}`,
  );
  const byKey = new Map(spec.nodes.map((n) => [n.key, n]));
  const client = new ChainClient(chainAddress);
  try {
    const ids = new Set([...s.output.matchAll(/zos-sim node (\d+) ready on/g)].map((m) => Number(m[1])));
    await firstUptimeReports(client, ids);
    const twins = new Map((await client.nodes()).map((n) => [n.id, n.twinId]));
    return [...s.output.matchAll(/zos-sim node (\d+) ready on (\S+) key=(\S+)/g)].map((m) => {
      const n = byKey.get(m[3])!;
      return {
        id: Number(m[1]),
        farmId: n.farmId,
        twinId: twins.get(Number(m[1])) ?? 0,
        address: m[2],
        pid: s.pid,
        dataDir: spec.database,
        hostSpec: specFile,
        ...(n.publicConfig ? { domain: n.publicConfig.domain } : {}),
        ...(n.gpus?.length ? { gpus: n.gpus } : {}),
      };
    });
  } finally {
    client.close();
  }
}

/** Waits until every node of `ids` has reported uptime once (so the chain has them up). */
async function firstUptimeReports(client: ChainClient, ids: Set<number>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const silent = (await client.nodes()).filter((n) => ids.has(n.id) && !n.lastReport);
    if (!silent.length) return;
    if (Date.now() > deadline) {
      throw new Error(`nodes ${silent.map((n) => n.id).join(', ')} did not report uptime within ${timeoutMs / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 200));
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
  // only our daemons: a pid recorded here may belong to another program by now
  const nodes = [...new Set(grid.nodes.map((n) => n.pid))].filter((pid) => alive(pid, NODE_SCRIPT));
  const explorer = grid.explorer && alive(grid.explorer.pid, EXPLORER_SCRIPT) ? [grid.explorer.pid] : [];
  await stopAll([...explorer, ...nodes, ...(alive(grid.chain.pid, CHAIN_SCRIPT) ? [grid.chain.pid] : [])]);
  grid.chain.pid = 0;
  if (grid.explorer) grid.explorer.pid = 0;
  for (const n of grid.nodes) n.pid = 0;
  if (purge) fs.rmSync(dataDir, { recursive: true, force: true });
  else writeGridFile(dataDir, grid);
  return grid;
}

/** running; stopped (by grid down); dead (its process is gone: killed or crashed) */
export type ProcessState = 'running' | 'stopped' | 'dead';

export interface Status {
  dataDir: string;
  running: boolean;
  chain: GridFile['chain'] & { running: boolean; state: ProcessState };
  /** absent for a grid started before the explorer existed (grid up starts one) */
  explorer?: NonNullable<GridFile['explorer']> & { running: boolean; state: ProcessState };
  nodes: (GridFile['nodes'][number] & { running: boolean; state: ProcessState })[];
  farms: GridFile['farms'];
  devAccount: GridFile['devAccount'];
}

function stateOf(pid: number, script: string): ProcessState {
  if (!pid) return 'stopped';
  return alive(pid, script) ? 'running' : 'dead';
}

export function status(dataDir: string): Status | undefined {
  const grid = readGridFile(dataDir);
  if (!grid) return undefined;
  const chainState = stateOf(grid.chain.pid, CHAIN_SCRIPT);
  const chain = { ...grid.chain, running: chainState === 'running', state: chainState };
  const nodes = grid.nodes.map((n) => {
    const state = stateOf(n.pid, NODE_SCRIPT);
    return { ...n, running: state === 'running', state };
  });
  const explorerState = grid.explorer ? stateOf(grid.explorer.pid, EXPLORER_SCRIPT) : 'stopped';
  const explorer = grid.explorer ? { ...grid.explorer, running: explorerState === 'running', state: explorerState } : undefined;
  const running = chain.running && nodes.every((n) => n.running) && !!explorer?.running;
  return { dataDir: grid.dataDir, running, chain, explorer, nodes, farms: grid.farms, devAccount: grid.devAccount };
}
