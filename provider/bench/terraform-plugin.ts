// npm run bench, terraform part (issue 17): terraform 1.11 with terraform-provider-grid against
// gridform, each applying and destroying 50 VMs (one deployment each) over 10 nodes of a local
// grid; and the provider process's start-up time (terraform starts 3 to 4 per command; goal
// <= 250 ms each), as wall time to the handshake line and as CPU time the process used until then
// (the CPU figure holds on a busy machine, the wall figure does not).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeServerCertificate } from '../../engine/src/plugin-server/certificate';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../../engine/src/plugin-server/serve';
import { installMirror } from '../cli/provider-install';

const DIST = path.resolve(__dirname, '..', '..');
const GRIDFORM = path.join(DIST, 'provider', 'cli', 'main.js');
const PLUGIN = path.join(DIST, 'provider', 'plugin', 'main.js');
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

/** One start of the plugin as terraform starts it: wall ms to the handshake line, and CPU ms used by then. */
async function startOnce(clientCert: string): Promise<{ wallMs: number; cpuMs: number }> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [PLUGIN], {
    env: { ...process.env, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_CLIENT_CERT: clientCert, PLUGIN_PROTOCOL_VERSIONS: '5,6' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve) => child.stdout.once('data', resolve));
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  // utime and stime, in clock ticks (100 a second on Linux)
  const fields = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const cpuMs = (Number(fields[11]) + Number(fields[12])) * 10;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.on('close', resolve));
  return { wallMs, cpuMs };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  const clientCert = makeServerCertificate().certPem;
  const starts: { wallMs: number; cpuMs: number }[] = [];
  for (let i = 0; i < STARTS; i++) starts.push(await startOnce(clientCert));
  const rows: [string, string, string][] = [
    [
      `provider start-up, wall to handshake (median of ${STARTS})`,
      `${median(starts.map((s) => s.wallMs)).toFixed(0)} ms`,
      `<= ${STARTUP_GOAL_MS} ms`,
    ],
    [
      `provider start-up, CPU to handshake (median of ${STARTS})`,
      `${median(starts.map((s) => s.cpuMs)).toFixed(0)} ms`,
      `<= ${STARTUP_GOAL_MS} ms`,
    ],
  ];

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
  if (!terraformFound) process.stdout.write(`terraform not found at ${TERRAFORM}: the terraform and gridform rows are left out.\n`);
}

void main();
