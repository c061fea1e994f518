// The lifecycle of one node of a local grid, as its operator drives it: stop (a crash: the process
// is killed), start (from its data folder, on its port), restart, upgrade to another version (a
// clean stop, then the new version on the same data: its workloads are restored, not re-created),
// and upgrading a whole grid one node at a time. Every refusal is made before anything changes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ChainClient } from '../../proto';
import { LATEST_VERSION, typesOf, unknownVersion } from '../src/versions';
import { alive, readGridFile, writeGridFile, type GridFile } from './grid-file';
import { restartNode, startNode as launchNode } from './grid';
import { NODE_SCRIPT, stopAll } from './processes';

type NodeEntry = GridFile['nodes'][number];
type Log = (line: string) => void;

/** How long an upgraded node has to show its new version on chain. */
const VERSION_ON_CHAIN_MS = 20_000;

export class LifecycleRefusal extends Error {}

function gridAt(dataDir: string): GridFile {
  const grid = readGridFile(dataDir);
  if (!grid) throw new LifecycleRefusal(`no local grid in ${dataDir}: start one with gridform grid up`);
  return grid;
}

function entry(grid: GridFile, id: number): { index: number; node: NodeEntry } {
  const index = grid.nodes.findIndex((n) => n.id === id);
  if (index < 0)
    throw new LifecycleRefusal(
      `node ${id} is not a node of the local grid in ${grid.dataDir} (its nodes: ${grid.nodes.map((n) => n.id).join(', ')})`,
    );
  const node = grid.nodes[index];
  if (node.hostSpec)
    throw new LifecycleRefusal(
      `node ${id} shares a process with other nodes (a grid of more than 20 nodes): lifecycle commands need one process per node`,
    );
  return { index, node };
}

function requireChain(grid: GridFile): void {
  if (!grid.chain.pid || !alive(grid.chain.pid))
    throw new LifecycleRefusal(`the chain of the local grid in ${grid.dataDir} is not running: gridform grid up starts it`);
}

const running = (n: NodeEntry) => alive(n.pid, NODE_SCRIPT);

/** A crash: SIGKILL, no chance to finish anything. The node's data stays; start brings it back. */
export async function stopNode(dataDir: string, id: number, log: Log): Promise<NodeEntry> {
  const grid = gridAt(dataDir);
  const { index, node } = entry(grid, id);
  if (!running(node)) throw new LifecycleRefusal(`node ${id} is not running`);
  process.kill(node.pid, 'SIGKILL');
  while (alive(node.pid)) await new Promise((r) => setTimeout(r, 20));
  log(`node ${id}: process ${node.pid} killed`);
  grid.nodes[index] = { ...node, pid: 0 };
  writeGridFile(dataDir, grid);
  return grid.nodes[index];
}

export async function startNode(dataDir: string, id: number, log: Log, extra: string[] = []): Promise<NodeEntry> {
  const grid = gridAt(dataDir);
  const { index, node } = entry(grid, id);
  if (running(node)) throw new LifecycleRefusal(`node ${id} is running already (process ${node.pid})`);
  requireChain(grid);
  const started = await restartNode(grid, index, node.profile ?? 'medium', extra);
  grid.nodes[index] = started;
  writeGridFile(dataDir, grid);
  log(`node ${id}: started on ${started.address} (process ${started.pid}, version ${started.version ?? '?'})`);
  if (started.restored) log(started.restored);
  return started;
}

export async function restartNodeCommand(dataDir: string, id: number, log: Log): Promise<NodeEntry> {
  const grid = gridAt(dataDir);
  const { node } = entry(grid, id);
  requireChain(grid);
  if (running(node)) await stopNode(dataDir, id, log);
  return startNode(dataDir, id, log);
}

