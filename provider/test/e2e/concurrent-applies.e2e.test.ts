// Eight `gridform apply` processes from eight folders at once onto one local grid of two nodes, as
// eight teams sharing one twin would run them: each folder a network on both nodes with wireguard
// access and a VM, half of the VMs with a public IP. Nothing the processes allocate may collide:
// every apply succeeds, each network holds its own wireguard port on each node, every peer and
// wg-quick endpoint names the port the node gave it. Then eight destroys at once leave no
// contract, reserved public IP or workload. The race a port can lose is also forced, in order:
// another network takes the port right after the provider read the node's list.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChainClient, keyPairFromMnemonic, NodeClient, type node } from '../../../proto';
import { GridContext } from '../../src/grid/context';
import { createNodeDeployment } from '../../src/grid/node-deployment';
import { newWgKeys } from '../../src/grid/wireguard';
import { networkResource } from '../../src/resources/network';
import { devNodeClient, gridform, leftOnGrid, readGrid, type Run } from './cli';

jest.setTimeout(120_000);

const FOLDERS = 8;
/** per farm: the first test takes 2 in each of the two farms; the last asks for one more in farm 1 than it has */
const PUBLIC_IPS = 2;

interface NetworkData {
  subnet: string;
  wireguard_listen_port: number;
  peers: { subnet: string; endpoint: string }[];
}

function stack(i: number) {
  return {
    terraform: { required_providers: { grid: { source: 'gridform/grid' } } },
    provider: { grid: [{ network: 'local' }] },
    resource: {
      grid_network: { net: { name: `team_${i}`, nodes: [1, 2], ip_range: `10.${40 + i}.0.0/16`, add_wg_access: true } },
      grid_deployment: {
        app: {
          node: 1 + (i % 2),
          network_name: '${grid_network.net.name}',
          vms: [
            {
              name: 'web',
              flist: 'https://hub.grid.tf/tf-official-apps/base:latest.flist',
              cpu: 1,
              memory: 512,
              publicip: i < FOLDERS / 2,
            },
          ],
        },
      },
    },
  };
}

/** A failed run's output, so a red test says what the user saw. */
function failures(runs: Run[]): string[] {
  return runs.flatMap((r, i) => (r.code === 0 ? [] : [`folder ${i}: exit ${r.code}: ${r.stderr.trim() || r.stdout.slice(-2000)}`]));
}

/**
 * A provider context in which, on `node`, another network takes each port right after this one
 * proposed it (as an apply running at the same time would), `races` times.
 */
class RacedContext extends GridContext {
  readonly squatters: number[] = [];

  constructor(
    chain: ChainClient,
    home: string,
    private readonly raced: number,
    private races: number,
  ) {
    const grid = readGrid(home);
    super(chain, keyPairFromMnemonic(grid.devAccount.mnemonic), grid.devAccount.twinId, 30_000);
  }

  override async freeWgPort(nodeId: number): Promise<number> {
    const port = await super.freeWgPort(nodeId);
    if (nodeId !== this.raced || this.races-- <= 0) return port;
    const n = this.squatters.length;
    const data = {
      ip_range: '10.99.0.0/16',
      subnet: '10.99.2.0/24',
      wireguard_private_key: newWgKeys().privateKey,
      wireguard_listen_port: port,
      peers: [],
    };
    const workload = { version: 0, name: `squatter_${n}`, type: 'network', data: JSON.stringify(data), metadata: '', description: '' };
    const metadata = { type: 'network', name: `squatter_${n}`, projectName: 'squatters' };
    this.squatters.push((await createNodeDeployment(this, { nodeId, workloads: [workload], publicIps: 0, metadata })).contractId);
    return port;
  }
}

interface StackState {
  outputs: Record<string, { value: unknown }>;
  resources: { type: string; instances: { attributes: Record<string, unknown> }[] }[];
}

function stateOf(dir: string): StackState {
  return JSON.parse(fs.readFileSync(path.join(dir, 'terraform.tfstate'), 'utf8'));
}

