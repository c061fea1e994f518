// The kubernetes and application ports of terraform-provider-grid's examples (examples/upstream/:
// k8s, k8s-with-domain, k8s-using-modules, nomad_with_modules, peertube, taiga, mattermost,
// deployment_resource) end to end on one local grid of 4 nodes (k8s asks its scheduler for four
// distinct nodes): each applies with its grid_scheduler, outputs what the upstream provider would
// (mycelium addresses derived from the keys and seeds as Zero-OS derives them), plans no change,
// takes an update in place, and destroys with nothing of it left. One app holds every stack, and is
// synthesized twice: as written, and with every example's update.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChainClient, myceliumVmIp, planetaryVmIp } from '../../../proto';
import { gridform, leftOnGrid, readGrid, REPO, writeUpstreamApp } from './cli';

jest.setTimeout(600_000);

const EXAMPLES = {
  k8s: 'K8sStack',
  'k8s-with-domain': 'K8sWithDomainStack',
  'k8s-using-modules': 'K8sUsingModulesStack',
  nomad_with_modules: 'NomadWithModulesStack',
  peertube: 'PeertubeStack',
  taiga: 'TaigaStack',
  mattermost: 'MattermostStack',
  deployment_resource: 'DeploymentResourceStack',
} as const;
type Example = keyof typeof EXAMPLES;
const ALL = Object.keys(EXAMPLES) as Example[];

/** each example's literal keys and seeds (where upstream has random_bytes), read from its stack.ts */
function literal(ex: Example, name: string): string {
  const src = fs.readFileSync(path.join(REPO, 'examples', 'upstream', ex, 'stack.ts'), 'utf8');
  const m = new RegExp(`export const ${name} = '([0-9a-f]+)';`).exec(src);
  if (!m) throw new Error(`${ex}/stack.ts declares no ${name}`);
  return m[1];
}
/** the literal public key the ports put where upstream has file("~/.ssh/id_rsa.pub") */
const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMdC0c1xhBR4lsR9tNA3BcAvVzM2NK2N0j7nVzv1Oz5k user@example';
const mycelium = (ex: Example, key: string, seed: string) =>
  myceliumVmIp(Buffer.from(literal(ex, key), 'hex'), Buffer.from(literal(ex, seed), 'hex'));

/** what each example's update changes in its stack.ts, and the resources it changes in place */
const UPDATES: Record<Example, { from: string; to: string; inPlace: RegExp[] }> = {
  k8s: { from: "description: 'kubernetes network'", to: "description: 'k3s network'", inPlace: [/grid_network\.net1/] },
  'k8s-with-domain': { from: 'diskSize: 13', to: 'diskSize: 20', inPlace: [/grid_kubernetes\.k8s1/] },
  'k8s-using-modules': { from: 'cpu: 1,', to: 'cpu: 2,', inPlace: [/grid_deployment\.kubernetes_workers_3_\w+/] },
  nomad_with_modules: {
    from: "description: 'new network for nomad'",
    to: "description: 'nomad network'",
    inPlace: [/grid_network\.nomad_net_\w+/],
  },
  peertube: { from: "description: 'peertube network'", to: "description: 'videos network'", inPlace: [/grid_network\.net1/] },
  taiga: { from: "ADMIN_PASSWORD: 'password'", to: "ADMIN_PASSWORD: 'another password'", inPlace: [/grid_deployment\.node1/] },
  mattermost: { from: "SMTPPORT: '587'", to: "SMTPPORT: '465'", inPlace: [/grid_deployment\.d1/] },
  deployment_resource: { from: "description: 'new network'", to: "description: 'renamed network'", inPlace: [/grid_network\.net1/] },
};

