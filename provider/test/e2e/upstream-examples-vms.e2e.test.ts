// The VM-centred ports of terraform-provider-grid's examples (examples/upstream/: gpu, presearch,
// mounts, disks, nixos-micro, simple-dynamic, forwarder, cosmosvalidator) end to end on one local
// grid of 4 nodes (1 and 2 gateways, 4 with the GPU, rented as Zero-OS requires): each applies with
// its grid_scheduler kept, outputs what the upstream provider would (mycelium addresses of VMs and of
// a 0-db namespace, planetary, public IPv4, empty strings where upstream gives them), plans no
// change, takes an update in place, and destroys with nothing of it left. To keep the time low the
// examples share one app holding their stacks (each example's own stack.ts), synthesized once; each
// update is the same one-value change made in the synthesized cdk.tf.json.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChainClient, myceliumVmIp, myceliumZdbIp, planetaryVmIp } from '../../../proto';
import { gridform, leftOnGrid, readGrid, REPO, writeUpstreamApp } from './cli';

jest.setTimeout(600_000);

const EXAMPLES = {
  gpu: 'GpuStack',
  presearch: 'PresearchStack',
  mounts: 'MountsStack',
  disks: 'DisksStack',
  'nixos-micro': 'NixosMicroStack',
  'simple-dynamic': 'SimpleDynamicStack',
  forwarder: 'ForwarderStack',
  cosmosvalidator: 'CosmosvalidatorStack',
} as const;
type Example = keyof typeof EXAMPLES;
const ALL = Object.keys(EXAMPLES) as Example[];

/**
 * `act` on every example, at most four at a time: the machine has 2 cores, and eight CLI processes
 * at once (each with its chain calls) only make the chain-sim answer later, past its 10 s deadline
 * on a busy machine.
 */
