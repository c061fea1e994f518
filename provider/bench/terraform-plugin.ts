// npm run bench, terraform part (issue 17): terraform 1.11 with terraform-provider-grid against
// gridform, each applying and destroying 50 VMs (one deployment each) over 10 nodes of a local
// grid; and the provider process's start-up time (terraform starts 3 to 4 per command; goal
// <= 250 ms each), as wall time to the handshake line and to the answer of the first call
// (GetProviderSchema, for which the grid provider loads), and as CPU time the process used until
// then (the CPU figure holds on a busy machine, the wall figure does not); before (main.js) and
// after (the one-file bundle with its V8 code cache, what the wrapper runs).
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startPlugin } from '../../engine/src/plugin-server/plugin-client';
import { PLUGIN_PROTO_DIR, PLUGIN_PROTOCOL_JSON } from '../../proto/src/plugin-protos';
import { installMirror } from '../cli/provider-install';
import { currentBundle } from '../plugin/launch';

const DIST = path.resolve(__dirname, '..', '..');
const GRIDFORM = path.join(DIST, 'provider', 'cli', 'main.js');
const PLUGIN_DIR = path.join(DIST, 'provider', 'plugin');
/** what the wrapper runs: the bundle with its code cache when the build made one, else main.js */
const PLUGIN = path.join(PLUGIN_DIR, 'launch.js');
/** the plugin as it started before the bundle: its modules one by one */
const PLUGIN_UNBUNDLED = path.join(PLUGIN_DIR, 'main.js');
const TERRAFORM = process.env.TERRAFORM_BIN ?? '/usr/local/bin/terraform';
const NODES = Number(process.env.BENCH_TF_NODES ?? 10);
const VMS = Number(process.env.BENCH_TF_VMS ?? 50);
const STARTS = 10;
const STARTUP_GOAL_MS = 250;

function config(source: string): unknown {
  const nodes = Array.from({ length: NODES }, (_, i) => i + 1);
  return {
    terraform: { required_providers: { grid: { source } } },
    provider: { grid: [{ network: 'local' }] },
    resource: {
      grid_network: { net: { name: 'bench', nodes, ip_range: '10.100.0.0/16' } },
      grid_deployment: Object.fromEntries(
        Array.from({ length: VMS }, (_, i) => [
          `vm${i}`,
          {
            node: nodes[i % NODES],
            name: `vm${i}`,
            network_name: '${grid_network.net.name}',
            vms: [{ name: 'vm', flist: 'https://hub.grid.tf/tf-official-apps/base:latest.flist', cpu: 1, memory: 256 }],
          },
        ]),
      ),
    },
  };
}

function timed(cmd: string, args: string[], cwd: string, env: Record<string, string>): number {
  const started = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  return seconds;
}

/**
 * One start of the plugin as terraform starts it: wall and CPU ms to the handshake line, and to the
 * answer of GetProviderSchema, the first call terraform makes (the grid provider loads for it).
 */
async function startOnce(entry: string): Promise<Start> {
  const plugin = await startPlugin({
    command: process.execPath,
    args: [entry],
    protoDir: PLUGIN_PROTO_DIR,
    protocolJson: PLUGIN_PROTOCOL_JSON,
  });
  const started = process.hrtime.bigint();
  try {
    await plugin.call('GetProviderSchema', {});
    const readyMs = plugin.handshakeMs + Number(process.hrtime.bigint() - started) / 1e6;
    return { wallMs: plugin.handshakeMs, cpuMs: plugin.handshakeCpuMs, readyWallMs: readyMs, readyCpuMs: plugin.cpuMs() };
  } finally {
    await plugin.stop();
  }
}

/** Wall and CPU ms of a node process that only reports its own CPU time (from /proc, as for the plugin). */
function nodeAlone(): { wallMs: number; cpuMs: number } {
  const started = process.hrtime.bigint();
  const script = "process.stdout.write(require('fs').readFileSync('/proc/self/stat','utf8'))";
  const stat = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' }).stdout;
  const fields = stat.split(') ')[1].split(' ');
  return { wallMs: Number(process.hrtime.bigint() - started) / 1e6, cpuMs: (Number(fields[11]) + Number(fields[12])) * 10 };
}