describe('concurrent applies from eight folders onto one grid', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-concurrent-'));
  const dirs = Array.from({ length: FOLDERS }, (_, i) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `gridform-concurrent-${i}-`));
    const doc = stack(i);
    Object.assign(doc, { output: { wg_config: { value: '${grid_network.net.access_wg_config}', sensitive: true } } });
    fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(doc));
    return dir;
  });
  const inAll = (...args: string[]) => Promise.all(dirs.map((dir) => gridform(['-no-color', ...args], { cwd: dir, home })));

  beforeAll(async () => {
    expect(
      (await gridform(['grid', 'up', '--port', '0', '--nodes', '2', '--gateways', '1', '--public-ips', String(PUBLIC_IPS)], { home })).code,
    ).toBe(0);
  });
  afterAll(async () => {
    await gridform(['grid', 'down', '--purge'], { home });
    for (const dir of [home, ...dirs]) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('8 of 8 applies succeed with their own wireguard ports and public IPs; 8 destroys at once leave nothing', async () => {
    const started = Date.now();
    const applies = await inAll('apply', '-auto-approve');
    const applySeconds = (Date.now() - started) / 1000;
    expect(failures(applies)).toEqual([]);

    const grid = readGrid(home);
    const networks = new Map<string, Map<number, NetworkData>>(); // network name -> node id -> its data there
    for (const n of grid.nodes) {
      const client = devNodeClient(grid, n);
      try {
        const held: node.Workload__Output[] = (await client.list(grid.devAccount.twinId)).flatMap((d) =>
          d.workloads.filter((w) => w.type === 'network'),
        );
        expect(held.map((w) => w.result?.state)).toEqual(Array(FOLDERS).fill('ok'));
        const ports = held.map((w) => (JSON.parse(w.data) as NetworkData).wireguard_listen_port);
        expect(new Set(ports).size).toBe(FOLDERS);
        expect((await client.wgPorts()).sort()).toEqual([...ports].sort());
        for (const w of held) {
          const byNode = networks.get(w.name) ?? networks.set(w.name, new Map()).get(w.name)!;
          byNode.set(n.id, JSON.parse(w.data) as NetworkData);
        }
      } finally {
        client.close();
      }
    }
    // each network's nodes reach each other at the ports the nodes hold, and your machine reaches node 1 at its port
    const [node1, node2] = grid.nodes;
    for (const [i, dir] of dirs.entries()) {
      const net = networks.get(`team_${i}`)!;
      const on1 = net.get(node1.id)!;
      const on2 = net.get(node2.id)!;
      expect(on1.peers.find((p) => p.subnet === on2.subnet)!.endpoint).toBe(`${node2.address.split(':')[0]}:${on2.wireguard_listen_port}`);
      expect(on2.peers.find((p) => p.subnet === on1.subnet)!.endpoint).toBe(`${node1.address.split(':')[0]}:${on1.wireguard_listen_port}`);
      expect(String(stateOf(dir).outputs.wg_config.value)).toContain(`Endpoint = 203.0.113.254:${on1.wireguard_listen_port}\n`);
    }
    const deployments = dirs.flatMap((dir) =>
      stateOf(dir)
        .resources.filter((r) => r.type === 'grid_deployment')
        .flatMap((r) => r.instances),
    );
    const publicIps = deployments.flatMap((x) => (x.attributes.vms as { computedip: string }[]).map((vm) => vm.computedip));
    expect(publicIps.filter(Boolean)).toHaveLength(FOLDERS / 2);
    expect(new Set(publicIps.filter(Boolean)).size).toBe(FOLDERS / 2);

    const destroyStarted = Date.now();
    const destroys = await inAll('destroy', '-auto-approve');
    const destroySeconds = (Date.now() - destroyStarted) / 1000;
    expect(failures(destroys)).toEqual([]);
    expect(await leftOnGrid(home)).toEqual({ contracts: [], reservedIps: [], workloads: [] });
    process.stdout.write(
      `${FOLDERS} concurrent applies: ${applySeconds.toFixed(1)} s; ${FOLDERS} concurrent destroys: ${destroySeconds.toFixed(1)} s\n`,
    );
  });

  it('a port taken after the node listed it: the network proposes another, and its peers and wg-quick file follow', async () => {
    const grid = readGrid(home);
    const chain = new ChainClient(grid.chain.address);
    const [node1, node2] = grid.nodes.map((n) => devNodeClient(grid, n));
    const contexts: RacedContext[] = [];
    const raced = (races: number) => contexts[contexts.push(new RacedContext(chain, home, 1, races)) - 1];
    const dataOn = async (client: NodeClient, contractId: unknown) => {
      const d = await client.get(grid.devAccount.twinId, Number(contractId));
      return JSON.parse(d.workloads[0].data) as NetworkData;
    };
    const liveContracts = async () => {
      const all = await chain.contracts({ twinId: grid.devAccount.twinId });
      return all
        .filter((c) => c.state !== 'Deleted')
        .map((c) => c.id)
        .sort((a, b) => a - b);
    };
    const node1Endpoint = (port: number) => `${grid.nodes[0].address.split(':')[0]}:${port}`;
    try {
      // created on [2, 1]: node 2 is sent first, naming node 1 (the public one) at the port that then loses the race
      const ctx = raced(1);
      const planned = { name: 'raced', nodes: [2, 1], ip_range: '10.60.0.0/16', add_wg_access: true, description: '' };
      const { state, private: secrets } = await networkResource.create(ctx, planned);
      const ids = state.node_deployment_id as Record<string, number>;
      const [on1, on2] = [await dataOn(node1, ids[1]), await dataOn(node2, ids[2])];
      expect(on1.wireguard_listen_port).not.toBe((await dataOn(node1, ctx.squatters[0])).wireguard_listen_port);
      expect(on2.peers.find((p) => p.subnet === on1.subnet)!.endpoint).toBe(node1Endpoint(on1.wireguard_listen_port));
      expect(String(state.access_wg_config)).toContain(`Endpoint = 203.0.113.254:${on1.wireguard_listen_port}\n`);
      expect(JSON.parse(secrets!).ports).toEqual({ 1: on1.wireguard_listen_port, 2: on2.wireguard_listen_port });
      // the contract of the refused try is gone: only the squatter's and the network's two are live
      expect(await liveContracts()).toEqual([ctx.squatters[0], ids[1], ids[2]].sort((a, b) => a - b));

      // grown from [2] to [2, 1] in place: node 2 is updated first, then node 1 loses its first port
      const growing = raced(1);
      const small = (
        await networkResource.create(growing, { ...planned, name: 'grown', nodes: [2], ip_range: '10.62.0.0/16', add_wg_access: false })
      ).state;
      const proposed = { ...small, nodes: [2, 1] };
      const grown = (await networkResource.update!(growing, small, networkResource.plan!(small, proposed), proposed)).state;
      const grownIds = grown.node_deployment_id as Record<string, number>;
      expect(grownIds[2]).toBe((small.node_deployment_id as Record<string, number>)[2]);
      const [g1, g2] = [await dataOn(node1, grownIds[1]), await dataOn(node2, grownIds[2])];
      expect(growing.squatters).toHaveLength(1);
      expect(g2.peers.find((p) => p.subnet === g1.subnet)!.endpoint).toBe(node1Endpoint(g1.wireguard_listen_port));

      // a node that refuses every port proposed gives up after a few, naming itself, and leaves nothing of the network
      const unlucky = raced(Infinity);
      const failed = networkResource.create(unlucky, { ...planned, name: 'unlucky', ip_range: '10.61.0.0/16' });
      await expect(failed).rejects.toThrow(
        /^node 1 refused 5 wireguard ports in a row, each taken by another network meanwhile; apply again/,
      );
      const squatters = contexts.flatMap((c) => c.squatters);
      expect(await liveContracts()).toEqual([...squatters, ...Object.values(ids), ...Object.values(grownIds)].sort((a, b) => a - b));

      await networkResource.delete(ctx, state);
      await networkResource.delete(ctx, grown);
      for (const id of squatters) await chain.submit(ctx.key, { cancelContract: { contractId: id } });
      expect(await leftOnGrid(home)).toEqual({ contracts: [], reservedIps: [], workloads: [] });
    } finally {
      [node1, node2].forEach((c) => c.close());
      contexts.forEach((c) => c.close());
    }
  });

  it(
    'more public IPs asked at once than the farm has: the chain gives each to one contract, ' +
      'the others fail naming the farm, leaving nothing',
    async () => {
      const contenders = dirs.slice(0, PUBLIC_IPS + 1);
      contenders.forEach((dir, i) => {
        const doc = stack(i);
        Object.assign(doc.resource.grid_network.net, { name: `ips_${i}`, nodes: [1], add_wg_access: false });
        Object.assign(doc.resource.grid_deployment.app, { node: 1 });
        doc.resource.grid_deployment.app.vms[0].publicip = true;
        fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(doc));
      });
      const applies = await Promise.all(contenders.map((dir) => gridform(['-no-color', 'apply', '-auto-approve'], { cwd: dir, home })));
      expect(applies.map((r) => r.code).sort()).toEqual([...Array(PUBLIC_IPS).fill(0), 1]);
      const loser = applies.find((r) => r.code === 1)!;
      expect(loser.stderr).toContain('with grid_deployment.app');
      expect(loser.stderr).toContain(
        'creating the node contract on node 1 failed: farm 1 has 0 free public IPv4 address(es); ' +
          'the contract asks for 1: deploy on a node of a farm with free ones',
      );
      // the loser's network stays (it was created, and is in its state); its deployment left no contract behind
      const left = await leftOnGrid(home, 0);
      expect(left.contracts).toHaveLength(contenders.length + PUBLIC_IPS);
      expect(left.reservedIps).toHaveLength(PUBLIC_IPS);
      const destroys = await Promise.all(contenders.map((dir) => gridform(['-no-color', 'destroy', '-auto-approve'], { cwd: dir, home })));
      expect(failures(destroys)).toEqual([]);
      expect(await leftOnGrid(home)).toEqual({ contracts: [], reservedIps: [], workloads: [] });
    },
  );
});
