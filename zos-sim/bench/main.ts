// npm run bench, zos-sim part: deployments accepted per second by one node process (signed
// deployments on real contracts, sent 128 at a time over gRPC), and the time until a local grid
// of 1,000 nodes is ready (`gridform grid up --nodes 1000`). Goals (issue 4): at least 2,000
// deployments per second per node process; 1,000 nodes ready in at most 10 s.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChainClient, NodeClient, deploymentHashHex, keyPairFromSeed, signDeployment, tftToUnits, type node } from '../../proto';

const DIST = path.resolve(__dirname, '..', '..');
const DEPLOYS = Number(process.env.BENCH_NODE_DEPLOYS ?? 4000);
const GRID_NODES = Number(process.env.BENCH_GRID_NODES ?? 1000);
const IN_FLIGHT = 128;

function daemon(script: string, args: string[], ready: RegExp): Promise<{ proc: ChildProcess; match: RegExpExecArray }> {
  const proc = spawn(process.execPath, [path.join(DIST, script), ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      const m = ready.exec((out += d.toString()));
      if (m) resolve({ proc, match: m });
    });
    proc.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function deploysPerSecond(): Promise<{ wall: number; perCpuSecond: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-node-'));
  const chainD = await daemon('chain-sim/main.js', ['--data', path.join(dir, 'chain'), '--port', '0'], /chain-sim ready on (\S+)/);
  const chain = new ChainClient(chainD.match[1]);
  let nodeD: { proc: ChildProcess } | undefined;
  try {
    const user = keyPairFromSeed(Buffer.alloc(32, 77));
    await chain.fund(user.publicKey, tftToUnits('1000000'));
    const twinId = (await chain.submit(user, { createTwin: { relay: 'r' } })).createdIds[0];
    const farmId = (await chain.submit(user, { createFarm: { name: 'bench', publicIps: [] } })).createdIds[0];
    const n = await daemon('zos-sim/main.js', ['--chain', chainD.match[1], '--farm', String(farmId), '--data', path.join(dir, 'node'), '--profile', 'large'], /zos-sim node (\d+) ready on (\S+)/);
    nodeD = n;
    const nodeId = Number(n.match[1]);
    const deployments: node.Deployment[] = Array.from({ length: DEPLOYS }, (_, i) => ({
      version: 0, twinId, contractId: 0, metadata: '', description: '',
      signatureRequirement: { requests: [{ twinId, required: false, weight: 1 }], weightRequired: 1, signatures: [] },
      workloads: [{ version: 0, name: 'disk', type: 'zmount', data: JSON.stringify({ size: 2 ** 20 + i }), metadata: '', description: '' }],
    }));
    for (let start = 0; start < DEPLOYS; start += 500) {
      const batch = deployments.slice(start, start + 500);
      const ids = (await chain.submit(user, { batchAll: { calls: batch.map((d) => ({ createNodeContract: { nodeId, deploymentHash: deploymentHashHex(d), publicIps: 0 } })) } })).createdIds;
      batch.forEach((d, k) => (d.contractId = ids[k]));
    }
    const signed = deployments.map((d) => signDeployment(d, twinId, user));
    const client = new NodeClient(n.match[2]);
    let next = 0;
    const cpuBefore = cpuSeconds(n.proc.pid!);
    const started = process.hrtime.bigint();
    await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
      while (next < signed.length) await client.deploy(signed[next++]);
    }));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = cpuSeconds(n.proc.pid!) - cpuBefore;
    client.close();
    return { wall: DEPLOYS / seconds, perCpuSecond: DEPLOYS / cpu };
  } finally {
    chain.close();
    nodeD?.proc.kill('SIGKILL');
    chainD.proc.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function gridReadySeconds(): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-grid-'));
  const launcher = path.join(DIST, 'zos-sim', 'launcher', 'main.js');
  try {
    const started = process.hrtime.bigint();
    const up = spawnSync(process.execPath, [launcher, 'up', '--data', dir, '--nodes', String(GRID_NODES), '--farms', '10', '--port', '0'], { encoding: 'utf8' });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (up.status !== 0) throw new Error(`grid up failed: ${up.stderr}`);
    return seconds;
  } finally {
    spawnSync(process.execPath, [launcher, 'down', '--data', dir, '--purge']);
  }
}

async function main(): Promise<void> {
  const rate = await deploysPerSecond();
  const ready = gridReadySeconds();
  const rows = [
    ['deployments accepted per second, one node process', `${Math.round(rate.wall)} /s`, '>= 2,000 /s', rate.wall >= 2000 ? 'met' : 'MISSED'],
    ['  the same per CPU second of the node process', `${Math.round(rate.perCpuSecond)} /s`, '', ''],
    [`local grid of ${GRID_NODES} nodes ready (grid up)`, `${ready.toFixed(2)} s`, '<= 10 s', ready <= 10 ? 'met' : 'MISSED'],
  ];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length), ['zos-sim', 'measured', 'goal', ''][i].length));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  process.stdout.write(`\n${line(['zos-sim', 'measured', 'goal', ''])}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n`);
  process.stdout.write(`The client signing and sending (${IN_FLIGHT} in flight) shares the machine's cores with the node and the chain.\n`);
}

void main();
