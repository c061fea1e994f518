// DIR/grid.json: what a running local grid is made of. The provider (network "local") and the CLI
// read it to find the chain, the nodes and the dev account.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface GridFile {
  /** adminTokenFile: the chain's admin credential (faucet, time warp), owner-only */
  chain: { address: string; pid: number; port: number; adminTokenFile?: string };
  nodes: {
    id: number;
    farmId: number;
    twinId: number;
    address: string;
    pid: number;
    dataDir: string;
    /** set for a gateway node: the domain it serves names under */
    domain?: string;
    /** the node's GPU ids, when it has any */
    gpus?: string[];
    /** set for nodes hosted together: the host's spec file (restarting one restarts its host) */
    hostSpec?: string;
    /** the software version it started on, and its capacity profile */
    version?: string;
    profile?: string;
    /** what its last start restored (the daemon's line), for the launcher to print */
    restored?: string;
  }[];
  farms: { id: number; name: string; publicIps: string[] }[];
  /** the explorer (Grid Proxy's API and the page); absent in grids started before it existed */
  explorer?: { url: string; pid: number; port: number };
  devAccount: { mnemonic: string; accountId: string; twinId: number };
  farmer: { mnemonic: string; accountId: string; twinId: number };
  dataDir: string;
  startedAt: string;
}

export function defaultGridDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.GRIDFORM_HOME ? path.resolve(env.GRIDFORM_HOME) : path.join(os.homedir(), '.gridform', 'grid');
}

/** Where chain-sim keeps the admin credential of the grid in `dir` (it makes it on first start). */
export function adminTokenFile(dir: string): string {
  return path.join(dir, 'chain', 'admin.token');
}

export function readAdminToken(dir: string): string {
  return fs.readFileSync(adminTokenFile(dir), 'utf8').trim();
}

export function readGridFile(dir: string): GridFile | undefined {
  const file = path.join(dir, 'grid.json');
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as GridFile;
}

export function writeGridFile(dir: string, grid: GridFile): void {
  const file = path.join(dir, 'grid.json');
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(grid, null, 2) + '\n', { mode: 0o600 });
  fs.renameSync(`${file}.tmp`, file);
}

/**
 * Whether the process runs: a zombie (killed, not yet reaped by its new parent) counts as gone, and
 * so does a process that reuses the pid of one of ours but runs something else (`script`, when given).
 */
export function alive(pid: number, script?: string): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2)[0] === 'Z') return false;
    return !script || fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(script);
  } catch {
    return true; // no /proc: trust the signal check
  }
}
