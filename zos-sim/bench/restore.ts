// npm run bench, zos-sim restore part: a node process holding 1,000 workloads (250 deployments of
// two disks and two 0-db namespaces, on real contracts) is killed with SIGKILL and started again
// on its data folder. Measured: the time from the new process's start until it serves again with
// every workload restored (its ready line), the restore step alone (as the node reports it), and
// a check that all 1,000 workloads are ok with the results they had. Goal (issue 19): <= 5 s.
import { spawn, type ChildProcess } from 'node:child_process';
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
  killed,
  readyLine,
  signDeployment,
  tftToUnits,
  type node,
} from '../../proto';

const DIST = path.resolve(__dirname, '..', '..');
const DEPLOYMENTS = 250;
const PER_DEPLOYMENT = 4;
const GOAL_SECONDS = 5;
const MiB = 2 ** 20;

function daemon(script: string, args: string[]): { proc: ChildProcess; output: () => string } {
  const proc = spawn(process.execPath, [path.join(DIST, script), ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  return { proc, output: () => out };
}

function deployment(twinId: number, i: number): node.Deployment {
  const disk = (k: number) => ({
    version: 0,
    name: `disk${k}`,
    type: 'zmount',
    data: JSON.stringify({ size: MiB * (i + 1) }),
    metadata: '',
    description: '',
  });
  const zdb = (k: number) => ({
    version: 0,
    name: `zdb${k}`,
    type: 'zdb',
    data: JSON.stringify({ size: MiB * (i + 1), mode: 'user', password: `pw${i}` }),
    metadata: '',
    description: '',
  });
  return {
    version: 0,
    twinId,
    contractId: 0,
    metadata: '',
    description: '',
    signatureRequirement: { requests: [{ twinId, required: false, weight: 1 }], weightRequired: 1, signatures: [] },
    workloads: [disk(1), disk(2), zdb(1), zdb(2)],
  };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-restore-'));
  const chainD = daemon('chain-sim/main.js', ['--data', path.join(dir, 'chain'), '--port', '0']);
  const procs: ChildProcess[] = [chainD.proc];
  const clients: { close(): void }[] = [];
  try {
    const chainAddress = (await readyLine(chainD.proc, CHAIN_READY, 'chain-sim'))[1];
    const chain = new ChainClient(chainAddress, { adminToken: fs.readFileSync(path.join(dir, 'chain', 'admin.token'), 'utf8').trim() });
    clients.push(chain);
    const user = keyPairFromSeed(Buffer.alloc(32, 91));
    await chain.fund(user.publicKey, tftToUnits('1000000'));
    const twinId = (await chain.submit(user, { createTwin: { relay: 'r' } })).createdIds[0];
    const farmId = (await chain.submit(user, { createFarm: { name: 'restore-bench', publicIps: [] } })).createdIds[0];
    const nodeArgs = [
      '--chain',
      chainAddress,
      '--farm',
      String(farmId),
      '--data',
      path.join(dir, 'node'),
      '--provision-ms',
      'zmount=0,zdb=0',
    ];
    const first = daemon('zos-sim/main.js', nodeArgs);
    procs.push(first.proc);
    const [, nodeIdText, address] = await readyLine(first.proc, NODE_READY, 'zos-sim');
    const nodeId = Number(nodeIdText);
    const deployments = Array.from({ length: DEPLOYMENTS }, (_, i) => deployment(twinId, i));
    const calls = deployments.map((d) => ({ createNodeContract: { nodeId, deploymentHash: deploymentHashHex(d), publicIps: 0 } }));
    const ids = (await chain.submit(user, { batchAll: { calls } })).createdIds;
    deployments.forEach((d, k) => (d.contractId = ids[k]));
    const signer = { twinId, key: user, nodeId };
    const before = new NodeClient(address, { signer });
    clients.push(before);
    await Promise.all(deployments.map((d) => before.deploy(signDeployment(d, twinId, user))));
    const allOk = async (c: NodeClient) => (await c.list(twinId)).flatMap((d) => d.workloads).filter((w) => w.result?.state === 'ok');
    while ((await allOk(before)).length < DEPLOYMENTS * PER_DEPLOYMENT) await new Promise((r) => setTimeout(r, 100));
    const results = JSON.stringify((await before.list(twinId)).map((d) => d.workloads.map((w) => w.result)));

    await killed(first.proc, 'SIGKILL');
    const started = process.hrtime.bigint();
    const second = daemon('zos-sim/main.js', nodeArgs);
    procs.push(second.proc);
    const [, , again] = await readyLine(second.proc, NODE_READY, 'zos-sim');
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const summary = /restored (\d+) of (\d+) workloads \((\d+) deployments\) in (\d+) ms/.exec(second.output());
    const after = new NodeClient(again, { signer });
    clients.push(after);
    const ok = (await allOk(after)).length;
    const same = JSON.stringify((await after.list(twinId)).map((d) => d.workloads.map((w) => w.result))) === results;
    const rows = [
      [
        `${ok} of ${DEPLOYMENTS * PER_DEPLOYMENT} workloads back after SIGKILL (start to serving)`,
        `${seconds.toFixed(2)} s`,
        `<= ${GOAL_SECONDS} s`,
        seconds <= GOAL_SECONDS && ok === DEPLOYMENTS * PER_DEPLOYMENT && same ? 'met' : 'MISSED',
      ],
      ['  the restore step alone (as the node reports it)', `${summary?.[4] ?? '?'} ms`, '', ''],
      ['  results identical to before the kill (nothing re-created)', same ? 'yes' : 'NO', 'yes', same ? 'met' : 'MISSED'],
    ];
    const widths = [0, 1, 2, 3].map((i) =>
      Math.max(...rows.map((r) => r[i].length), ['zos-sim restore', 'measured', 'goal', ''][i].length),
    );
    const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
    process.stdout.write(
      `\n${line(['zos-sim restore', 'measured', 'goal', ''])}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows
        .map(line)
        .join('\n')}\n`,
    );
    process.stdout.write('Start to serving includes starting Node, opening the store, registering on chain and reconciling with it.\n');
  } finally {
    clients.forEach((c) => c.close());
    for (const p of procs) await killed(p, 'SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
