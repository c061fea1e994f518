// npm run bench, provider part: apply, re-plan and destroy of 1,000 VMs over 50 nodes of a local
// grid (one network across the 50 nodes, one deployment of 20 VMs per node), as a user runs
// gridform. Goals (issue 6): apply <= 20 s, re-plan <= 2 s, destroy <= 10 s. Measured twice on the
// same grid: plain, and with mycelium on every VM (a key per node on the network, a seed per VM),
// which must keep the same figures (issue 16). Beside each wall time it prints the CPU seconds
// of the gridform command and of the grid's processes (chain, node host, explorer): the machine
// this runs on is often shared and busy, and CPU time is what a change here moves.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { processCpu, waitedChildrenCpu } from './cpu-time';

const DIST = path.resolve(__dirname, '..', '..');
const GRIDFORM = path.join(DIST, 'provider', 'cli', 'main.js');
const NODES = Number(process.env.BENCH_GRID_VM_NODES ?? 50);
const VMS_PER_NODE = Number(process.env.BENCH_VMS_PER_NODE ?? 20);

/** a node's 32-byte mycelium key and a VM's 6-byte seed, both in hex and distinct */
const myceliumKey = (node: number) => createHash('sha256').update(`bench-mycelium-${node}`).digest('hex');
const myceliumSeed = (node: number, vm: number) => `a1${node.toString(16).padStart(4, '0')}${vm.toString(16).padStart(4, '0')}0b`;

function stack(mycelium: boolean): unknown {
  const nodes = Array.from({ length: NODES }, (_, i) => i + 1);
  const keys = mycelium ? { mycelium_keys: Object.fromEntries(nodes.map((n) => [String(n), myceliumKey(n)])) } : {};
  return {
    terraform: { required_providers: { grid: { source: 'gridform/grid' } } },
    provider: { grid: [{ network: 'local' }] },
    resource: {
      grid_network: { net: { name: 'bench', nodes, ip_range: '10.100.0.0/16', ...keys } },
      grid_deployment: Object.fromEntries(
        nodes.map((node) => [
          `vms_${node}`,
          {
            node,
            name: `bench_${node}`,
            network_name: '${grid_network.net.name}',
            vms: Array.from({ length: VMS_PER_NODE }, (_, i) => ({
              name: `vm${i + 1}`,
              flist: 'https://hub.grid.tf/tf-official-apps/base:latest.flist',
              cpu: 1,
              memory: 256,
              rootfs_size: 0,
              ...(mycelium ? { mycelium_ip_seed: myceliumSeed(node, i + 1) } : {}),
            })),
          },
        ]),
      ),
    },
  };
}

/** The grid's long-running processes, whose CPU time each step adds up. */
interface GridPids {
  chain: number;
  nodes: number[];
  explorer?: number;
}

function gridPids(home: string): GridPids {
  const grid = JSON.parse(fs.readFileSync(path.join(home, 'grid.json'), 'utf8')) as {
    chain: { pid: number };
    nodes: { pid: number }[];
    explorer?: { pid: number };
  };
  return { chain: grid.chain.pid, nodes: [...new Set(grid.nodes.map((n) => n.pid))], explorer: grid.explorer?.pid };
}

interface Step {
  seconds: number;
  /** CPU seconds of the gridform command, the chain, and the nodes with the explorer; undefined without /proc */
  cpu?: { gridform: number; chain: number; grid: number };
}

function gridCpu(pids: GridPids): { chain: number; grid: number } | undefined {
  const chain = processCpu(pids.chain);
  const others = [...pids.nodes, ...(pids.explorer ? [pids.explorer] : [])].map(processCpu);
  if (chain === undefined || others.some((c) => c === undefined)) return undefined;
  return { chain, grid: others.reduce((a, b) => a! + b!, 0)! };
}

function step(args: string[], cwd: string, env: Record<string, string>, pids: GridPids): Step {
  const cliBefore = waitedChildrenCpu();
  const gridBefore = gridCpu(pids);
  const seconds = timed(args, cwd, env);
  const cliAfter = waitedChildrenCpu();
  const gridAfter = gridCpu(pids);
  if (cliBefore === undefined || cliAfter === undefined || !gridBefore || !gridAfter) return { seconds };
  const cpu = { gridform: cliAfter - cliBefore, chain: gridAfter.chain - gridBefore.chain, grid: gridAfter.grid - gridBefore.grid };
  return { seconds, cpu };
}