interface Start {
  wallMs: number;
  cpuMs: number;
  readyWallMs: number;
  readyCpuMs: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  const rows: [string, string, string][] = [];
  // what node itself costs to start on this machine, for reading the rows below on a busy one
  const bare = Array.from({ length: STARTS }, () => nodeAlone());
  rows.push([`node -e 0 alone, wall (median of ${STARTS})`, `${median(bare.map((b) => b.wallMs)).toFixed(0)} ms`, 'this machine']);
  rows.push([`node -e 0 alone, CPU`, `${median(bare.map((b) => b.cpuMs)).toFixed(0)} ms`, 'this machine']);
  const bundled = currentBundle(PLUGIN_DIR) !== undefined;
  const variants: [string, string][] = [['before: main.js, modules one by one', PLUGIN_UNBUNDLED]];
  if (bundled) variants.push(['after: one-file bundle + V8 code cache', PLUGIN]);
  // the first start of the bundle writes its code cache: not counted
  if (bundled) await startOnce(PLUGIN);
  // interleaved, so that a change in the machine's load weighs on both alike
  const starts: Start[][] = variants.map(() => []);
  for (let i = 0; i < STARTS; i++) for (const [v, [, entry]] of variants.entries()) starts[v].push(await startOnce(entry));
  for (const [v, [label]] of variants.entries()) {
    const med = (pick: (s: Start) => number) => `${median(starts[v].map(pick)).toFixed(0)} ms`;
    rows.push([`start-up, ${label}: wall to handshake (median of ${STARTS})`, med((s) => s.wallMs), `<= ${STARTUP_GOAL_MS} ms`]);
    rows.push([`start-up, ${label}: CPU to handshake`, med((s) => s.cpuMs), `<= ${STARTUP_GOAL_MS} ms`]);
    rows.push([`start-up, ${label}: wall to GetProviderSchema answered`, med((s) => s.readyWallMs), `<= ${STARTUP_GOAL_MS} ms`]);
    rows.push([`start-up, ${label}: CPU to GetProviderSchema answered`, med((s) => s.readyCpuMs), `<= ${STARTUP_GOAL_MS} ms`]);
  }

  let terraformFound = true;
  try {
    execFileSync(TERRAFORM, ['version'], { env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
  } catch {
    terraformFound = false;
  }
  if (terraformFound) {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-tf-grid-'));
    const tfHome = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-tf-home-'));
    const tfDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-tf-config-'));
    const gfDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-gf-config-'));
    const cliConfig = path.join(tfHome, 'empty.tfrc');
    fs.writeFileSync(cliConfig, '');
    const env = {
      GRIDFORM_HOME: home,
      MNEMONIC: '',
      CHECKPOINT_DISABLE: '1',
      HOME: tfHome,
      TF_CLI_CONFIG_FILE: cliConfig,
      TF_IN_AUTOMATION: '1',
    };
    try {
      timed(process.execPath, [GRIDFORM, 'grid', 'up', '--port', '0', '--nodes', String(NODES), '--farms', '2'], gfDir, env);
      installMirror(tfHome, PLUGIN);
      fs.writeFileSync(path.join(tfDir, 'main.tf.json'), JSON.stringify(config('threefoldtech/grid')));
      fs.writeFileSync(path.join(gfDir, 'cdk.tf.json'), JSON.stringify(config('gridform/grid')));
      timed(TERRAFORM, ['init', '-no-color'], tfDir, env);
      const tfApply = timed(TERRAFORM, ['apply', '-auto-approve', '-no-color'], tfDir, env);
      const tfDestroy = timed(TERRAFORM, ['destroy', '-auto-approve', '-no-color'], tfDir, env);
      const gfApply = timed(process.execPath, [GRIDFORM, 'apply', '-auto-approve', '-no-color'], gfDir, env);
      const gfDestroy = timed(process.execPath, [GRIDFORM, 'destroy', '-auto-approve', '-no-color'], gfDir, env);
      const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x gridform`;
      rows.push([`terraform 1.11 + plugin: apply ${VMS} VMs over ${NODES} nodes`, `${tfApply.toFixed(2)} s`, ratio(tfApply, gfApply)]);
      rows.push([`gridform: apply ${VMS} VMs over ${NODES} nodes`, `${gfApply.toFixed(2)} s`, 'reference']);
      rows.push([`terraform 1.11 + plugin: destroy`, `${tfDestroy.toFixed(2)} s`, ratio(tfDestroy, gfDestroy)]);
      rows.push([`gridform: destroy`, `${gfDestroy.toFixed(2)} s`, 'reference']);
    } finally {
      spawnSync(process.execPath, [GRIDFORM, 'grid', 'down', '--purge'], { env: { ...process.env, ...env } });
      for (const d of [tfHome, tfDir, gfDir]) fs.rmSync(d, { recursive: true, force: true });
    }
  }
  const width = Math.max(...rows.map((r) => r[0].length));
  process.stdout.write(`\n${'terraform-provider-grid'.padEnd(width)}  measured   goal / reference\n`);
  process.stdout.write(`${'-'.repeat(width)}  ---------  ----------------\n`);
  for (const [what, measured, goal] of rows) process.stdout.write(`${what.padEnd(width)}  ${measured.padEnd(9)}  ${goal}\n`);
  if (!bundled) process.stdout.write(`no current bundle in ${PLUGIN_DIR} (npm run build makes it): the "after" rows are left out.\n`);
  if (!terraformFound) process.stdout.write(`terraform not found at ${TERRAFORM}: the terraform and gridform rows are left out.\n`);
}

void main();
