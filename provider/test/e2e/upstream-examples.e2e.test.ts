// The ports of terraform-provider-grid's examples (examples/upstream/) end to end on one local grid:
// each applies, outputs what the upstream provider would (mycelium addresses derived from the keys
// and seeds, planetary from the node's key, as Zero-OS derives them), plans no change, takes an
// update in place, and destroys with nothing of it left. To keep the time low the examples share a
// grid and one app holding their stacks (each example's own stack.ts), synthesized three times in
// all: as written; with the updates of all but single_vm_mycelium, which is applied once singlenode
// (whose network testvm on node 3 it also declares) is gone; with its update too.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChainClient, myceliumVmIp, planetaryVmIp } from '../../../proto';
import { gridform, leftOnGrid, readGrid, REPO, writeUpstreamApp } from './cli';

jest.setTimeout(600_000);

const EXAMPLES = {
  single_vm_mycelium: 'SingleVmMyceliumStack',
  singlenode: 'SinglenodeStack',
  multinode: 'MultinodeStack',
  gateway_name: 'GatewayNameStack',
  gateway_fqdn: 'GatewayFqdnStack',
  'expose-vm': 'ExposeVmStack',
} as const;
type Example = keyof typeof EXAMPLES;

// the literals the ports put where upstream has random_bytes (see each example's stack.ts)
const KEYS = {
  single: '4e2d7c0b9f3a61e58d12c7a4b09e3f6d21a8c5e7f90b34d6a1c2e8f7b5d40c93',
  singlenode: '0f8e2d4c6b1a39587e6d5c4b3a2918070f1e2d3c4b5a69788796a5b4c3d2e1f0',
  d1: '7a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9',
  d2: 'e1d2c3b4a5968778695a4b3c2d1e0f1f2e3d4c5b6a79889796a5b4c3d2e1f001',
  expose: '3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b',
};
const mycelium = (key: string, seed: string) => myceliumVmIp(Buffer.from(key, 'hex'), Buffer.from(seed, 'hex'));

/** what each example's update changes, in its stack.ts: all of them change a resource in place */
const UPDATES: Record<Example, { from: string; to: string; inPlace: string[] }> = {
  single_vm_mycelium: { from: 'memory: 1024', to: 'memory: 2048', inPlace: ['grid_deployment.d1'] },
  singlenode: { from: "description: 'newer network'", to: "description: 'renamed network'", inPlace: ['grid_network.net1'] },
  multinode: { from: "description: 'new network'", to: "description: 'renamed network'", inPlace: ['grid_network.net1'] },
  gateway_name: { from: "'http://69.164.223.208'", to: "'http://69.164.223.209'", inPlace: ['grid_name_proxy.p1'] },
  gateway_fqdn: { from: "'http://137.184.106.152:443'", to: "'http://137.184.106.152:8443'", inPlace: ['grid_fqdn_proxy.p1'] },
  'expose-vm': { from: "description: 'newer network'", to: "description: 'renamed network'", inPlace: ['grid_network.net1'] },
};

