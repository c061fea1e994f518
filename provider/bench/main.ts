// npm run bench, provider part: apply, re-plan and destroy of 1,000 VMs over 50 nodes of a local
// grid (one network across the 50 nodes, one deployment of 20 VMs per node), as a user runs
// gridform. Goals (issue 6): apply <= 20 s, re-plan <= 2 s, destroy <= 10 s.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const DIST = path.resolve(__dirname, '..', '..');
const GRIDFORM = path.join(DIST, 'provider', 'cli', 'main.js');
const NODES = Number(process.env.BENCH_GRID_VM_NODES ?? 50);
const VMS_PER_NODE = Number(process.env.BENCH_VMS_PER_NODE ?? 20);

function stack(): unknown {
  const nodes = Array.from({ length: NODES }, (_, i) => i + 1);
  return {
    terraform: { required_providers: { grid: { source: 'gridform/grid' } } },
    provider: { grid: [{ network: 'local' }] },
    resource: {
      grid_network: { net: { name: 'bench', nodes, ip_range: '10.100.0.0/16' } },
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
            })),
          },
        ]),
      ),
    },
  };
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

function main(): void {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-vms-grid-'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-vms-stack-'));
  const env = { GRIDFORM_HOME: home, MNEMONIC: '' };
  try {
    timed(['grid', 'up', '--port', '0', '--nodes', String(NODES), '--farms', '5'], dir, env);
    fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(stack()));
    const apply = timed(['apply', '-auto-approve', '-no-color'], dir, env);
    const replan = timed(['plan', '-no-color'], dir, env);
    const destroy = timed(['destroy', '-auto-approve', '-no-color'], dir, env);
    const rows = [
      [`apply ${NODES * VMS_PER_NODE} VMs over ${NODES} nodes`, apply, 20],
      ['re-plan (refresh from chain and nodes)', replan, 2],
      ['destroy', destroy, 10],
    ] as const;
    const width = Math.max(...rows.map((r) => r[0].length));
    process.stdout.write(`\n${'provider on a local grid'.padEnd(width)}  measured   goal\n${'-'.repeat(width)}  ---------  ---------\n`);
    for (const [what, s, goal] of rows)
      process.stdout.write(`${what.padEnd(width)}  ${`${s.toFixed(2)} s`.padEnd(9)}  <= ${goal} s ${s <= goal ? 'met' : 'MISSED'}\n`);
    process.stdout.write('On the real grid one deployment takes tens of seconds: 6 s blocks, and nodes pulling flists.\n');
  } finally {
    spawnSync(process.execPath, [GRIDFORM, 'grid', 'down', '--purge'], { env: { ...process.env, ...env } });
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
