// Any failure during apply of a grid_deployment leaves the chain and the nodes as they were
// before that apply: no contract, no reserved public IP, no workload. Failures are injected on
// purpose by node daemons started with zos-sim's fault flags: a workload that ends in error, a
// node that dies before answering the deployment, a node too slow for the provider's timeout,
// and a contract the chain refuses.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChainClient, NODE_READY, readyLine } from '../../../proto';
import { gridform, readGrid, REPO, devNodeClient } from './cli';

jest.setTimeout(240_000);

const ZOS = path.join(REPO, 'dist', 'zos-sim', 'main.js');

describe('rollback of failed applies on a local grid', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-rollback-'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-rollback-stack-'));
  const daemons: ChildProcess[] = [];
  const faulty: Record<string, { id: number; address: string }> = {};
  let chain: ChainClient;

  const doc = (nodes: number[], deployment?: { node: number }) => ({
    terraform: { required_providers: { grid: { source: 'gridform/grid' } } },
    provider: { grid: [{ network: 'local', timeout_seconds: 3 }] },
    resource: {
      grid_network: { net: { name: 'faults', nodes, ip_range: '10.70.0.0/16' } },
      ...(deployment
        ? {
            grid_deployment: {
              vm: {
                node: deployment.node,
                network_name: '${grid_network.net.name}',
                vms: [{ name: 'web', flist: 'https://hub/base.flist', cpu: 1, memory: 512, publicip: true }],
              },
            },
          }
        : {}),
    },
  });
  const run = (...args: string[]) => gridform(['-no-color', ...args], { cwd: dir, home });
  const write = (d: unknown) => fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(d));

  /** What a failed apply must not change: live contracts, free public IPs, deployments on the nodes. */
  async function snapshot(): Promise<unknown> {
    const grid = readGrid(home);
    const contracts = (await chain.contracts({ twinId: grid.devAccount.twinId }))
      .filter((c) => c.state !== 'Deleted')
      .map((c) => c.id)
      .sort();
    const farm = await chain.farm(grid.nodes[0].farmId);
    const freeIps = farm.publicIps.filter((ip) => !Number(ip.contractId)).length;
    const workloads: Record<string, string[]> = {};
    for (const [name, n] of Object.entries(faulty)) {
      const client = devNodeClient(grid, n);
      workloads[name] = (await client.list(grid.devAccount.twinId))
        .flatMap((d) => d.workloads.filter((w) => w.result?.state !== 'deleted').map((w) => `${d.contractId}/${w.name}`))
        .sort();
      client.close();
    }
    return { contracts, freeIps, workloads };
  }

  /** The node side follows the chain's events: give it a moment to act on the cancellation. */
  async function settledSnapshot(expected: unknown): Promise<unknown> {
    const deadline = Date.now() + 10_000;
    let now = await snapshot();
    while (JSON.stringify(now) !== JSON.stringify(expected) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      now = await snapshot();
    }
    return now;
  }

  async function startFaultyNode(name: string, ...flags: string[]): Promise<void> {
    const grid = readGrid(home);
    const proc = spawn(
      process.execPath,
      [ZOS, '--chain', grid.chain.address, '--farm', String(grid.nodes[0].farmId), '--data', path.join(home, `faulty-${name}`), ...flags],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    daemons.push(proc);
    const [, id, address] = await readyLine(proc, NODE_READY, `zos-sim ${name}`);
    faulty[name] = { id: Number(id), address };
  }

  beforeAll(async () => {
    expect((await gridform(['grid', 'up', '--port', '0', '--nodes', '1'], { home })).code).toBe(0);
    chain = new ChainClient(readGrid(home).chain.address);
    await startFaultyNode('error', '--fail', 'type=zmachine');
    await startFaultyNode('slow', '--provision-ms', 'zmachine=600000');
    await startFaultyNode('dies', '--crash-after-deploys', '2'); // the network's deployment is the first
    write(doc(Object.values(faulty).map((n) => n.id)));
    const apply = await run('apply', '-auto-approve');
    expect(apply.stderr).toBe('');
  });
  afterAll(async () => {
    daemons.forEach((d) => d.kill('SIGKILL'));
    chain.close();
    await gridform(['grid', 'down', '--purge'], { home });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['a workload that ends in error', 'error', 'workload web (zmachine) failed'],
    ['a node too slow for timeout_seconds', 'slow', 'timed out after 3s'],
    ['a node that dies before answering the deployment', 'dies', 'is unreachable (connection lost) (Deploy of contract'],
  ])('%s: the apply fails naming it, and leaves no contract, IP or workload behind', async (_what, name, message) => {
    const before = await snapshot();
    write(
      doc(
        Object.values(faulty).map((n) => n.id),
        { node: faulty[name].id },
      ),
    );
    const apply = await run('apply', '-auto-approve');
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain(message);
    expect(apply.stderr).toContain('grid_deployment.vm');
    if (name === 'dies') {
      // the node died holding the deployment; started again, it finds the contract cancelled and removes it
      const proc = daemons.find((d) => d.exitCode !== null || d.signalCode)!;
      expect(proc.signalCode).toBe('SIGKILL');
      await startFaultyNode('dies');
    }
    expect(await settledSnapshot(before)).toEqual(before);
  });

  it('a contract the chain refuses (a node that does not exist) creates nothing', async () => {
    const before = await snapshot();
    write(
      doc(
        Object.values(faulty).map((n) => n.id),
        { node: 999 },
      ),
    );
    const apply = await run('apply', '-auto-approve');
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain('node 999');
    expect(await settledSnapshot(before)).toEqual(before);
  });

  it('a twin whose balance does not pay for an hour is told so before any contract exists', async () => {
    const poor = JSON.parse((await gridform(['account', 'create', '--fund', '0.000001', '--json'], { home })).stdout) as {
      mnemonic: string;
      twinId: number;
    };
    const own = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-poor-'));
    try {
      fs.writeFileSync(
        path.join(own, 'cdk.tf.json'),
        JSON.stringify({
          terraform: { required_providers: { grid: { source: 'gridform/grid' } } },
          provider: { grid: [{ network: 'local' }] },
          resource: { grid_deployment: { data: { node: readGrid(home).nodes[0].id, disks: [{ name: 'data', size: 500 }] } } },
        }),
      );
      const apply = await gridform(['-no-color', 'apply', '-auto-approve'], { cwd: own, home, env: { MNEMONIC: poor.mnemonic } });
      expect(apply.code).toBe(1);
      expect(apply.stderr).toMatch(/your balance of [\d.]+ TFT does not pay for one hour of this deployment/);
      expect(await chain.contracts({ twinId: poor.twinId })).toEqual([]);
    } finally {
      fs.rmSync(own, { recursive: true, force: true });
    }
  });
});