describe('upstream kubernetes and application examples (examples/upstream) on one local grid', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-upstream-apps-'));
  const app = fs.mkdtempSync(path.join(REPO, '.test-work-'));
  const run = (...args: string[]) => gridform(['-no-color', ...args], { cwd: app, home });
  let chain: ChainClient;
  const outputs = async (ex: Example) => {
    const out = await run('output', '-json', `-stack=${ex}`);
    const json = JSON.parse(out.stdout) as Record<string, { value: unknown }>;
    return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, v.value]));
  };
  const reservedIps = async () =>
    (await chain.farms()).flatMap((f) => f.publicIps.filter((ip) => Number(ip.contractId)).map((ip) => ip.ip));
  const nodeKey = async (nodeId: number) => {
    const node = (await chain.nodes()).find((n) => Number(n.id) === nodeId)!;
    return Buffer.from((await chain.twin(Number(node.twinId))).pk, 'hex');
  };
  /** the example's resources in its state, by address, as `gridform show -json` gives them */
  const resources = async (ex: Example) => {
    const shown = JSON.parse((await run('show', '-json', `-stack=${ex}`)).stdout) as {
      values: { root_module: { resources: { address: string; values: Record<string, unknown> }[] } };
    };
    return Object.fromEntries(shown.values.root_module.resources.map((r) => [r.address, r.values]));
  };

  /** each example's stack.ts (and the module construct beside it), as written or with its update */
  const writeStacks = (updated: boolean) => {
    for (const ex of ALL) {
      const from = path.join(REPO, 'examples', 'upstream', ex);
      fs.mkdirSync(path.join(app, ex), { recursive: true });
      for (const f of fs.readdirSync(from).filter((n) => n.endsWith('.ts') && n !== 'main.ts' && !n.endsWith('.test.ts')))
        fs.copyFileSync(path.join(from, f), path.join(app, ex, f));
      let src = fs.readFileSync(path.join(from, 'stack.ts'), 'utf8');
      if (updated) {
        expect(src).toContain(UPDATES[ex].from);
        src = src.replace(UPDATES[ex].from, UPDATES[ex].to);
      }
      fs.writeFileSync(path.join(app, ex, 'stack.ts'), src);
    }
  };
  const synth = async () => expect((await run('synth')).code).toBe(0);
  const planIsEmpty = async (ex: Example) => expect((await run('plan', '-skip-synth', '-detailed-exitcode', `-stack=${ex}`)).code).toBe(0);

  const apply = async (ex: Example) => {
    const out = await run('apply', '-skip-synth', '-auto-approve', `-stack=${ex}`);
    expect(out.stderr).not.toContain('Error');
    expect(out.stdout).toContain('Apply complete!');
  };

  /** the update applied as in-place changes only (the plan apply prints), then the example destroyed and its state empty */
  const updateAndDestroy = async (ex: Example) => {
    const applied = await run('apply', '-skip-synth', '-auto-approve', `-stack=${ex}`);
    for (const address of UPDATES[ex].inPlace) expect(applied.stdout).toMatch(new RegExp(`# ${address.source} will be updated in-place`));
    expect(applied.stdout).not.toMatch(/must be replaced|will be destroyed|will be created/);
    expect(applied.stdout).toContain(`0 added, ${UPDATES[ex].inPlace.length} changed, 0 destroyed`);
    expect((await run('destroy', '-skip-synth', '-auto-approve', `-stack=${ex}`)).code).toBe(0);
    expect((await run('state', 'list', `-stack=${ex}`)).stdout.trim()).toBe('');
  };

  beforeAll(async () => {
    expect((await gridform(['grid', 'up', '--port', '0', '--nodes', '4', '--gateways', '2', '--explorer-port', '0'], { home })).code).toBe(
      0,
    );
    chain = new ChainClient(readGrid(home).chain.address);
    writeUpstreamApp(app, EXAMPLES);
    writeStacks(false);
    await synth();
  });
  afterAll(async () => {
    chain.close();
    await gridform(['grid', 'down', '--purge'], { home });
    fs.rmSync(app, { recursive: true, force: true });
  });

  it('all eight apply side by side on the shared grid, each placed by its own grid_scheduler', async () => {
    await Promise.all(ALL.map(apply));
    // the plans re-run against what was applied: nothing to change anywhere
    await Promise.all(ALL.map(planIsEmpty));
  });

  it('k8s: four distinct scheduled nodes, the master with a public IPv4, every k3s node with its mycelium address', async () => {
    const state = await resources('k8s');
    const nodes = state['grid_scheduler.sched'].nodes as Record<string, number>;
    expect(new Set(Object.values(nodes)).size).toBe(4);
    expect([1, 2]).toContain(nodes.master_node); // the nodes with a public config
    const out = await outputs('k8s');
    expect(out).toMatchObject({
      computed_master_mycelium_ip: mycelium('k8s', 'MASTER_MYCELIUM_KEY', 'MASTER_MYCELIUM_IP_SEED'),
      computed_worker1_mycelium_ip: mycelium('k8s', 'WORKER1_MYCELIUM_KEY', 'WORKER1_MYCELIUM_IP_SEED'),
      computed_worker2_mycelium_ip: mycelium('k8s', 'WORKER2_MYCELIUM_KEY', 'WORKER2_MYCELIUM_IP_SEED'),
      computed_worker3_mycelium_ip: mycelium('k8s', 'WORKER3_MYCELIUM_KEY', 'WORKER3_MYCELIUM_IP_SEED'),
      master_console_url: '10.1.2.2:20002',
    });
    expect(await reservedIps()).toContain(out.computed_master_public_ip);
    expect(String(out.wg_config)).toMatch(/\[Interface\][\s\S]*PrivateKey = [\s\S]*\[Peer\]/);
    // the network's mycelium keys were keyed by the scheduled node ids (templated map keys)
    expect(state['grid_network.net1'].mycelium_keys).toEqual({
      [nodes.master_node]: literal('k8s', 'MASTER_MYCELIUM_KEY'),
      [nodes.worker1_node]: literal('k8s', 'WORKER1_MYCELIUM_KEY'),
      [nodes.worker2_node]: literal('k8s', 'WORKER2_MYCELIUM_KEY'),
      [nodes.worker3_node]: literal('k8s', 'WORKER3_MYCELIUM_KEY'),
    });
  });

  it('k8s-with-domain: the master published as ashraf on the scheduled gateway, at its public IPv4 and port 443', async () => {
    const out = await outputs('k8s-with-domain');
    const state = await resources('k8s-with-domain');
    const nodes = state['grid_scheduler.sched'].nodes as Record<string, number>;
    expect(out.fqdn).toBe(`ashraf.gw${nodes.gateway}.gridform.local`);
    expect(await reservedIps()).toContain(out.computed_master_public_ip);
    const publicIp = String(out.computed_master_public_ip).split('/')[0];
    expect(state['grid_name_proxy.p1'].backends).toEqual([`http://${publicIp}:443`]);
    expect(String(out.wg_config)).toContain('[Interface]');
  });

  it("k8s-using-modules: the module's master and worker share upstream's one seed, so one mycelium address", async () => {
    const expected = mycelium('k8s-using-modules', 'MYCELIUM_KEY', 'MYCELIUM_IP_SEED');
    expect(await outputs('k8s-using-modules')).toEqual({ master_mycelium_ip: expected, workers: expected });
  });

  it('nomad_with_modules: first server at first_server_ip, others after it, client on the second node, all planetary', async () => {
    expect(await outputs('nomad_with_modules')).toEqual({
      server1_ip: '10.1.2.2',
      server2_ip: '10.1.2.3',
      server3_ip: '10.1.2.4',
      client1_ip: '10.1.3.2',
    });
    // the module's default planetary = true: every VM has the address its node derives for it
    const state = await resources('nomad_with_modules');
    const twin = readGrid(home).devAccount.twinId;
    for (const [prefix, node] of [
      ['grid_deployment.nomad_servers_3_', 3],
      ['grid_deployment.nomad_clients_4_', 4],
    ] as const) {
      const d = Object.entries(state).find(([address]) => address.startsWith(prefix))![1];
      const vms = d.vms as { name: string; planetary_ip: string }[];
      const key = await nodeKey(node);
      expect(vms.map((v) => v.planetary_ip)).toEqual(vms.map((v) => planetaryVmIp(key, twin, Number(d.id), v.name)));
    }
  });

  it('peertube, taiga and mattermost: a VM behind a gateway name whose backend is its mycelium address', async () => {
    const apps = [
      { ex: 'peertube', port: 9000, fqdn: 'peertube', vm: 'mycelium_ip' },
      { ex: 'taiga', port: 9000, fqdn: 'grid3taiga', vm: 'node1_zmachine1_mycelium_ip' },
      { ex: 'mattermost', port: 8000, fqdn: 'ashrafmattermost', vm: 'mycelium_ip' },
    ] as const;
    for (const { ex, port, fqdn, vm } of apps) {
      const out = await outputs(ex);
      const expected = mycelium(ex, 'MYCELIUM_KEY', 'MYCELIUM_IP_SEED');
      expect(out[vm]).toBe(expected);
      const state = await resources(ex);
      const nodes = state['grid_scheduler.sched'].nodes as Record<string, number>;
      // peertube's request for the gateway is named domain
      expect(out.fqdn).toBe(`${fqdn}.gw${nodes.gateway ?? nodes.domain}.gridform.local`);
      expect(state['grid_name_proxy.p1'].backends).toEqual([`http://[${expected}]:${port}`]);
      if (ex !== 'peertube') expect(out.node1_zmachine1_ip).toBe('10.1.2.2');
    }
  });

  it('deployment_resource: two 0-db namespaces, disks and four VMs on the scheduled nodes, wg_config empty', async () => {
    const out = await outputs('deployment_resource');
    expect(out.wg_config).toBe('');
    // d1 and d2 are created side by side on the node both requests got: each VM its own address there
    expect(out.node1_zmachine1_ip).toMatch(/^172\.20\.2\.\d+$/);
    expect(out.node1_zmachine2_ip).toMatch(/^172\.20\.2\.\d+$/);
    expect(out.node1_zmachine1_ip).not.toBe(out.node1_zmachine2_ip);
    const d1 = (await resources('deployment_resource'))['grid_deployment.d1'];
    const zdbs = d1.zdbs as { name: string; mode: string; namespace: string; port: number }[];
    expect(zdbs.map((z) => [z.name, z.mode])).toEqual([
      ['zdb1', 'user'],
      ['zdb2', 'seq'],
    ]);
    for (const z of zdbs) expect(z.namespace).toMatch(new RegExp(`-${z.name}$`));
    // upstream's quirk kept: env_vars holds two variables named key and value
    expect((d1.vms as { env_vars: Record<string, string> }[])[0].env_vars).toEqual({ key: 'SSH_KEY', value: SSH_KEY });
  });

  it('the updates of all eight apply in place, side by side, and each destroy empties its state', async () => {
    writeStacks(true);
    await synth();
    await Promise.all(ALL.map(updateAndDestroy));
  });

  it('nothing is left on the grid: no contract, no reserved IP, no workload', async () => {
    expect(await leftOnGrid(home)).toEqual({ contracts: [], reservedIps: [], workloads: [] });
  });
});
