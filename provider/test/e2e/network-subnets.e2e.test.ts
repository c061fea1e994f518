// nodes_ip_range written in the configuration, end to end on a local grid: each node's network
// workload takes the subnet given for it and the VMs there their addresses in it; a node added
// later takes the one given for it; moving a node already there is refused at plan, with nothing
// changed; destroy leaves nothing.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { devNodeClient, gridform, leftOnGrid, readGrid } from './cli';

jest.setTimeout(240_000);

function doc(nodes: number[], subnets: Record<string, string>): unknown {
  return {
    terraform: { required_providers: { grid: { source: 'gridform/grid' } } },
    provider: { grid: [{ network: 'local' }] },
    resource: {
      grid_network: { net: { name: 'subnets', nodes, ip_range: '10.40.0.0/16', nodes_ip_range: subnets } },
      grid_deployment: {
        vm: {
          node: nodes[0],
          network_name: '${grid_network.net.name}',
          vms: [{ name: 'vm', flist: 'https://hub.grid.tf/tf-official-apps/base:latest.flist', cpu: 1, memory: 256 }],
        },
      },
    },
    output: { vm_ip: { value: '${grid_deployment.vm.vms[0].ip}' }, subnets: { value: '${grid_network.net.nodes_ip_range}' } },
  };
}

describe('grid_network with the subnets written in the configuration', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-subnets-'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-subnets-app-'));
  const run = (...args: string[]) => gridform(['-no-color', ...args], { cwd: dir, home });
  const write = (nodes: number[], subnets: Record<string, string>) =>
    fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(doc(nodes, subnets)));
  /** the subnet of the network workload on each node, as the nodes run it */
  const deployedSubnets = async () => {
    const grid = readGrid(home);
    const out: Record<string, string> = {};
    for (const [i, n] of grid.nodes.entries()) {
      const client = devNodeClient(grid, n);
      try {
        const network = (await client.list(grid.devAccount.twinId)).flatMap((d) => d.workloads).find((w) => w.type === 'network');
        if (network) out[String(i + 1)] = (JSON.parse(network.data) as { subnet: string }).subnet;
      } finally {
        client.close();
      }
    }
    return out;
  };

  beforeAll(async () => {
    expect((await gridform(['grid', 'up', '--port', '0', '--nodes', '3'], { home })).code).toBe(0);
  });
  afterAll(async () => {
    await gridform(['grid', 'down', '--purge'], { home });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('each node takes the subnet written for it, and its VMs an address in it', async () => {
    write([1, 2], { 1: '10.40.7.0/24', 2: '10.40.3.0/24' });
    const apply = await run('apply', '-auto-approve');
    expect(apply.stderr).toBe('');
    const out = JSON.parse((await run('output', '-json')).stdout) as Record<string, { value: unknown }>;
    expect(out.subnets.value).toEqual({ 1: '10.40.7.0/24', 2: '10.40.3.0/24' });
    expect(out.vm_ip.value).toMatch(/^10\.40\.7\.\d+$/);
    expect(await deployedSubnets()).toEqual({ 1: '10.40.7.0/24', 2: '10.40.3.0/24' });
    expect((await run('plan', '-detailed-exitcode')).code).toBe(0);
  });

  it('a node added takes the subnet given for it; the others keep theirs', async () => {
    write([1, 2, 3], { 1: '10.40.7.0/24', 2: '10.40.3.0/24', 3: '10.40.200.0/24' });
    expect((await run('apply', '-auto-approve')).code).toBe(0);
    expect(await deployedSubnets()).toEqual({ 1: '10.40.7.0/24', 2: '10.40.3.0/24', 3: '10.40.200.0/24' });
    expect((await run('plan', '-detailed-exitcode')).code).toBe(0);
  });

  it('moving a node already in the network is refused at plan, naming the node; nothing changes', async () => {
    write([1, 2, 3], { 1: '10.40.7.0/24', 2: '10.40.9.0/24', 3: '10.40.200.0/24' });
    const plan = await run('plan');
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain("A node's subnet cannot change");
    expect(plan.stderr).toContain('Node 2 is in the network with 10.40.3.0/24');
    expect(await deployedSubnets()).toEqual({ 1: '10.40.7.0/24', 2: '10.40.3.0/24', 3: '10.40.200.0/24' });
  });

  it('destroy leaves nothing', async () => {
    write([1, 2, 3], { 1: '10.40.7.0/24', 2: '10.40.3.0/24', 3: '10.40.200.0/24' });
    expect((await run('destroy', '-auto-approve')).code).toBe(0);
    expect(await leftOnGrid(home)).toEqual({ contracts: [], reservedIps: [], workloads: [] });
  });
});
