// Runs the built `gridform` command as a user would, in a folder, with its own local grid home.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ChainClient, NodeClient, keyPairFromMnemonic } from '../../../proto';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const GRIDFORM = path.join(REPO, 'dist', 'provider', 'cli', 'main.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function gridform(args: string[], opts: { cwd?: string; home: string; env?: Record<string, string> }): Promise<Run> {
  return run(process.execPath, [GRIDFORM, ...args], opts);
}

export function run(cmd: string, args: string[], opts: { cwd?: string; home: string; env?: Record<string, string> }): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd ?? REPO,
      env: { ...process.env, GRIDFORM_HOME: opts.home, MNEMONIC: '', CHECKPOINT_DISABLE: '1', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Starts `gridform apply -auto-approve` in `cwd` and, as soon as `moment` holds (polled every 10 ms)
 * while it runs, does `act` to it (a SIGKILL, a cut link); `acted` says whether the moment came first.
 */
export async function applyActingWhen(
  opts: { cwd: string; home: string },
  moment: () => Promise<boolean>,
  act: (child: ChildProcess) => void,
): Promise<Run & { acted: boolean }> {
  const env = { ...process.env, GRIDFORM_HOME: opts.home, MNEMONIC: '', CHECKPOINT_DISABLE: '1' };
  const child = spawn(process.execPath, [GRIDFORM, '-no-color', 'apply', '-auto-approve'], { cwd: opts.cwd, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  let done = false;
  void exited.then(() => (done = true));
  while (!done && !(await moment().catch(() => false))) await new Promise((r) => setTimeout(r, 10));
  const acted = !done;
  if (acted) act(child);
  return { code: await exited, stdout, stderr, acted };
}

/** A copy of an example app inside the repository (so it resolves `gridform` and `cdktf` from it). */
export function copyExample(name: string, extraFiles: string[] = []): string {
  const dir = fs.mkdtempSync(path.join(REPO, '.test-work-'));
  for (const f of ['main.ts', 'stack.ts', 'cdktf.json', ...extraFiles])
    fs.copyFileSync(path.join(REPO, 'examples', name, f), path.join(dir, f));
  return dir;
}

export interface GridJson {
  chain: { address: string; pid: number; adminTokenFile?: string };
  nodes: { id: number; address: string; pid: number; farmId: number }[];
  devAccount: { mnemonic: string; twinId: number };
}

/** A client of a node of the local grid that signs its calls as the dev account (a node shows a twin its own deployments only). */
export function devNodeClient(grid: GridJson, node: { id: number; address: string }): NodeClient {
  const signer = { twinId: grid.devAccount.twinId, key: keyPairFromMnemonic(grid.devAccount.mnemonic), nodeId: node.id };
  return new NodeClient(node.address, { signer });
}

export function readGrid(home: string): GridJson {
  return JSON.parse(fs.readFileSync(path.join(home, 'grid.json'), 'utf8')) as GridJson;
}

type Left = { contracts: number[]; reservedIps: string[]; workloads: string[] };

/**
 * What is left on the grid of the dev twin: live contracts, reserved public IPs, workloads on any
 * node. Nodes remove workloads when they see the cancellation on chain, so this waits up to
 * `settleMs` for all three to be empty before answering.
 */
export async function leftOnGrid(home: string, settleMs = 10_000): Promise<Left> {
  const deadline = Date.now() + settleMs;
  for (;;) {
    const left = await readLeft(home);
    if ((!left.contracts.length && !left.reservedIps.length && !left.workloads.length) || Date.now() > deadline) return left;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function readLeft(home: string): Promise<Left> {
  const grid = readGrid(home);
  const chain = new ChainClient(grid.chain.address);
  try {
    const twin = grid.devAccount.twinId;
    const contracts = (await chain.contracts({ twinId: twin })).filter((c) => c.state !== 'Deleted').map((c) => c.id);
    const reservedIps = (await chain.farms()).flatMap((f) => f.publicIps.filter((ip) => Number(ip.contractId)).map((ip) => ip.ip));
    const workloads: string[] = [];
    for (const n of grid.nodes) {
      const node = devNodeClient(grid, n);
      try {
        for (const d of await node.list(twin))
          for (const w of d.workloads) if (w.result?.state !== 'deleted') workloads.push(`node ${n.id}: ${d.contractId}/${w.name}`);
      } finally {
        node.close();
      }
    }
    return { contracts, reservedIps, workloads };
  } finally {
    chain.close();
  }
}

/**
 * Writes `app`'s main.ts holding one stack per upstream example port (folder name to its stack
 * class, each in `app/<folder>/stack.ts`), and the ports' cdktf.json.
 */
export function writeUpstreamApp(app: string, stacks: Readonly<Record<string, string>>): void {
  const entries = Object.entries(stacks);
  const main = [
    "import { App } from 'cdktf';",
    ...entries.map(([ex, cls]) => `import { ${cls} } from './${ex}/stack';`),
    'const app = new App();',
    ...entries.map(([ex, cls]) => `new ${cls}(app, '${ex}');`),
    'app.synth();',
  ];
  fs.writeFileSync(path.join(app, 'main.ts'), main.join('\n'));
  fs.copyFileSync(path.join(REPO, 'examples', 'upstream', entries[0][0], 'cdktf.json'), path.join(app, 'cdktf.json'));
}
