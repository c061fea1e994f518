// Eight `gridform apply` processes from eight folders at once onto one local grid of two nodes, as
// eight teams sharing one twin would run them: each folder a network on both nodes with wireguard
// access and a VM, half of the VMs with a public IP. Nothing the processes allocate may collide:
// every apply succeeds, each network holds its own wireguard port on each node, every peer and
// wg-quick endpoint names the port the node gave it. Then eight destroys at once leave no
// contract, reserved public IP or workload.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NodeClient, type node } from '../../../proto';
import { gridform, leftOnGrid, readGrid, type Run } from './cli';

jest.setTimeout(120_000);

const FOLDERS = 8;

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
          vms: [{ name: 'web', flist: 'https://hub.grid.tf/tf-official-apps/base:latest.flist', cpu: 1, memory: 512, publicip: i < FOLDERS / 2 }],
        },
      },
    },
  };
}

/** A failed run's output, so a red test says what the user saw. */
function failures(runs: Run[]): string[] {
  return runs.flatMap((r, i) => (r.code === 0 ? [] : [`folder ${i}: exit ${r.code}: ${r.stderr.trim() || r.stdout.slice(-2000)}`]));
}

function stateOf(dir: string): { outputs: Record<string, { value: unknown }>; resources: { type: string; instances: { attributes: Record<string, unknown> }[] }[] } {
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
    expect((await gridform(['grid', 'up', '--port', '0', '--nodes', '2', '--gateways', '1'], { home })).code).toBe(0);
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
      const client = new NodeClient(n.address);
      try {
        const held: node.Workload__Output[] = (await client.list(grid.devAccount.twinId)).flatMap((d) => d.workloads.filter((w) => w.type === 'network'));
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
    const publicIps = dirs.flatMap((dir) => stateOf(dir).resources.filter((r) => r.type === 'grid_deployment').flatMap((r) => r.instances.flatMap((x) => (x.attributes.vms as { computedip: string }[]).map((vm) => vm.computedip))));
    expect(publicIps.filter(Boolean)).toHaveLength(FOLDERS / 2);
    expect(new Set(publicIps.filter(Boolean)).size).toBe(FOLDERS / 2);

    const destroyStarted = Date.now();
    const destroys = await inAll('destroy', '-auto-approve');
    const destroySeconds = (Date.now() - destroyStarted) / 1000;
    expect(failures(destroys)).toEqual([]);
    expect(await leftOnGrid(home)).toEqual({ contracts: [], reservedIps: [], workloads: [] });
    process.stdout.write(`${FOLDERS} concurrent applies: ${applySeconds.toFixed(1)} s; ${FOLDERS} concurrent destroys: ${destroySeconds.toFixed(1)} s\n`);
  });
});
