// Acceptance 2 of issue 12, by hand: `node dist/zos-sim/bench/chain-outage.js`. A local grid of
// 50 nodes (its own data folder and ports), a 60 s chain outage (SIGKILL, then `gridform grid up`
// restarts the chain on its data folder and port, as after a crash; or with BENCH_OUTAGE_MODE=stop,
// SIGSTOP then SIGCONT), the RSS of the chain and node processes before, during and after, and the
// time from the chain's return until an apply of a small stack succeeds. Goals: applies served
// within 10 s of the chain's return; no process past 2x its memory before the outage. Runs the
// built CLI as a user would (zos-sim imports no provider).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const DIST = path.resolve(__dirname, '..', '..');
const GRIDFORM = path.join(DIST, 'provider', 'cli', 'main.js');
const NODES = Number(process.env.BENCH_OUTAGE_NODES ?? 50);
const OUTAGE_S = Number(process.env.BENCH_OUTAGE_SECONDS ?? 60);
const SETTLE_S = 30;
/** kill: SIGKILL, then grid up restarts the chain (a crash); stop: SIGSTOP, then SIGCONT (a frozen chain) */
const MODE = process.env.BENCH_OUTAGE_MODE === 'stop' ? 'stop' : 'kill';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-outage-'));
const stack = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-outage-stack-'));

function gridform(...args: string[]): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, [GRIDFORM, '-no-color', ...args], {
    cwd: stack,
    env: { ...process.env, GRIDFORM_HOME: home, MNEMONIC: '' },
    encoding: 'utf8',
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

function grid(): { chain: { pid: number }; nodes: { pid: number }[] } {
  return JSON.parse(fs.readFileSync(path.join(home, 'grid.json'), 'utf8'));
}

function rssMiB(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : 0;
  } catch {
    return 0; // gone
  }
}

/** RSS in MiB: the chain, and each node process (hosted nodes share one). */
function sample(): { chain: number; nodes: number[] } {
  const g = grid();
  return { chain: rssMiB(g.chain.pid), nodes: [...new Set(g.nodes.map((n) => n.pid))].map(rssMiB) };
}

function writeStack(name: string): void {
  fs.writeFileSync(
    path.join(stack, 'cdk.tf.json'),
    JSON.stringify({
      terraform: { required_providers: { grid: { source: 'gridform/grid' } } },
      provider: { grid: [{ network: 'local' }] },
      resource: {
        grid_network: { net: { name, nodes: [1], ip_range: '10.90.0.0/16' } },
        grid_deployment: {
          vm: {
            node: 1,
            network_name: '${grid_network.net.name}',
            vms: [{ name: 'web', flist: 'https://hub/base.flist', cpu: 1, memory: 512 }],
          },
        },
      },
    }),
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const up = gridform('grid', 'up', '--port', '0', '--nodes', String(NODES));
  if (up.code !== 0) throw new Error(`grid up failed: ${up.out}`);
  writeStack('before');
  if (gridform('apply', '-auto-approve').code !== 0) throw new Error('the first apply failed');
  if (gridform('destroy', '-auto-approve').code !== 0) throw new Error('the first destroy failed');
  await sleep(5000);
  const before = sample();
  const peak = { chain: before.chain, nodes: [...before.nodes] };
  const note = (s: { chain: number; nodes: number[] }) => {
    peak.chain = Math.max(peak.chain, s.chain);
    s.nodes.forEach((n, i) => (peak.nodes[i] = Math.max(peak.nodes[i] ?? 0, n)));
  };
  const logsBefore = logLines();

  const chainPid = grid().chain.pid;
  process.kill(chainPid, MODE === 'stop' ? 'SIGSTOP' : 'SIGKILL');
  for (let t = 0; t < OUTAGE_S; t += 5) {
    await sleep(5000);
    note(sample());
  }
  const during = sample();
  const back = Date.now();
  if (MODE === 'stop') process.kill(chainPid, 'SIGCONT');
  const restart = MODE === 'stop' ? { code: 0, out: '' } : gridform('grid', 'up');
  if (restart.code !== 0) throw new Error(`grid up after the outage failed: ${restart.out}`);
  const chainUp = (Date.now() - back) / 1000;
  writeStack('after');
  let served = NaN;
  let attempts = 0;
  let firstFailure = '';
  while (Date.now() - back < 120_000) {
    attempts++;
    const apply = gridform('apply', '-auto-approve');
    if (apply.code === 0) {
      served = (Date.now() - back) / 1000;
      break;
    }
    firstFailure ||= apply.out
      .split('\n')
      .filter((l) => /Error|unreachable|refused/.test(l))
      .slice(0, 2)
      .join(' | ');
  }
  for (let t = 0; t < SETTLE_S; t += 5) {
    await sleep(5000);
    note(sample());
  }
  const after = sample();
  gridform('destroy', '-auto-approve');
  const outageLines = logLines() - logsBefore;

  const growth = Math.max(peak.chain / before.chain, ...peak.nodes.map((p, i) => p / before.nodes[i]));
  const rows = [
    [
      'chain RSS MiB (before / end of outage / peak / after)',
      `${before.chain} / ${during.chain} (${MODE === 'stop' ? 'stopped' : 'killed'}) / ${peak.chain} / ${after.chain}`,
      '',
    ],
    ...before.nodes.map((b, i) => [
      `node process ${i + 1} RSS MiB (before / end of outage / peak / after)`,
      `${b} / ${during.nodes[i]} / ${peak.nodes[i]} / ${after.nodes[i]}`,
      '',
    ]),
    ['largest growth over before (peak / before)', `${growth.toFixed(2)}x`, 'at most 2x'],
    [MODE === 'stop' ? 'chain back (SIGCONT), s' : 'chain back (grid up restarted it), s', chainUp.toFixed(1), ''],
    ['first apply served after the chain came back, s', `${served.toFixed(1)} (${attempts} attempt(s))`, 'at most 10 s'],
    ['log lines written by all daemons during outage and recovery', String(outageLines), ''],
  ];
  process.stdout.write(`chain outage (${MODE}) of ${OUTAGE_S} s on a ${NODES}-node grid (${home})\n`);
  for (const [what, value, goal] of rows) process.stdout.write(`  ${what.padEnd(72)} ${value.padEnd(36)} ${goal}\n`);
  if (firstFailure) process.stdout.write(`  the first failed apply after the return said: ${firstFailure}\n`);
}

function logLines(): number {
  const dir = path.join(home, 'logs');
  return fs.readdirSync(dir).reduce((sum, f) => sum + fs.readFileSync(path.join(dir, f), 'utf8').split('\n').length - 1, 0);
}

main()
  .catch((err) => process.stderr.write(`chain-outage bench: ${(err as Error).message}\n`))
  .finally(() => {
    gridform('grid', 'down', '--purge');
    fs.rmSync(stack, { recursive: true, force: true });
  });
