// A node daemon (a real process) stopped, killed and upgraded on the same data folder: it reports
// uptime and its version to the chain, brings its workloads back with their state and results
// (nothing provisioned again), reports a workload whose type the new version removed, and refuses
// a version that does not exist without touching anything.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NODE_READY, NodeClient, deploymentHashHex, killed, readyLine, signDeployment, type node } from '../../proto';
import { startChainProcess, twinFor, type ChainProcess } from './chain-process';
import { networkAndVm } from './support/network-and-vm';

const ZOS_MAIN = path.resolve(__dirname, '../../dist/zos-sim/main.js');

jest.setTimeout(90_000);

describe('node restart and upgrade', () => {
  let chain: ChainProcess;
  let farmId: number;
  const dirs: string[] = [];
  const procs: ChildProcess[] = [];
  const clients: NodeClient[] = [];

  beforeAll(async () => {
    chain = await startChainProcess();
    const farmer = await twinFor(chain.client);
    farmId = (await chain.client.submit(farmer.key, { createFarm: { name: 'upgrades', publicIps: [] } })).createdIds[0];
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    procs.forEach((p) => p.kill('SIGKILL'));
    await chain.stop();
    dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
  });

  async function startNode(dir: string, ...extra: string[]) {
    const proc = spawn(
      process.execPath,
      [ZOS_MAIN, '--chain', chain.address, '--farm', String(farmId), '--data', dir, '--provision-ms', 'zmachine=1', ...extra],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    procs.push(proc);
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    const [, nodeId, address] = await readyLine(proc, NODE_READY, 'zos-sim');
    return { proc, nodeId: Number(nodeId), address, output: () => out };
  }

  /** The network and VM, and a zlogs workload: a type version 0.2.0-lite removes. */
  function deployment(twinId: number): node.Deployment {
    const d = networkAndVm(twinId, { ipRange: '10.70.0.0/16', keyByte: 4, wireguardPort: 3600 });
    const logs = { zmachine: 'vm', output: 'ws://logs.example/vm' };
    return { ...d, workloads: [...(d.workloads ?? []), { version: 0, name: 'logs', type: 'zlogs', data: JSON.stringify(logs) }] };
  }

  it('keeps every workload across SIGKILL and upgrades, reports its version, and reports a type the new version removed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zos-upgrade-'));
    dirs.push(dir);
    const first = await startNode(dir);
    expect(first.output()).toMatch(`node ${first.nodeId} ready on ${first.address} version 0.1.0`);
    const user = await twinFor(chain.client);
    const d = deployment(user.twinId);
    d.contractId = (
      await chain.client.submit(user.key, {
        createNodeContract: { nodeId: first.nodeId, deploymentHash: deploymentHashHex(d), publicIps: 0 },
      })
    ).createdIds[0];
    const signer = { twinId: user.twinId, key: user.key, nodeId: first.nodeId };
    const client1 = new NodeClient(first.address, { signer });
    clients.push(client1);
    await client1.deploy(signDeployment(d, user.twinId, user.key));
    while ((await client1.get(user.twinId, d.contractId)).workloads.some((w) => w.result?.state !== 'ok'))
      await new Promise((r) => setTimeout(r, 20));
    const before = await client1.get(user.twinId, d.contractId);
    const changesBefore = (await client1.changes(user.twinId, d.contractId)).length;
    await waitFor(async () => (await chain.client.node(first.nodeId)).version === '0.1.0');
    expect(await chain.client.node(first.nodeId)).toMatchObject({ status: 'up', version: '0.1.0' });

    await killed(first.proc);
    const second = await startNode(dir, '--zos-version', '0.2.0');
    expect(second.nodeId).toBe(first.nodeId);
    expect(second.output()).toMatch(`zos-sim node ${first.nodeId} restored 3 of 3 workloads (1 deployments)`);
    const client2 = new NodeClient(second.address, { signer });
    clients.push(client2);
    expect(await client2.get(user.twinId, d.contractId)).toEqual(before);
    // nothing was provisioned again: no new state change was recorded
    expect(await client2.changes(user.twinId, d.contractId)).toHaveLength(changesBefore);
    await waitFor(async () => (await chain.client.node(first.nodeId)).version === '0.2.0');
    expect((await client2.version()).zos).toBe('zos-sim 0.2.0');

    await killed(second.proc, 'SIGTERM');
    const third = await startNode(dir, '--zos-version', '0.2.0-lite');
    expect(third.output()).toMatch(
      /restored 2 of 3 workloads .*not restored: contract \d+ logs \(zlogs\): workload type zlogs is not run by zos-sim 0.2.0-lite/,
    );
    const client3 = new NodeClient(third.address, { signer });
    clients.push(client3);
    const after = await client3.get(user.twinId, d.contractId);
    expect(after.workloads.map((w) => [w.name, w.result?.state])).toEqual([
      ['net', 'ok'],
      ['vm', 'ok'],
      ['logs', 'error'],
    ]);
    expect(after.workloads[2].result?.message).toMatch(
      'not restored after restart: workload type zlogs is not run by zos-sim 0.2.0-lite (this version removed it)',
    );
    expect(after.workloads.slice(0, 2)).toEqual(before.workloads.slice(0, 2));
    await killed(third.proc, 'SIGTERM');

    // a version that does not exist: refused before anything is opened or changed
    const bad = spawn(
      process.execPath,
      [ZOS_MAIN, '--chain', chain.address, '--farm', String(farmId), '--data', dir, '--zos-version', '9.9'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let err = '';
    bad.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    const code = await new Promise<number | null>((resolve) => bad.on('exit', resolve));
    expect(code).toBe(2);
    expect(err).toMatch('zos-sim has no version "9.9": the versions are 0.1.0, 0.2.0, 0.2.0-lite');
    const again = await startNode(dir);
    expect(again.output()).toMatch('version 0.2.0-lite');
    await killed(again.proc, 'SIGTERM');
  });
});

async function waitFor(ok: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
