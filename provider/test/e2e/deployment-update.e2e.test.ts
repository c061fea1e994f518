// grid_deployment changes on a local grid: a changed VM updates the deployment in place (same
// contract, new version, contract hash updated, the VM recreated by the node with its address
// kept), an added VM leaves the others untouched, and moving to another node replaces it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChainClient, deploymentHashHex } from '../../../proto';
import { gridform, readGrid, devNodeClient } from './cli';

jest.setTimeout(180_000);

const vm = (name: string, memory: number) => ({
  name,
  flist: 'https://hub.grid.tf/tf-official-apps/base:latest.flist',
  cpu: 1,
  memory,
  rootfs_size: 1024,
  entrypoint: '/sbin/zinit init',
});

function stack(node: number, vms: unknown[], storage: { disks?: unknown[]; zdbs?: unknown[] } = {}): unknown {
  return {
    terraform: { required_providers: { grid: { source: 'gridform/grid' } } },
    provider: { grid: [{ network: 'local' }] },
    resource: {
      grid_network: { net: { name: 'updates', nodes: [1, 2], ip_range: '10.30.0.0/16' } },
      grid_deployment: { vm: { node, name: 'updates', network_name: '${grid_network.net.name}', vms, ...storage } },
    },
  };
}

describe('grid_deployment updates on a local grid', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-update-'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-update-stack-'));
  const write = (doc: unknown) => fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(doc));
  const run = (...args: string[]) => gridform(['-no-color', ...args], { cwd: dir, home });
  const stateOf = () =>
    JSON.parse(fs.readFileSync(path.join(dir, 'terraform.tfstate'), 'utf8')).resources.find(
      (r: { type: string }) => r.type === 'grid_deployment',
    ).instances[0].attributes;
  let chain: ChainClient;
  const nodeClient = (id: number) =>
    devNodeClient(
      readGrid(home),
      readGrid(home).nodes.find((n) => n.id === id)!,
    );

  beforeAll(async () => {
    expect((await gridform(['grid', 'up', '--port', '0', '--nodes', '2'], { home })).code).toBe(0);
    chain = new ChainClient(readGrid(home).chain.address);
    write(stack(1, [vm('web', 1024)]));
    const apply = await run('apply', '-auto-approve');
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
  });
  afterAll(async () => {
    chain.close();
    await gridform(['grid', 'down', '--purge'], { home });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a changed VM is an update in place: same contract, new hash on chain, the VM recreated with its address kept', async () => {
    const before = stateOf();
    write(stack(1, [vm('web', 2048)]));
    const plan = await run('plan');
    expect(plan.stdout).toContain('# grid_deployment.vm will be updated in-place');
    expect(plan.stdout).toMatch(/~ memory += 1024 -> 2048/);
    expect((await run('apply', '-auto-approve')).stdout).toContain('Apply complete! Resources: 0 added, 1 changed, 0 destroyed.');
    const after = stateOf();
    expect(after.id).toBe(before.id);
    expect(after.vms[0].ip).toBe(before.vms[0].ip);
    const node = nodeClient(1);
    try {
      const held = await node.get(readGrid(home).devAccount.twinId, Number(after.id));
      expect(held.version).toBe(1);
      expect((await chain.contract(Number(after.id))).deploymentHash).toBe(deploymentHashHex(held));
      const changes = (await node.changes(readGrid(home).devAccount.twinId, Number(after.id)))
        .filter((c) => c.workload === 'web')
        .map((c) => c.state);
      expect(changes).toEqual(['init', 'ok', 'deleted', 'init', 'ok']);
    } finally {
      node.close();
    }
  });

  it('an added VM leaves the others as they are, and a second plan has no changes', async () => {
    write(stack(1, [vm('web', 2048), vm('api', 512)]));
    expect((await run('plan')).stdout).toContain('+ vms {');
    expect((await run('apply', '-auto-approve')).code).toBe(0);
    const node = nodeClient(1);
    try {
      const held = await node.get(readGrid(home).devAccount.twinId, Number(stateOf().id));
      expect(held.workloads.map((w) => [w.name, w.version])).toEqual([
        ['web', 1],
        ['api', 2],
      ]);
    } finally {
      node.close();
    }
    expect((await run('plan', '-detailed-exitcode')).code).toBe(0);
  });

  it('an update asking for more memory than the node has free is refused before anything changes', async () => {
    const id = stateOf().id;
    const hash = (await chain.contract(Number(id))).deploymentHash;
    write(stack(1, [vm('web', 200_000), vm('api', 512)]));
    const apply = await run('apply', '-auto-approve');
    expect(apply.code).toBe(1);
    expect(apply.stderr).toMatch(/node 1 has not enough memory: the deployment asks for [\d.]+ GiB, [\d.]+ GiB is free/);
    expect((await chain.contract(Number(id))).deploymentHash).toBe(hash);
  });

  it('an update that fails on the node is put back: the contract keeps the hash of what the node runs', async () => {
    const id = Number(stateOf().id);
    // an address outside the network's subnet on the node: the node puts the VM in error
    write(stack(1, [{ ...vm('web', 2048), ip: '10.30.99.9' }, vm('api', 512)]));
    const apply = await run('apply', '-auto-approve');
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain('is not a usable host');
    expect(apply.stderr).toContain('the deployment was put back as it was');
    const node = nodeClient(1);
    try {
      const held = await node.get(readGrid(home).devAccount.twinId, id);
      expect(held.workloads.map((w) => w.result?.state)).toEqual(['ok', 'ok']);
      expect((await chain.contract(id)).deploymentHash).toBe(deploymentHashHex(held));
    } finally {
      node.close();
    }
    expect(stateOf().vms[0].memory).toBe(2048);
    write(stack(1, [vm('web', 2048), vm('api', 512)]));
    expect((await run('plan', '-detailed-exitcode')).code).toBe(0);
  });

  it('disks and a 0-db namespace join in place; the VM mounting the disk is recreated, a grown disk is not', async () => {
    const withData = (size: number) =>
      stack(1, [{ ...vm('web', 2048), mounts: [{ name: 'data', mount_point: '/data' }] }, vm('api', 512)], {
        disks: [{ name: 'data', size }],
        zdbs: [{ name: 'cache', size: 5, mode: 'seq', password: 'secret' }],
      });
    write(withData(10));
    const apply = await run('apply', '-auto-approve');
    expect(apply.stdout).toContain('Apply complete! Resources: 0 added, 1 changed, 0 destroyed.');
    const s = stateOf();
    expect(s.zdbs[0]).toMatchObject({ name: 'cache', namespace: `${s.id}-cache`, port: 9900 });
    const node = nodeClient(1);
    try {
      const twin = readGrid(home).devAccount.twinId;
      const held = await node.get(twin, Number(s.id));
      expect(Object.fromEntries(held.workloads.map((w) => [w.name, w.type]))).toEqual({
        data: 'zmount',
        cache: 'zdb',
        web: 'zmachine',
        api: 'zmachine',
      });
      write(withData(20));
      expect((await run('plan')).stdout).toMatch(/~ size += 10 -> 20/);
      expect((await run('apply', '-auto-approve')).code).toBe(0);
      const grown = await node.get(twin, Number(s.id));
      const versions = Object.fromEntries(grown.workloads.map((w) => [w.name, w.version]));
      expect(versions.data).toBe(grown.version);
      expect(versions.web).toBeLessThan(grown.version);
      expect((await node.changes(twin, Number(s.id))).filter((c) => c.workload === 'data').map((c) => c.state)).toEqual([
        'init',
        'ok',
        'init',
        'ok',
      ]);
    } finally {
      node.close();
    }
    expect((await run('plan', '-detailed-exitcode')).code).toBe(0);
  });

  it('an unknown argument in a VM block is refused at plan time naming vms[0] and it, and nothing changes', async () => {
    const before = stateOf();
    write(stack(1, [{ ...vm('web', 2048), memroy: 4096 }]));
    const plan = await run('plan');
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('Error: Unsupported argument');
    expect(plan.stderr).toContain('with grid_deployment.vm,\n  on cdk.tf.json line 1, in resource.grid_deployment.vm.vms[0]:');
    expect(plan.stderr).toMatch(/\n {3}1: .*"memroy":4096/);
    expect(plan.stderr).toContain('Did you mean "memory"?');
    expect(stateOf()).toEqual(before);
  });

  it('cpu from a string variable (as CDKTF writes Token.asNumber of it) plans as a number, as terraform converts it', async () => {
    const doc = stack(1, [{ ...vm('web', 2048), cpu: '${var.cpu}' }]) as Record<string, unknown>;
    write({ ...doc, variable: { cpu: { type: 'string', default: '2' } } });
    const plan = await run('plan');
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/~ cpu +?= 1 -> 2/);
    write({ ...doc, variable: { cpu: { type: 'string', default: 'two' } } });
    const bad = await run('plan');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Inappropriate value for attribute "cpu": a number is required.');
  });

  it('moving to another node replaces the deployment and cancels the old contract', async () => {
    const old = stateOf().id;
    write(stack(2, [vm('web', 2048), vm('api', 512)]));
    const plan = await run('plan');
    expect(plan.stdout).toContain('# grid_deployment.vm must be replaced');
    expect(plan.stdout).toMatch(/~ node += 1 -> 2 # forces replacement/);
    expect((await run('apply', '-auto-approve')).code).toBe(0);
    expect(stateOf().id).not.toBe(old);
    expect((await chain.contract(Number(old))).state).toBe('Deleted');
    expect((await run('destroy', '-auto-approve')).code).toBe(0);
  });

  it('networks created together on one node get distinct wireguard ports', async () => {
    const both = {
      terraform: { required_providers: { grid: { source: 'gridform/grid' } } },
      provider: { grid: [{ network: 'local' }] },
      resource: {
        grid_network: Object.fromEntries(
          ['a', 'b', 'c'].map((n) => [n, { name: `together_${n}`, nodes: [1], ip_range: `10.8${['a', 'b', 'c'].indexOf(n)}.0.0/16` }]),
        ),
      },
    };
    write(both);
    expect((await run('apply', '-auto-approve', '-parallelism=3')).code).toBe(0);
    const node = nodeClient(1);
    try {
      const ports = await node.wgPorts();
      expect(new Set(ports).size).toBe(ports.length);
      expect(ports.length).toBeGreaterThanOrEqual(3);
    } finally {
      node.close();
    }
    expect((await run('destroy', '-auto-approve')).code).toBe(0);
  });
});