/** Stops the node cleanly, starts it on `version`, and waits until the chain shows that version. */
export async function upgradeNode(dataDir: string, id: number, version: string, log: Log): Promise<NodeEntry> {
  if (!typesOf(version)) throw new LifecycleRefusal(unknownVersion(version));
  const grid = gridAt(dataDir);
  const { node } = entry(grid, id);
  requireChain(grid);
  if (node.version === version && running(node)) {
    log(`node ${id} runs ${version} already`);
    return node;
  }
  if (running(node)) {
    await stopAll([node.pid]);
    grid.nodes[grid.nodes.indexOf(node)] = { ...node, pid: 0 };
    writeGridFile(dataDir, grid);
  }
  const started = await startNode(dataDir, id, log, ['--zos-version', version]);
  await versionOnChain(grid.chain.address, id, version);
  log(`node ${id}: upgraded from ${node.version ?? 'its previous version'} to ${version}; the chain shows ${version}`);
  return started;
}

/** Every node of the grid, one at a time; refused as a whole before any node is touched. */
export async function upgradeGrid(dataDir: string, version: string, log: Log): Promise<NodeEntry[]> {
  if (!typesOf(version)) throw new LifecycleRefusal(unknownVersion(version));
  const grid = gridAt(dataDir);
  requireChain(grid);
  for (const n of grid.nodes) entry(grid, n.id);
  const out: NodeEntry[] = [];
  for (const n of grid.nodes) out.push(await upgradeNode(dataDir, n.id, version, log));
  return out;
}

async function versionOnChain(chainAddress: string, id: number, version: string): Promise<void> {
  const chain = new ChainClient(chainAddress);
  try {
    const deadline = Date.now() + VERSION_ON_CHAIN_MS;
    while ((await chain.node(id)).version !== version) {
      if (Date.now() > deadline)
        throw new Error(
          `node ${id} started on ${version} but the chain does not show it after ${VERSION_ON_CHAIN_MS / 1000} s: see its log`,
        );
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    chain.close();
  }
}

export { LATEST_VERSION };

export interface JoinOptions {
  farmId: number;
  /** the chain to register with; default: the local grid's */
  chain?: string;
  /** the node's data folder; default: a new folder under the local grid's nodes/ */
  nodeData?: string;
  /** the address the node serves on (another host's); default 127.0.0.1 */
  host?: string;
  profile?: string;
}

/**
 * A new node daemon that registers itself in farm `farmId` (the caller checked the farm is the
 * farmer's). On the local grid's chain it becomes one of the grid's nodes in grid.json.
 */
export async function joinNode(dataDir: string, o: JoinOptions, log: Log): Promise<NodeEntry> {
  const grid = readGridFile(dataDir);
  const chain = o.chain ?? grid?.chain.address;
  if (!chain) throw new LifecycleRefusal(`no chain to join: pass --chain HOST:PORT, or start a local grid in ${dataDir}`);
  const local = !!grid && chain === grid.chain.address;
  if (local) requireChain(grid);
  const nodeData = o.nodeData ?? (local ? freeNodeDir(grid) : undefined);
  if (!nodeData)
    throw new LifecycleRefusal('a node joining another grid needs --node-data DIR (the folder that keeps its identity and deployments)');
  const name = path.basename(nodeData);
  const logDir = local ? dataDir : nodeData;
  const extra = o.host ? ['--host', o.host] : [];
  const started = await launchNode(chain, o.farmId, nodeData, logDir, o.profile ?? 'medium', name, undefined, 0, name, extra);
  if (local) {
    grid.nodes.push(started);
    writeGridFile(dataDir, grid);
  }
  log(
    `node ${started.id} joined farm ${o.farmId}: serving on ${started.address} (process ${started.pid}, version ${started.version ?? '?'})`,
  );
  return started;
}

function freeNodeDir(grid: GridFile): string {
  for (let i = grid.nodes.length + 1; ; i++) {
    const dir = path.join(grid.dataDir, 'nodes', `node-${i}`);
    if (!fs.existsSync(dir) && !grid.nodes.some((n) => n.dataDir === dir)) return dir;
  }
}
