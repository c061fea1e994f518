// examples/network-wireguard end to end on a local grid: real cdktf synth, apply, a wg-quick file
// whose peer is the access node's key at its public IPv4 and listen port, the access node holding
// your machine as a peer, VMs on both nodes with addresses from their node's subnet, no changes
// on the next plan, a third node joining and leaving the network in place, and destroy leaving no
// contract.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChainClient } from '../../../proto';
import { copyExample, gridform, leftOnGrid, readGrid, devNodeClient } from './cli';

jest.setTimeout(480_000);

describe('examples/network-wireguard on a local grid', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-wg-'));
  const app = copyExample('network-wireguard');
  const run = (...args: string[]) => gridform(['-no-color', ...args], { cwd: app, home });

  beforeAll(async () => {
    expect((await gridform(['grid', 'up', '--port', '0', '--nodes', '3'], { home })).code).toBe(0);
  });
  afterAll(async () => {
    await gridform(['grid', 'down', '--purge'], { home });
    fs.rmSync(app, { recursive: true, force: true });
  });

  it('applies: VMs on both nodes, and a wg-quick file for your machine through node 1', async () => {
    const apply = await run('apply', '-auto-approve');
    expect(apply.stderr).not.toContain('Error');
    expect(apply.stdout).toContain('Apply complete! Resources: 3 added, 0 changed, 0 destroyed.');
    const outputs = JSON.parse((await run('output', '-json')).stdout) as Record<string, { value: unknown; sensitive: boolean }>;
    expect(outputs.node1_ips.value).toEqual(['10.20.2.2', '10.20.2.3']);
    expect(outputs.node2_ips.value).toEqual(['10.20.3.2', '10.20.3.3']);
    expect(outputs.wg_config.sensitive).toBe(true);
    const conf = String(outputs.wg_config.value);
    // as upstream's grid client writes it (GenerateWGConfig): a leading newline, a trailing tab
    expect(conf.split('\n')).toEqual([
      '',
      '[Interface]',
      'Address = 100.64.20.4',
      expect.stringMatching(/^PrivateKey = [A-Za-z0-9+/]{43}=$/),
      '[Peer]',
      expect.stringMatching(/^PublicKey = [A-Za-z0-9+/]{43}=$/),
      'AllowedIPs = 10.20.0.0/16, 100.64.0.0/16',
      'PersistentKeepalive = 25',
      expect.stringMatching(/^Endpoint = 203\.0\.113\.254:\d+$/),
      '\t',
    ]);

    // node 1 holds your machine as a peer, with the public key matching the config's private key
    const grid = readGrid(home);
    const node1 = devNodeClient(grid, grid.nodes[0]);
    const chain = new ChainClient(grid.chain.address);
    try {
      const net = (await node1.list(grid.devAccount.twinId)).flatMap((d) => d.workloads).find((w) => w.type === 'network')!;
      const data = JSON.parse(net.data) as { wireguard_listen_port: number; peers: { subnet: string }[] };
      expect(data.peers.map((p) => p.subnet)).toEqual(['10.20.3.0/24', '10.20.4.0/24']);
      expect(conf).toContain(`Endpoint = 203.0.113.254:${data.wireguard_listen_port}`);
      expect((await run('plan', '-skip-synth', '-detailed-exitcode')).code).toBe(0);

      // one more VM per node is an update in place; moving the first node's VMs to node 2 replaces that deployment
      const stackFile = path.join(app, 'stack.ts');
      const edit = (from: string, to: string) => fs.writeFileSync(stackFile, fs.readFileSync(stackFile, 'utf8').replace(from, to));
      edit('props.vmsPerNode ?? 2', 'props.vmsPerNode ?? 3');
      const more = await run('plan');
      expect(more.stdout).toContain('# grid_deployment.vms_1 will be updated in-place');
      expect((await run('apply', '-skip-synth', '-auto-approve')).stdout).toContain('0 added, 2 changed, 0 destroyed');

      // a third node joins the network in place: the first two keep their contracts and subnets,
      // node 3 takes the first free subnet (10.20.4.0/24 is your machine's), and every node peers with it
      const networkOn = async (node: { id: number; address: string }) => {
        const client = devNodeClient(grid, node);
        try {
          const d = (await client.list(grid.devAccount.twinId)).find((x) =>
            x.workloads.some((w) => w.type === 'network' && w.result?.state !== 'deleted'),
          );
          return (
            d && { contractId: d.contractId, data: JSON.parse(d.workloads[0].data) as { subnet: string; peers: { subnet: string }[] } }
          );
        } finally {
          client.close();
        }
      };
      const [net1, net2] = [await networkOn(grid.nodes[0]), await networkOn(grid.nodes[1])];
      edit('props.nodes ?? [1, 2]', 'props.nodes ?? [1, 2, 3]');
      const grow = await run('plan');
      expect(grow.stdout).toContain('# grid_network.network will be updated in-place');
      expect(grow.stdout).toContain('# grid_deployment.vms_3 will be created');
      expect(grow.stdout).toContain('          + 3,\n        ]'); // the node list gains node 3, nothing else
      expect(grow.stdout).toContain('          + "3" = "10.20.5.0/24"'); // and the plan already knows its subnet
      expect((await run('apply', '-skip-synth', '-auto-approve')).stdout).toContain('1 added, 1 changed, 0 destroyed');
      const grown = JSON.parse((await run('output', '-json')).stdout) as Record<string, { value: unknown }>;
      expect(grown.node3_ips.value).toEqual(['10.20.5.2', '10.20.5.3', '10.20.5.4']);
      expect(grown.wg_config.value).toBe(conf);
      const [after1, after2, net3] = await Promise.all(grid.nodes.slice(0, 3).map((n) => networkOn(n)));
      expect([after1!.contractId, after2!.contractId]).toEqual([net1!.contractId, net2!.contractId]);
      expect(net3!.data.subnet).toBe('10.20.5.0/24');
      expect(after1!.data.peers.map((p) => p.subnet)).toEqual(['10.20.3.0/24', '10.20.5.0/24', '10.20.4.0/24']);
      expect(net3!.data.peers.map((p) => p.subnet)).toEqual(['10.20.2.0/24', '10.20.3.0/24']);
      expect((await run('plan', '-skip-synth', '-detailed-exitcode')).code).toBe(0);

      // and leaves it in place: its contract is cancelled, the others drop it from their peers
      edit('props.nodes ?? [1, 2, 3]', 'props.nodes ?? [1, 2]');
      expect((await run('apply', '-auto-approve')).stdout).toContain('0 added, 1 changed, 1 destroyed');
      expect(await networkOn(grid.nodes[2])).toBeUndefined();
      expect((await networkOn(grid.nodes[0]))!.data.peers.map((p) => p.subnet)).toEqual(['10.20.3.0/24', '10.20.4.0/24']);
      expect((await run('plan', '-skip-synth', '-detailed-exitcode')).code).toBe(0);
      edit('node,\n        name: `private_${n + 1}`', 'node: 2,\n        name: `private_${n + 1}`');
      const moved = await run('plan');
      expect(moved.stdout).toContain('# grid_deployment.vms_1 must be replaced');
      expect((await run('apply', '-skip-synth', '-auto-approve')).stdout).toContain('1 added, 0 changed, 1 destroyed');
      expect((await run('plan', '-skip-synth', '-detailed-exitcode')).code).toBe(0);
      expect((await run('destroy', '-skip-synth', '-auto-approve')).code).toBe(0);
      expect((await chain.contracts({ twinId: grid.devAccount.twinId })).filter((c) => c.state !== 'Deleted')).toEqual([]);
      expect(await leftOnGrid(home)).toEqual({ contracts: [], reservedIps: [], workloads: [] });
    } finally {
      node1.close();
      chain.close();
    }
  });
});