function timed(args: string[], cwd: string, env: Record<string, string>): number {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [GRIDFORM, ...args], {
    cwd,
    env: { ...process.env, ...env, CHECKPOINT_DISABLE: '1' },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`gridform ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  return seconds;
}

interface Figures {
  apply: Step;
  replan: Step;
  destroy: Step;
}

/** apply, re-plan and destroy of the stack in `dir`; the mycelium variant also checks every VM got its address */
function measure(dir: string, env: Record<string, string>, mycelium: boolean, pids: GridPids): Figures {
  fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(stack(mycelium)));
  const apply = step(['apply', '-auto-approve', '-no-color'], dir, env, pids);
  if (mycelium) checkMyceliumAddresses(dir, env);
  const replan = step(['plan', '-no-color'], dir, env, pids);
  const destroy = step(['destroy', '-auto-approve', '-no-color'], dir, env, pids);
  return { apply, replan, destroy };
}

/** "3.10 + 0.52 + 1.20": CPU seconds of gridform + chain + nodes and explorer */
function cpuText(s: Step): string {
  if (!s.cpu) return 'n/a (no /proc)';
  return `${s.cpu.gridform.toFixed(2)} + ${s.cpu.chain.toFixed(2)} + ${s.cpu.grid.toFixed(2)}`;
}

/** every VM in the state has a mycelium address (400::/7), so the variant measured what it claims */
function checkMyceliumAddresses(dir: string, env: Record<string, string>): void {
  const r = spawnSync(process.execPath, [GRIDFORM, 'show', '-json'], {
    cwd: dir,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const text = r.stdout;
  const addresses = text.match(/"mycelium_ip":\s*"[45][0-9a-f]{2}:[0-9a-f:]+"/g) ?? [];
  if (addresses.length !== NODES * VMS_PER_NODE)
    throw new Error(`the mycelium variant has ${addresses.length} VMs with a mycelium address, not ${NODES * VMS_PER_NODE}`);
}

function main(): void {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-vms-grid-'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-vms-stack-'));
  const env = { GRIDFORM_HOME: home, MNEMONIC: '' };
  try {
    timed(['grid', 'up', '--port', '0', '--nodes', String(NODES), '--farms', '5'], dir, env);
    const pids = gridPids(home);
    const plain = measure(dir, env, false, pids);
    const withMycelium = measure(dir, env, true, pids);
    const rows = [
      [`apply ${NODES * VMS_PER_NODE} VMs over ${NODES} nodes`, 'apply', 20],
      ['re-plan (refresh from chain and nodes)', 'replan', 2],
      ['destroy', 'destroy', 10],
    ] as const;
    const cpuLabel = 'CPU s: gridform + chain + nodes/explorer';
    const width = Math.max(cpuLabel.length, ...rows.map((r) => r[0].length));
    const head = `${'provider on a local grid'.padEnd(width)}  plain      mycelium   goal`;
    process.stdout.write(`\n${head}\n${'-'.repeat(width)}  ---------  ---------  ---------\n`);
    for (const [what, key, goal] of rows) {
      const a = plain[key].seconds;
      const b = withMycelium[key].seconds;
      const verdict = a <= goal && b <= goal ? 'met' : 'MISSED';
      process.stdout.write(
        `${what.padEnd(width)}  ${`${a.toFixed(2)} s`.padEnd(9)}  ${`${b.toFixed(2)} s`.padEnd(9)}  <= ${goal} s ${verdict}\n`,
      );
    }
    const cpuHead = `${cpuLabel.padEnd(width)}  plain                 mycelium`;
    process.stdout.write(`\n${cpuHead}\n${'-'.repeat(width)}  --------------------  --------------------\n`);
    for (const [what, key] of rows) {
      process.stdout.write(`${what.padEnd(width)}  ${cpuText(plain[key]).padEnd(20)}  ${cpuText(withMycelium[key])}\n`);
    }
    process.stdout.write(
      `load average at the end: ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(', ')} on ${os.cpus().length} cores.\n`,
    );
    process.stdout.write('mycelium: a key per node on the network and a seed per VM; every VM reported its 400::/7 address.\n');
    process.stdout.write('On the real grid one deployment takes tens of seconds: 6 s blocks, and nodes pulling flists.\n');
  } finally {
    spawnSync(process.execPath, [GRIDFORM, 'grid', 'down', '--purge'], { env: { ...process.env, ...env } });
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
