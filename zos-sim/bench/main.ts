// npm run bench, zos-sim part: deployments accepted per second by one node process (signed
// deployments on real contracts, sent 128 at a time over gRPC by a lean load generator, and again
// by NodeClient for comparison), and the time until a local grid of 1,000 nodes is ready
// (`gridform grid up --nodes 1000`). Goals (issue 4): at least 2,000 deployments per second per
// node process; 1,000 nodes ready in at most 10 s.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CHAIN_READY,
  ChainClient,
  NODE_READY,
  NodeClient,
  deploymentHashHex,
  keyPairFromSeed,
  readyLine,
  signDeployment,
  tftToUnits,
  type node,
} from '../../proto';
import { deployRequests, sendUnary } from './grpc-load';

const DIST = path.resolve(__dirname, '..', '..');
const DEPLOYS = Number(process.env.BENCH_NODE_DEPLOYS ?? 4000);
const GRID_NODES = Number(process.env.BENCH_GRID_NODES ?? 1000);
const IN_FLIGHT = 128;
/**
 * The first deployments a node process takes are slower (its code is not compiled yet): they are
 * timed apart, and the rounds after them give the steady rate.
 */
const WARM_UP = 2000;

async function daemon(script: string, args: string[], ready: RegExp): Promise<{ proc: ChildProcess; match: RegExpExecArray }> {
  const proc = spawn(process.execPath, [path.join(DIST, script), ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
  return { proc, match: await readyLine(proc, ready, script) };
}

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface Rate {
  wall: number;
  perCpuSecond: number;
}

/** Deployments accepted per second (and per CPU second of the node process) while `send` runs. */
async function timed(nodePid: number, count: number, send: () => Promise<void>): Promise<Rate> {
  const cpuBefore = cpuSeconds(nodePid);
  const started = process.hrtime.bigint();
  await send();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { wall: count / seconds, perCpuSecond: count / (cpuSeconds(nodePid) - cpuBefore) };
}

/**
 * Signed deployments on fresh contracts to one node process: WARM_UP of them, then DEPLOYS by
 * the lean load generator (the node's steady rate), then DEPLOYS by NodeClient, grpc-js as the
 * provider sends them.
 */
async function deploysPerSecond(): Promise<{ cold: Rate; lean: Rate; grpcJs: Rate }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-node-'));
  const chainD = await daemon('chain-sim/main.js', ['--data', path.join(dir, 'chain'), '--port', '0'], CHAIN_READY);
  const chain = new ChainClient(chainD.match[1], { adminToken: fs.readFileSync(path.join(dir, 'chain', 'admin.token'), 'utf8').trim() });
  let nodeD: { proc: ChildProcess } | undefined;
  try {
    const user = keyPairFromSeed(Buffer.alloc(32, 77));
    await chain.fund(user.publicKey, tftToUnits('1000000'));
    const twinId = (await chain.submit(user, { createTwin: { relay: 'r' } })).createdIds[0];
    const farmId = (await chain.submit(user, { createFarm: { name: 'bench', publicIps: [] } })).createdIds[0];
    const n = await daemon(
      'zos-sim/main.js',
      ['--chain', chainD.match[1], '--farm', String(farmId), '--data', path.join(dir, 'node'), '--profile', 'large'],
      NODE_READY,
    );
    nodeD = n;
    const nodeId = Number(n.match[1]);
    const deployments: node.Deployment[] = Array.from({ length: WARM_UP + 2 * DEPLOYS }, (_, i) => ({
      version: 0,
      twinId,
      contractId: 0,
      metadata: '',
      description: '',
      signatureRequirement: { requests: [{ twinId, required: false, weight: 1 }], weightRequired: 1, signatures: [] },
      workloads: [{ version: 0, name: 'disk', type: 'zmount', data: JSON.stringify({ size: 2 ** 20 + i }), metadata: '', description: '' }],
    }));
    for (let start = 0; start < deployments.length; start += 500) {
      const batch = deployments.slice(start, start + 500);
      const ids = (
        await chain.submit(user, {
          batchAll: { calls: batch.map((d) => ({ createNodeContract: { nodeId, deploymentHash: deploymentHashHex(d), publicIps: 0 } })) },
        })
      ).createdIds;
      batch.forEach((d, k) => (d.contractId = ids[k]));
    }
    const signed = deployments.map((d) => signDeployment(d, twinId, user));
    const client = new NodeClient(n.match[2]);
    const viaClient = async (batch: node.Deployment[]) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: IN_FLIGHT }, async () => {
          while (next < batch.length) await client.deploy(batch[next++]);
        }),
      );
    };
    const send = (requests: Buffer[]) => () => sendUnary(n.match[2], '/gridform.node.Node/Deploy', requests, IN_FLIGHT);
    const cold = await timed(n.proc.pid!, WARM_UP, send(deployRequests(signed.slice(0, WARM_UP))));
    const lean = await timed(n.proc.pid!, DEPLOYS, send(deployRequests(signed.slice(WARM_UP, WARM_UP + DEPLOYS))));
    await client.version(); // connected before the clock starts
    const grpcJs = await timed(n.proc.pid!, DEPLOYS, () => viaClient(signed.slice(WARM_UP + DEPLOYS)));
    client.close();
    return { cold, lean, grpcJs };
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
    const up = spawnSync(process.execPath, [launcher, 'up', '--data', dir, '--nodes', String(GRID_NODES), '--farms', '10', '--port', '0'], {
      encoding: 'utf8',
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (up.status !== 0) throw new Error(`grid up failed: ${up.stderr}`);
    return seconds;
  } finally {
    spawnSync(process.execPath, [launcher, 'down', '--data', dir, '--purge']);
  }
}

async function main(): Promise<void> {
  const { cold, lean, grpcJs } = await deploysPerSecond();
  const ready = gridReadySeconds();
  const rows = [
    [
      'deployments accepted per second, one node process',
      `${Math.round(lean.wall)} /s`,
      '>= 2,000 /s',
      lean.wall >= 2000 ? 'met' : 'MISSED',
    ],
    ['  per CPU second of the node process (both threads)', `${Math.round(lean.perCpuSecond)} /s`, '', ''],
    [`  the first ${WARM_UP} after the node started`, `${Math.round(cold.wall)} /s`, '', ''],
    ['  sent with NodeClient (grpc-js), as the provider does', `${Math.round(grpcJs.wall)} /s`, '', ''],
    [`local grid of ${GRID_NODES} nodes ready (grid up)`, `${ready.toFixed(2)} s`, '<= 10 s', ready <= 10 ? 'met' : 'MISSED'],
  ];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length), ['zos-sim', 'measured', 'goal', ''][i].length));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  process.stdout.write(
    `\n${line(['zos-sim', 'measured', 'goal', ''])}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n`,
  );
  process.stdout.write(
    `Deployments are signed before the clock starts and sent ${IN_FLIGHT} at a time; ` +
      `the sender shares the machine's ${os.availableParallelism()} cores with the node and the chain.\n`,
  );
}

void main();