describe('upstream examples (examples/upstream) on one local grid', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-upstream-'));
  const app = fs.mkdtempSync(path.join(REPO, '.test-work-'));
  const run = (...args: string[]) => gridform(['-no-color', ...args], { cwd: app, home });
  let chain: ChainClient;
  const live = async () => (await chain.contracts({ twinId: readGrid(home).devAccount.twinId })).filter((c) => c.state !== 'Deleted');
  const outputs = async (ex: Example) => {
    const out = await run('output', '-json', `-stack=${ex}`);
    const json = JSON.parse(out.stdout) as Record<string, { value: unknown }>;
    return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, v.value]));
  };
  const nodeKey = async (nodeId: number) => {
    const node = (await chain.nodes()).find((n) => Number(n.id) === nodeId)!;
    return Buffer.from((await chain.twin(Number(node.twinId))).pk, 'hex');
  };

  /** each example's stack.ts, as written or with its update; the app holds every stack */
  const writeStacks = (updated: ReadonlySet<Example>) => {
    for (const ex of Object.keys(EXAMPLES) as Example[]) {
      fs.mkdirSync(path.join(app, ex), { recursive: true });
      let src = fs.readFileSync(path.join(REPO, 'examples', 'upstream', ex, 'stack.ts'), 'utf8');
      if (updated.has(ex)) {
        expect(src).toContain(UPDATES[ex].from);
        src = src.replace(UPDATES[ex].from, UPDATES[ex].to);
      }
      fs.writeFileSync(path.join(app, ex, 'stack.ts'), src);
    }
  };
  const synth = async () => expect((await run('synth')).code).toBe(0);

  const apply = async (ex: Example) => {
    const out = await run('apply', '-skip-synth', '-auto-approve', `-stack=${ex}`);
    expect(out.stderr).not.toContain('Error');
    expect(out.stdout).toContain('Apply complete!');
  };
  const checkThenPlanIsEmpty = async (ex: Example, check: () => Promise<void>) => {
    await check();
    await planIsEmpty(ex);
  };
  const planIsEmpty = async (ex: Example) => expect((await run('plan', '-skip-synth', '-detailed-exitcode', `-stack=${ex}`)).code).toBe(0);

  /** the update planned as in-place changes only, applied, then the example destroyed and its state empty */
  const updateAndDestroy = async (ex: Example, after: () => Promise<void> = async () => undefined) => {
    const plan = await run('plan', '-skip-synth', `-stack=${ex}`);
    for (const address of UPDATES[ex].inPlace) expect(plan.stdout).toContain(`# ${address} will be updated in-place`);
    expect(plan.stdout).not.toMatch(/must be replaced|will be destroyed|will be created/);
    const applied = await run('apply', '-skip-synth', '-auto-approve', `-stack=${ex}`);
    expect(applied.stdout).toContain(`0 added, ${UPDATES[ex].inPlace.length} changed, 0 destroyed`);
    await after();
    expect((await run('destroy', '-skip-synth', '-auto-approve', `-stack=${ex}`)).code).toBe(0);
    expect((await run('state', 'list', `-stack=${ex}`)).stdout.trim()).toBe('');
  };

  beforeAll(async () => {
    expect((await gridform(['grid', 'up', '--port', '0', '--nodes', '3', '--gateways', '2'], { home })).code).toBe(0);
    chain = new ChainClient(readGrid(home).chain.address);
    writeUpstreamApp(app, EXAMPLES);
    writeStacks(new Set());
    await synth();
  });
  afterAll(async () => {
    chain.close();
    await gridform(['grid', 'down', '--purge'], { home });
    fs.rmSync(app, { recursive: true, force: true });
  });

  const FIVE: Example[] = ['singlenode', 'multinode', 'gateway_name', 'gateway_fqdn', 'expose-vm'];

  it('five examples apply side by side on the shared grid', async () => {
    await Promise.all(FIVE.map(apply));
  });

  it('singlenode: two VMs with mycelium addresses from the key and their seeds', async () => {
    await checkThenPlanIsEmpty('singlenode', async () => {
      expect(await outputs('singlenode')).toEqual({
        vm1_ip: '10.1.2.2',
        vm1_mycelium_ip: mycelium(KEYS.singlenode, '5d7e1a2b3c4f'),
        vm1_console_url: '10.1.2.2:20002',
        vm2_ip: '10.1.2.3',
        vm2_mycelium_ip: mycelium(KEYS.singlenode, 'c0ffee123456'),
      });
    });
  });

  it('multinode: a VM with a public IPv4 and a mycelium address on each of two nodes', async () => {
    await checkThenPlanIsEmpty('multinode', async () => {
      const out = await outputs('multinode');
      const reserved = (await chain.farms()).flatMap((f) => f.publicIps.filter((ip) => Number(ip.contractId)).map((ip) => ip.ip));
      expect(out).toMatchObject({
        node1_zmachine1_ip: '172.20.2.2',
        node1_zmachine_mycelium_ip: mycelium(KEYS.d1, '1a2b3c4d5e6f'),
        node2_zmachine1_ip: '172.20.3.2',
        node2_zmachine_mycelium_ip: mycelium(KEYS.d2, '6f5e4d3c2b1a'),
      });
      expect(reserved).toEqual(expect.arrayContaining([out.node1_zmachine_computed_public_ip, out.node2_zmachine_computed_public_ip]));
      expect(String(out.node1_zmachine_mycelium_ip)).toMatch(/^[45][0-9a-f]{2}:/);
    });
  });

  it('gateway_name: a name proxied to a backend without a port', async () => {
    await checkThenPlanIsEmpty('gateway_name', async () => {
      expect(await outputs('gateway_name')).toEqual({ fqdn: 'example2.gw1.gridform.local' });
      // expose-vm's name contract (ashraf) lives beside it
      expect((await live()).filter((c) => c.type === 'name').map((c) => c.name)).toContain('example2');
    });
  });

  it('gateway_fqdn: a domain of yours on the gateway node', async () => {
    await checkThenPlanIsEmpty('gateway_fqdn', async () => {
      expect(await outputs('gateway_fqdn')).toEqual({ fqdn: 'hamada1.3x0.me' });
    });
  });

  it("expose-vm: public IPv4, planetary from the node's key, mycelium, and a gateway to http://PUBLIC_IP", async () => {
    await checkThenPlanIsEmpty('expose-vm', async () => {
      const out = await outputs('expose-vm');
      // multinode's vm2 is on node 2 too: the deployment is the one named myvm
      const vm = (await live()).find(
        (c) => Number(c.nodeId) === 2 && JSON.parse(c.deploymentData).name === 'myvm' && JSON.parse(c.deploymentData).type === 'vm',
      )!;
      const planetary = planetaryVmIp(await nodeKey(2), readGrid(home).devAccount.twinId, Number(vm.id), 'vm1');
      expect(out).toMatchObject({
        fqdn: 'ashraf.gw1.gridform.local',
        node1_zmachine1_ip: '10.1.2.2',
        ygg_ip: planetary,
        mycelium_ip: mycelium(KEYS.expose, '9e8d7c6b5a49'),
      });
      expect(String(out.computed_public_ip)).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect(String(out.ygg_ip)).toMatch(/^3[0-9a-f]{2}:/);
    });
  });

  it('the updates of all five apply in place, side by side, and each destroy empties its state', async () => {
    writeStacks(new Set(FIVE));
    await synth();
    await Promise.all(FIVE.map((ex) => updateAndDestroy(ex)));
  });

  it("single_vm_mycelium (once singlenode's testvm is gone): a VM's mycelium address, kept when the VM changes in place", async () => {
    const expected = {
      vm1_ip: '10.1.2.2',
      vm1_mycelium_ip: mycelium(KEYS.single, 'a3c91f0e7b25'),
      vm1_console_url: '10.1.2.2:20002',
    };
    await apply('single_vm_mycelium');
    await checkThenPlanIsEmpty('single_vm_mycelium', async () => expect(await outputs('single_vm_mycelium')).toEqual(expected));
    writeStacks(new Set(Object.keys(EXAMPLES) as Example[]));
    await synth();
    await updateAndDestroy('single_vm_mycelium', async () => {
      expect(await outputs('single_vm_mycelium')).toEqual(expected);
      await planIsEmpty('single_vm_mycelium');
    });
  });

  it('a network listing node 3 twice (a scheduler picking it for two requests) deploys once there, as upstream', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-twice-'));
    const stack = {
      terraform: { required_providers: { grid: { source: 'gridform/grid' } } },
      provider: { grid: [{}] },
      resource: {
        grid_network: { net1: { name: 'twice', nodes: [3, 3], ip_range: '10.7.0.0/16', mycelium_keys: { 3: KEYS.single } } },
        grid_deployment: {
          d1: {
            node: 3,
            network_name: '${grid_network.net1.name}',
            vms: [
              {
                name: 'vm1',
                flist: 'https://hub.grid.tf/tf-official-apps/base:latest.flist',
                cpu: 1,
                memory: 256,
                mycelium_ip_seed: 'a3c91f0e7b25',
              },
            ],
          },
        },
      },
      output: { ip: { value: '${grid_deployment.d1.vms[0].ip}' }, mycelium: { value: '${grid_deployment.d1.vms[0].mycelium_ip}' } },
    };
    fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(stack));
    const inDir = (...args: string[]) => gridform(['-no-color', ...args], { cwd: dir, home });
    try {
      const applied = await inDir('apply', '-auto-approve');
      expect(applied.stderr).not.toContain('Error');
      expect(applied.stdout).toContain('Apply complete! Resources: 2 added');
      const networks = (await live()).filter((c) => JSON.parse(c.deploymentData).type === 'network');
      expect(networks.map((c) => Number(c.nodeId))).toEqual([3]);
      const out = JSON.parse((await inDir('output', '-json')).stdout) as Record<string, { value: string }>;
      expect(out.ip.value).toBe('10.7.2.2');
      expect(out.mycelium.value).toBe(mycelium(KEYS.single, 'a3c91f0e7b25'));
      expect((await inDir('plan', '-detailed-exitcode')).code).toBe(0);
      expect((await inDir('destroy', '-auto-approve')).code).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('nothing is left on the grid: no contract, no reserved IP, no workload', async () => {
    expect(await leftOnGrid(home)).toEqual({ contracts: [], reservedIps: [], workloads: [] });
  });
});
