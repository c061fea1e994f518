// A node daemon killed with SIGKILL in the middle of provisioning, then restarted on the same data
// folder: it serves the same deployments and finishes what was in flight (a separate process).
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NODE_READY, NodeClient, deploymentHashHex, killed, readyLine, signDeployment, type KeyPair, type node } from '../../proto';
import { startChainProcess, twinFor, type ChainProcess } from './chain-process';
import { networkAndVm } from './support/network-and-vm';

const ZOS_MAIN = path.resolve(__dirname, '../../dist/zos-sim/main.js');

jest.setTimeout(60_000);

describe('node crash and restart', () => {
  let chain: ChainProcess;
  let farmId: number;
  const dirs: string[] = [];
  const procs: ChildProcess[] = [];

  beforeAll(async () => {
    chain = await startChainProcess();
    const farmer = await twinFor(chain.client);
    farmId = (await chain.client.submit(farmer.key, { createFarm: { name: 'crash', publicIps: [] } })).createdIds[0];
  });
  afterAll(async () => {
    readers.forEach((r) => r.close());
    procs.forEach((p) => p.kill('SIGKILL'));
    await chain.stop();
    dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
  });

  /** Starts zos-sim on `dir`; resolves with its node id and a client once it says it is ready. */
  async function startNode(dir: string, ...extra: string[]): Promise<{ proc: ChildProcess; nodeId: number; client: NodeClient }> {
    const proc = spawn(
      process.execPath,
      [ZOS_MAIN, '--chain', chain.address, '--farm', String(farmId), '--data', dir, '--provision-ms', 'network=1,zmachine=1500', ...extra],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    procs.push(proc);
    const [, nodeId, address] = await readyLine(proc, NODE_READY, 'zos-sim');
    return { proc, nodeId: Number(nodeId), client: new NodeClient(address) };
  }

  /** Waits for a process that ends by itself (no signal sent). */
  const exited = (p: ChildProcess) =>
    new Promise<void>((resolve) => (p.exitCode !== null || p.signalCode ? resolve() : p.once('exit', () => resolve())));

  const deployment = (twinId: number): node.Deployment =>
    networkAndVm(twinId, { ipRange: '10.60.0.0/16', keyByte: 3, wireguardPort: 3500 });

  const readers = new Map<string, NodeClient>();
  /** A client of a started node that signs as `user`: the node answers reads to the owner only. */
  function reader(n: { nodeId: number; client: NodeClient }, user: { twinId: number; key: KeyPair }): NodeClient {
    const id = `${n.client.address}/${user.twinId}`;
    if (!readers.has(id))
      readers.set(id, new NodeClient(n.client.address, { signer: { twinId: user.twinId, key: user.key, nodeId: n.nodeId } }));
    return readers.get(id)!;
  }

  async function states(client: NodeClient, twinId: number, contractId: number): Promise<string[]> {
    return (await client.get(twinId, contractId)).workloads.map((w) => w.result?.state ?? '');
  }

  it('SIGKILL while a VM provisions: after restart the deployment is there and the VM finishes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zos-crash-'));
    dirs.push(dir);
    const first = await startNode(dir);
    const user = await twinFor(chain.client);
    const d = deployment(user.twinId);
    d.contractId = (
      await chain.client.submit(user.key, {
        createNodeContract: { nodeId: first.nodeId, deploymentHash: deploymentHashHex(d), publicIps: 0 },
      })
    ).createdIds[0];
    await first.client.deploy(signDeployment(d, user.twinId, user.key));
    while ((await states(reader(first, user), user.twinId, d.contractId))[0] !== 'ok') await new Promise((r) => setTimeout(r, 20));
    expect(await states(reader(first, user), user.twinId, d.contractId)).toEqual(['ok', 'init']);
    await killed(first.proc);
    first.client.close();

    const second = await startNode(dir);
    expect(second.nodeId).toBe(first.nodeId);
    expect((await states(reader(second, user), user.twinId, d.contractId))[0]).toBe('ok');
    while ((await states(reader(second, user), user.twinId, d.contractId))[1] === 'init') await new Promise((r) => setTimeout(r, 50));
    expect(await states(reader(second, user), user.twinId, d.contractId)).toEqual(['ok', 'ok']);
    const vm = JSON.parse((await reader(second, user).get(user.twinId, d.contractId)).workloads[1].result!.data) as { ip: string };
    expect(vm.ip).toBe('10.60.2.2');
    second.client.close();
    await killed(second.proc, 'SIGTERM');
  });

  it('a node told to crash after its first deploy dies before answering, and provisions it after restart', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zos-crash-'));
    dirs.push(dir);
    const first = await startNode(dir, '--crash-after-deploys', '1');
    const user = await twinFor(chain.client);
    const d = deployment(user.twinId);
    d.contractId = (
      await chain.client.submit(user.key, {
        createNodeContract: { nodeId: first.nodeId, deploymentHash: deploymentHashHex(d), publicIps: 0 },
      })
    ).createdIds[0];
    await expect(first.client.deploy(signDeployment(d, user.twinId, user.key))).rejects.toThrow();
    await exited(first.proc);
    expect(first.proc.signalCode).toBe('SIGKILL');
    first.client.close();
    const second = await startNode(dir);
    while ((await states(reader(second, user), user.twinId, d.contractId)).includes('init')) await new Promise((r) => setTimeout(r, 50));
    expect(await states(reader(second, user), user.twinId, d.contractId)).toEqual(['ok', 'ok']);
    second.client.close();
    await killed(second.proc, 'SIGTERM');
  });
});
