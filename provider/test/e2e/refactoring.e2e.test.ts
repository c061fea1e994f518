// Refactoring a stack on a local grid without touching what runs: adding count = 1 to a
// deployment moves it to [0] and taking count away moves it back (the moves terraform implies),
// with the same contract throughout; a removed block with destroy = false then drops it from
// the state while its contract stays live on the chain and its workloads stay on the node.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChainClient } from '../../../proto';
import { devNodeClient, gridform, readGrid } from './cli';

jest.setTimeout(240_000);

type Shape = 'single' | 'counted' | 'removed';

function stack(shape: Shape): unknown {
  const vm = {
    name: 'web',
    flist: 'https://hub.grid.tf/tf-official-apps/base:latest.flist',
    cpu: 1,
    memory: 1024,
    rootfs_size: 1024,
    entrypoint: '/sbin/zinit init',
  };
  const deployment = {
    node: 1,
    name: 'refactor',
    network_name: '${grid_network.net.name}',
    vms: [vm],
    ...(shape === 'counted' ? { count: 1 } : {}),
  };
  return {
    terraform: { required_providers: { grid: { source: 'gridform/grid' } } },
    provider: { grid: [{ network: 'local' }] },
    resource: {
      grid_network: { net: { name: 'refactor', nodes: [1], ip_range: '10.40.0.0/16' } },
      ...(shape === 'removed' ? {} : { grid_deployment: { vm: deployment } }),
    },
    ...(shape === 'removed' ? { removed: [{ from: 'grid_deployment.vm', lifecycle: { destroy: false } }] } : {}),
  };
}

describe('refactoring a grid deployment keeps its contract', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-refactor-'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-refactor-stack-'));
  const write = (shape: Shape) => fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(stack(shape)));
  const run = (...args: string[]) => gridform(['-no-color', ...args], { cwd: dir, home });
  /** the deployments the state holds, as [index key, contract id] */
  const deployments = () =>
    (
      JSON.parse(fs.readFileSync(path.join(dir, 'terraform.tfstate'), 'utf8')).resources as {
        type: string;
        instances: { index_key?: number; attributes: { id: string } }[];
      }[]
    )
      .filter((r) => r.type === 'grid_deployment')
      .flatMap((r) => r.instances.map((i) => [i.index_key, i.attributes.id]));
  let chain: ChainClient;
  const liveContracts = async () =>
    (await chain.contracts({ twinId: readGrid(home).devAccount.twinId }))
      .filter((c) => c.state !== 'Deleted')
      .map((c) => c.id)
      .sort();

  beforeAll(async () => {
    expect((await gridform(['grid', 'up', '--port', '0', '--nodes', '1'], { home })).code).toBe(0);
    chain = new ChainClient(readGrid(home).chain.address);
  });
  afterAll(async () => {
    chain.close();
    await gridform(['grid', 'down', '--purge'], { home });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('adding and removing count moves the deployment without touching its contract', async () => {
    write('single');
    expect((await run('apply', '-auto-approve')).code).toBe(0);
    const [[, contract]] = deployments();
    const contracts = await liveContracts();

    write('counted');
    const counted = await run('plan', '-detailed-exitcode');
    expect(counted.stderr).not.toContain('Error');
    expect(counted.code).toBe(2);
    expect(counted.stdout).toContain('# grid_deployment.vm has moved to grid_deployment.vm[0]');
    expect(counted.stdout).toContain('Plan: 0 to add, 0 to change, 0 to destroy.');
    expect((await run('apply', '-auto-approve')).stdout).toContain('Apply complete! Resources: 0 added, 0 changed, 0 destroyed.');
    expect(deployments()).toEqual([[0, contract]]);
    expect((await run('plan', '-detailed-exitcode')).code).toBe(0);

    write('single');
    const single = await run('plan');
    expect(single.stdout).toContain('# grid_deployment.vm[0] has moved to grid_deployment.vm');
    expect((await run('apply', '-auto-approve')).stdout).toContain('Apply complete! Resources: 0 added, 0 changed, 0 destroyed.');
    expect(deployments()).toEqual([[undefined, contract]]);
    expect(await liveContracts()).toEqual(contracts);
  });

  it('a removed block with destroy = false leaves the contract and workloads running, and the state without them', async () => {
    const [[, contract]] = deployments();
    write('removed');
    const plan = await run('plan');
    expect(plan.stderr).not.toContain('Error');
    expect(plan.stdout).toContain('# grid_deployment.vm will no longer be managed by gridform, but will not be destroyed');
    expect(plan.stdout + plan.stderr).toContain('Warning: Some objects will no longer be managed by gridform');
    expect(plan.stdout).toContain('Plan: 0 to add, 0 to change, 0 to destroy.');
    expect((await run('apply', '-auto-approve')).code).toBe(0);
    expect(deployments()).toEqual([]);
    expect((await run('plan', '-detailed-exitcode')).code).toBe(0);

    // some time for a node that saw a cancellation to act on it: nothing may have been cancelled
    await new Promise((r) => setTimeout(r, 2000));
    expect(await liveContracts()).toContain(Number(contract));
    const grid = readGrid(home);
    const node = devNodeClient(grid, grid.nodes[0]);
    try {
      const held = await node.get(grid.devAccount.twinId, Number(contract));
      expect(held.workloads.map((w) => [w.name, w.result?.state])).toContainEqual(['web', 'ok']);
    } finally {
      node.close();
    }
  });
});