async function eachExample(act: (ex: Example) => Promise<void>): Promise<void> {
  const queue = [...ALL];
  const worker = async () => {
    for (let ex = queue.shift(); ex; ex = queue.shift()) await act(ex);
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

// the literals the ports put where upstream has random_bytes (see each example's stack.ts)
const MYCELIUM = {
  gpu: ['2ef85dc883598279323d0ae852223c0eca34f74749cdcff20f482c36fec6d851', '1ef339bbfb22'],
  presearch: ['0bb6ea728c3aef67c61adedb5793bdd71bd4e9a93e266694ab7873f0dd7fd1dc', 'ddee0e764936'],
  mounts: ['a82d25bcefe19a5035109ae266ea9ae85f6b7ba0b7208e9e41794e339a9c5d77', 'b899789ba755'],
  'nixos-micro': ['e71c9058eb0413b7bf8af3d9a2da36bc79d07e19f63dd9c860bd4a2da30ca02c', 'd065ac9cce2c'],
  'simple-dynamic': ['de5fe190386c908427f059b6dd61a84f59c8ab94f69b6c0b9f91cf77d2e5f673', '636c547bf00f'],
  cosmosvalidator: ['25b919d02f4df031447e8985c0abf9f6d316d23ee6577e71c414d601bae71ae1', '829aa1900c94'],
} as const;
const mycelium = (ex: keyof typeof MYCELIUM) => myceliumVmIp(Buffer.from(MYCELIUM[ex][0], 'hex'), Buffer.from(MYCELIUM[ex][1], 'hex'));
const GPU = '0000:0e:00.0/1002/744c';

type Doc = { resource: Record<string, Record<string, Record<string, unknown>>> };
type Vm = Record<string, unknown>;
const vm0 = (doc: Doc, name = 'd1') => (doc.resource.grid_deployment[name].vms as Vm[])[0];
const renameNetwork = (doc: Doc) => void (doc.resource.grid_network.net1.description = 'renamed network');

/** what each example's update changes (one value, as an edit of its stack.ts would): all change a resource in place */
const UPDATES: Record<Example, { change: (doc: Doc) => void; inPlace: string[] }> = {
  gpu: { change: (doc) => void (vm0(doc).memory = 1024 * 8), inPlace: ['grid_deployment.d1'] },
  presearch: { change: renameNetwork, inPlace: ['grid_network.net1'] },
  mounts: { change: renameNetwork, inPlace: ['grid_network.net1'] },
  disks: { change: (doc) => void ((doc.resource.grid_deployment.d1.zdbs as Vm[])[1].size = 3), inPlace: ['grid_deployment.d1'] },
  'nixos-micro': { change: (doc) => void (vm0(doc).memory = 4096), inPlace: ['grid_deployment.d1'] },
  'simple-dynamic': { change: renameNetwork, inPlace: ['grid_network.net1'] },
  forwarder: { change: renameNetwork, inPlace: ['grid_network.net1'] },
  cosmosvalidator: { change: (doc) => void ((vm0(doc).env_vars as Vm).MONIKER = 'renamed'), inPlace: ['grid_deployment.d1'] },
};

describe('upstream VM examples (examples/upstream) on one local grid', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-upstream-vms-'));
  const app = fs.mkdtempSync(path.join(REPO, '.test-work-'));
  const run = (...args: string[]) => gridform(['-no-color', ...args], { cwd: app, home });
  let chain: ChainClient;
  const twinId = () => readGrid(home).devAccount.twinId;
  const live = async () => (await chain.contracts({ twinId: twinId() })).filter((c) => c.state !== 'Deleted');
  const reservedIps = async () =>
    (await chain.farms()).flatMap((f) => f.publicIps.filter((ip) => Number(ip.contractId)).map((ip) => ip.ip));
  const outputs = async (ex: Example) => {
    const out = await run('output', '-json', `-stack=${ex}`);
    const json = JSON.parse(out.stdout) as Record<string, { value: unknown }>;
    return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, v.value]));
  };
  /** the attributes of a resource in the example's state (cdktf's local backend file) */
  const stateOf = (ex: Example, type: string, name: string) => {
    const state = JSON.parse(fs.readFileSync(path.join(app, `terraform.${ex}.tfstate`), 'utf8'));
    return state.resources.find((r: { type: string; name: string }) => r.type === type && r.name === name).instances[0].attributes;
  };
  const nodeKey = async (nodeId: number) => {
    const node = (await chain.nodes()).find((n) => Number(n.id) === nodeId)!;
    return Buffer.from((await chain.twin(Number(node.twinId))).pk, 'hex');
  };
  const docPath = (ex: Example) => path.join(app, 'cdktf.out', 'stacks', ex, 'cdk.tf.json');

  const apply = async (ex: Example) => {
    const out = await run('apply', '-skip-synth', '-auto-approve', `-stack=${ex}`);
    expect(out.stderr).toBe('');
    expect(out.stdout).toContain('Apply complete!');
  };
  const planIsEmpty = async (ex: Example) => expect((await run('plan', '-skip-synth', '-detailed-exitcode', `-stack=${ex}`)).code).toBe(0);

  /** the update applied (its plan in-place changes only), `after` checked, then the example destroyed and its state empty */
  const updateAndDestroy = async (ex: Example, after: () => Promise<void>) => {
    const doc = JSON.parse(fs.readFileSync(docPath(ex), 'utf8')) as Doc;
    UPDATES[ex].change(doc);
    fs.writeFileSync(docPath(ex), JSON.stringify(doc));
    const applied = await run('apply', '-skip-synth', '-auto-approve', `-stack=${ex}`);
    for (const address of UPDATES[ex].inPlace) expect(applied.stdout).toContain(`# ${address} will be updated in-place`);
    expect(applied.stdout).not.toMatch(/must be replaced|will be destroyed|will be created/);
    expect(applied.stdout).toContain(`0 added, ${UPDATES[ex].inPlace.length} changed, 0 destroyed`);
    await after();
    expect((await run('destroy', '-skip-synth', '-auto-approve', `-stack=${ex}`)).code).toBe(0);
    const state = JSON.parse(fs.readFileSync(path.join(app, `terraform.${ex}.tfstate`), 'utf8')) as { resources: unknown[] };
    expect(state.resources).toEqual([]);
  };

  beforeAll(async () => {
    writeUpstreamApp(app, EXAMPLES);
    for (const ex of ALL) {
      fs.mkdirSync(path.join(app, ex));
      fs.copyFileSync(path.join(REPO, 'examples', 'upstream', ex, 'stack.ts'), path.join(app, ex, 'stack.ts'));
    }
    // the grid starts while the app synthesizes
    const up = gridform(['grid', 'up', '--port', '0', '--explorer-port', '0', '--nodes', '4', '--gateways', '2', '--gpu-nodes', '1'], {
      home,
    });
    const [grid, synth] = await Promise.all([up, run('synth')]);
    expect(grid.code).toBe(0);
    expect(synth.code).toBe(0);
    chain = new ChainClient(readGrid(home).chain.address);
    // upstream's gpu example needs the node rented: Zero-OS gives GPUs to the renter only
    expect((await gridform(['node', 'rent', '4'], { home })).code).toBe(0);
  });
  afterAll(async () => {
    chain.close();
    await gridform(['grid', 'down', '--purge'], { home });
    fs.rmSync(app, { recursive: true, force: true });
  });

  it('all eight apply, four at a time, the scheduler placing five of them', async () => {
    await eachExample(apply);
  });

  it('gpu: the VM holds the GPU of the rented node 4, with its mycelium address and its data disk', async () => {
    expect(await outputs('gpu')).toEqual({ vm1_ip: '10.1.2.2', vm1_mycelium_ip: mycelium('gpu') });
    const d1 = stateOf('gpu', 'grid_deployment', 'd1');
    expect(d1.node).toBe(4);
    expect(d1.vms[0].gpus).toEqual([GPU]);
    expect(d1.vms[0].mounts).toEqual([expect.objectContaining({ name: 'data', mount_point: '/app' })]);
  });

  it('presearch: the scheduled node has a domain; the VM a public IPv4 and a mycelium address', async () => {
    const out = await outputs('presearch');
    expect(out).toMatchObject({ node1_zmachine1_ip: '10.1.2.2', mycelium_ip: mycelium('presearch') });
    expect(await reservedIps()).toContainEqual(`${String(out.computed_public_ip)}/24`);
    const node = stateOf('presearch', 'grid_scheduler', 'sched').nodes.presearch;
    expect([1, 2]).toContain(node);
    expect(Object.keys(stateOf('presearch', 'grid_network', 'net1').mycelium_keys)).toEqual([String(node)]);
  });

  it('mounts: two VMs on the scheduled node share the seed upstream gives both; the first has the disk and a public IPv4', async () => {
    const out = await outputs('mounts');
    expect(out).toMatchObject({
      wg_config: '',
      node1_zmachine1_ip: '10.1.2.2',
      node1_zmachine2_ip: '10.1.2.3',
      node1_zmachine1_mycelium_ip: mycelium('mounts'),
      node1_zmachine2_mycelium_ip: mycelium('mounts'),
    });
    // upstream outputs computedip whole: the address with its prefix length
    expect(await reservedIps()).toContainEqual(out.computed_public_ip);
  });

  it("disks: two 0-db namespaces; the first's endpoint, namespace and mycelium address (ips[2]) as Zero-OS lists them", async () => {
    const out = await outputs('disks');
    const id = Number(out.deployment_id);
    const contract = (await live()).find((c) => Number(c.id) === id)!;
    const zdb1 = stateOf('disks', 'grid_deployment', 'd1').zdbs[0];
    expect(out).toEqual({
      deployment_id: String(id),
      zdb1_endpoint: `[${zdb1.ips[0]}]:9900`,
      zdb1_namespace: `${id}-zdb1`,
      zdb1_mycelium_ip: myceliumZdbIp(await nodeKey(Number(contract.nodeId)), `${id}-zdb1`),
    });
    expect(zdb1.ips).toHaveLength(3);
    expect(String(out.zdb1_mycelium_ip)).toMatch(/^[45][0-9a-f]{2}:/);
  });

  it('nixos-micro: /nix on its disk, a mycelium address, and the empty wg_config and public IP upstream gives', async () => {
    expect(await outputs('nixos-micro')).toEqual({
      wg_config: '',
      node1_zmachine1_ip: '10.1.2.2',
      computed_public_ip: '',
      mycelium_ip: mycelium('nixos-micro'),
    });
    expect(stateOf('nixos-micro', 'grid_deployment', 'd1').vms[0].env_vars.NIX_CONFIG).toContain('pythonPackages.jupyterlab');
  });

  it("simple-dynamic: a domain of yours proxied to the server's mycelium address, without a port", async () => {
    expect(await outputs('simple-dynamic')).toEqual({ load_balancer_domain: 'hamada1.3x0.me' });
    const balancer = stateOf('simple-dynamic', 'grid_fqdn_proxy', 'balancer');
    expect(balancer.backends).toEqual([`http://[${mycelium('simple-dynamic')}]`]);
    const server = stateOf('simple-dynamic', 'grid_deployment', 'server1').vms[0];
    expect(server.env_vars).toEqual({ key: 'SSH_KEY', value: expect.stringMatching(/^ssh-ed25519 /) });
    expect(server.rootfs_size).toBe(51200);
  });

  it("forwarder: the forwarder's public IPv4, its TARGET the first VM's private address", async () => {
    const out = await outputs('forwarder');
    expect(await reservedIps()).toContainEqual(`${String(out.computed_public_ip)}/24`);
    const vm1 = stateOf('forwarder', 'grid_deployment', 'd1').vms[0];
    expect(stateOf('forwarder', 'grid_deployment', 'd2').vms[0].env_vars.TARGET).toBe(vm1.ip);
  });

  it("cosmosvalidator: wireguard access, planetary from the node's key, mycelium, a public IPv4", async () => {
    const out = await outputs('cosmosvalidator');
    const d1 = stateOf('cosmosvalidator', 'grid_deployment', 'd1');
    expect(out).toMatchObject({
      node1_zmachine1_ip: '10.1.2.2',
      ygg_ip: planetaryVmIp(await nodeKey(d1.node), twinId(), Number(d1.id), 'vm1'),
      mycelium_ip: mycelium('cosmosvalidator'),
    });
    // upstream's GenerateWGConfig text: a leading newline, a trailing tab
    expect(String(out.wg_config)).toMatch(/^\n\[Interface\]\nAddress = 100\.64\.\d+\.\d+\n[\s\S]*\nEndpoint = \d+\.\d+\.\d+\.\d+:\d+\n\t$/);
    expect(d1.vms[0].computedip).toMatch(/^\d+\.\d+\.\d+\.\d+\/24$/);
  });

  it('all eight re-plan with no change', async () => {
    await eachExample(planIsEmpty);
  });

  it('the updates of all eight apply in place, keeping addresses and the GPU; each destroy empties its state', async () => {
    const before = await outputs('disks');
    const checks: Partial<Record<Example, () => Promise<void>>> = {
      gpu: async () => {
        expect(stateOf('gpu', 'grid_deployment', 'd1').vms[0]).toMatchObject({ memory: 8192, gpus: [GPU] });
        expect((await outputs('gpu')).vm1_mycelium_ip).toBe(mycelium('gpu'));
      },
      disks: async () => expect(await outputs('disks')).toEqual(before),
      'nixos-micro': async () => expect((await outputs('nixos-micro')).mycelium_ip).toBe(mycelium('nixos-micro')),
      cosmosvalidator: async () => expect(stateOf('cosmosvalidator', 'grid_deployment', 'd1').vms[0].env_vars.MONIKER).toBe('renamed'),
    };
    await eachExample((ex) => updateAndDestroy(ex, checks[ex] ?? (async () => undefined)));
  });

  it('nothing is left on the grid once node 4 is given back: no contract, no reserved IP, no workload', async () => {
    expect((await gridform(['node', 'unrent', '4'], { home })).code).toBe(0);
    expect(await leftOnGrid(home)).toEqual({ contracts: [], reservedIps: [], workloads: [] });
  });
});
