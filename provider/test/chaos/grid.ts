// A local grid for chaos trials: started with `gridform grid up` in a data folder of its own on
// free ports, read through its grid.json, and always taken down (`grid down --purge`, then SIGKILL
// of any pid it still records), whatever happened to it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChainClient, NodeClient, keyPairFromMnemonic } from '../../../proto';
import { gridform, type RunResult } from './processes';

export interface GridJson {
  chain: { address: string; pid: number; port: number };
  nodes: { id: number; address: string; pid: number; farmId: number }[];
  explorer?: { url: string; pid: number };
  devAccount: { mnemonic: string; twinId: number };
}

/** What the dev twin still has on the grid. */
export interface Leftovers {
  contracts: { id: number; type: string; nodeId: number; name: string }[];
  reservedIps: string[];
  workloads: string[];
}

export const isEmpty = (l: Leftovers) => !l.contracts.length && !l.reservedIps.length && !l.workloads.length;

export function describeLeftovers(l: Leftovers): string {
  const parts: string[] = [];
  if (l.contracts.length)
    parts.push(
      `${l.contracts.length} live contract(s) ` +
        `${l.contracts.map((c) => `${c.id} (${c.type}${c.nodeId ? ` on node ${c.nodeId}` : ''}${c.name ? ` ${c.name}` : ''})`).join(', ')}`,
    );
  if (l.reservedIps.length) parts.push(`${l.reservedIps.length} reserved public IP(s) ${l.reservedIps.join(', ')}`);
  if (l.workloads.length)
    parts.push(`${l.workloads.length} workload(s) on nodes: ${l.workloads.slice(0, 6).join(', ')}${l.workloads.length > 6 ? ', ...' : ''}`);
  return parts.join('; ');
}

/** The process of the grid the harness is taking down, so an exit handler can kill what is left. */
const started = new Set<LocalGrid>();

export function killAllGrids(): void {
  for (const g of started) g.killAllSync();
}

export class LocalGrid {
  readonly home: string;

  private constructor(
    readonly nodes: number,
    private readonly logDir: string,
  ) {
    this.home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-chaos-grid-'));
  }

  /** Starts a fresh grid of `nodes` nodes (node 1 is a gateway), chain on a free port. */
  static async start(nodes: number, logDir: string): Promise<LocalGrid> {
    const g = new LocalGrid(nodes, logDir);
    started.add(g);
    const up = await g.cli(['grid', 'up', '--port', '0', '--nodes', String(nodes), '--public-ips', '8'], 'grid-up', 90_000);
    if (up.code !== 0) {
      await g.stop();
      throw new Error(`gridform grid up failed (exit ${up.code}${up.timedOut ? ', timed out' : ''}): ${tail(up.stderr + up.stdout)}`);
    }
    return g;
  }

  cli(args: string[], name: string, timeoutMs: number): Promise<RunResult> {
    return gridform(args, { home: this.home, timeoutMs, logPrefix: path.isAbsolute(name) ? name : path.join(this.logDir, name) });
  }

  read(): GridJson {
    return JSON.parse(fs.readFileSync(path.join(this.home, 'grid.json'), 'utf8')) as GridJson;
  }

  /** `grid up` on the existing data: restarts whatever is down. `name`: a log name, or an absolute log prefix. */
  async bringBack(name: string): Promise<RunResult> {
    return this.cli(['grid', 'up'], name, 60_000);
  }

  killChain(): number {
    const pid = this.read().chain.pid;
    signal(pid, 'SIGKILL');
    return pid;
  }

  killNode(id: number): number {
    const pid = this.read().nodes.find((n) => n.id === id)?.pid ?? 0;
    signal(pid, 'SIGKILL');
    return pid;
  }

  /** What the dev twin has on chain and nodes that is not deleted, waiting up to `settleMs` for it to drain. */
  async leftovers(settleMs: number): Promise<Leftovers> {
    const deadline = Date.now() + settleMs;
    for (;;) {
      const left = await this.readLeftovers();
      if (isEmpty(left) || Date.now() > deadline) return left;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async readLeftovers(): Promise<Leftovers> {
    const grid = this.read();
    const twin = grid.devAccount.twinId;
    return withChain(grid, async (chain) => {
      const contracts = (await chain.contracts({ twinId: twin }))
        .filter((c) => c.state !== 'Deleted')
        .map((c) => ({ id: Number(c.id), type: c.type, nodeId: Number(c.nodeId), name: c.name }));
      const reservedIps = (await chain.farms()).flatMap((f) =>
        f.publicIps.filter((ip) => Number(ip.contractId)).map((ip) => `${ip.ip} (contract ${ip.contractId})`),
      );
      const workloads: string[] = [];
      for (const n of grid.nodes) {
        for (const d of await withNode(grid, n, (node) => node.list(twin))) {
          for (const w of d.workloads)
            if (w.result?.state !== 'deleted') workloads.push(`node ${n.id}: contract ${d.contractId} ${w.type} ${w.name}`);
        }
      }
      return { contracts, reservedIps, workloads };
    });
  }

  /** Cancels every live contract of the dev twin (what a failed trial left), so the next trial starts clean. */
  async cancelLeftovers(): Promise<number> {
    const grid = this.read();
    const key = keyPairFromMnemonic(grid.devAccount.mnemonic);
    return withChain(grid, async (chain) => {
      const live = (await chain.contracts({ twinId: grid.devAccount.twinId })).filter((c) => c.state !== 'Deleted');
      // node contracts first: a name contract may not be cancelled while a gateway uses the name
      live.sort((a, b) => Number(a.type === 'name') - Number(b.type === 'name'));
      for (const c of live) await chain.submit(key, { cancelContract: { contractId: Number(c.id) } });
      return live.length;
    });
  }

  /** `grid down --purge`, then SIGKILL of any daemon it still records. */
  async stop(): Promise<void> {
    try {
      if (fs.existsSync(path.join(this.home, 'grid.json'))) await this.cli(['grid', 'down'], 'grid-down', 30_000);
    } finally {
      this.killAllSync();
      fs.rmSync(this.home, { recursive: true, force: true });
      started.delete(this);
    }
  }

  killAllSync(): void {
    try {
      const g = this.read();
      for (const pid of [g.chain.pid, ...g.nodes.map((n) => n.pid), g.explorer?.pid ?? 0]) signal(pid, 'SIGKILL');
    } catch {
      // no grid.json: nothing was started
    }
  }
}

export async function withChain<T>(grid: GridJson, f: (c: ChainClient) => Promise<T>): Promise<T> {
  const chain = new ChainClient(grid.chain.address, { timeoutMs: 10_000 });
  try {
    return await f(chain);
  } finally {
    chain.close();
  }
}

/** A client of one node signing as the dev account: a node shows a twin its own deployments only. */
export async function withNode<T>(grid: GridJson, n: { id: number; address: string }, f: (c: NodeClient) => Promise<T>): Promise<T> {
  const signer = { twinId: grid.devAccount.twinId, key: keyPairFromMnemonic(grid.devAccount.mnemonic), nodeId: n.id };
  const node = new NodeClient(n.address, { timeoutMs: 10_000, signer });
  try {
    return await f(node);
  } finally {
    node.close();
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(pid, sig);
  } catch {
    // not running
  }
}

export function tail(text: string, lines = 4): string {
  return text.trim().split('\n').slice(-lines).join(' | ');
}
