// A farmer's farm and nodes, and a node that goes down under a user's deployments, on a local grid
// of separate processes driven through the built gridform command:
// - the farmer creates a farm, adds two IPs and joins two nodes; a user deploys on them (one through
//   grid_scheduler, one on a fixed node with a public IP of the farm); chain nodes shows both up
//   with their version; the farmer's bad inputs are refused and change nothing;
// - node stop, then two hours of chain time: the node is down on chain; plan warns once naming it
//   and its contract and moves the scheduler's pick with the reason; apply replaces that deployment
//   on a healthy node (the old contract cancelled) and fails fast on a new one aimed at the down
//   node, naming it, while the rest is applied; nothing leaks.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChainClient } from '../../../proto';
import { gridform, leftOnGrid, readGrid } from './cli';

jest.setTimeout(300_000);

const FLIST = 'https://hub.grid.tf/tf-official-apps/base:latest.flist';

type ChainNode = { id: number; farmId: number; status: string; version: string; lastReport: number };

function stack(farmId: number, extra: Record<string, unknown> = {}): unknown {
  return {
    terraform: { required_providers: { grid: { source: 'gridform/grid' } } },
    provider: { grid: [{ network: 'local' }] },
    resource: {
      grid_scheduler: {
        pick: { requests: [{ name: 'db', farm_id: farmId, mru: 256, distinct: true, yggdrasil: false, wireguard: false }] },
      },
      grid_network: { net: { name: 'net', nodes: [3], ip_range: '10.20.0.0/16' } },
      grid_deployment: {
        moving: { node: '${grid_scheduler.pick.nodes["db"]}', zdbs: [{ name: 'db', size: 1, password: 'pw' }] },
        fixed: {
          node: 3,
          network_name: '${grid_network.net.name}',
          vms: [{ name: 'vm', flist: FLIST, cpu: 1, memory: 256, publicip: true }],
        },
        ...extra,
      },
    },
  };
}

describe('farmers and node lifecycle on a local grid', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-lifecycle-'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-lifecycle-stack-'));
  const write = (doc: unknown) => fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(doc));
  const cli = (args: string[], env: Record<string, string> = {}) => gridform(['-no-color', ...args], { cwd: dir, home, env });
  const nodes = async () => JSON.parse((await cli(['chain', 'nodes', '--json'])).stdout) as ChainNode[];
  const farm = async (id: number) =>
    (JSON.parse((await cli(['farm', 'list', '--json'])).stdout) as { id: number; publicIps: { ip: string; contractId: number }[] }[]).find(
      (f) => f.id === id,
    );
  let farmId = 0;

  beforeAll(async () => {
    expect((await gridform(['grid', 'up', '--port', '0', '--nodes', '1', '--farms', '1'], { home })).code).toBe(0);
  });
  afterAll(async () => {
    await cli(['destroy', '-auto-approve']);
    await gridform(['grid', 'down', '--purge'], { home });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a farmer creates a farm, adds two IPs and joins two nodes; a deployment on them shows both up with their version', async () => {
    const created = await cli(['farm', 'create', 'lifecycle-farm', '--json']);
    expect(created.code).toBe(0);
    farmId = (JSON.parse(created.stdout) as { id: number }).id;
    for (const ip of ['198.51.100.10/24', '198.51.100.11/24']) {
      expect((await cli(['farm', 'add-ip', '--farm', String(farmId), ip, '--gateway', '198.51.100.1'])).code).toBe(0);
    }
    for (const expected of [2, 3]) {
      const joined = await cli(['node', 'join', '--farm', String(farmId)]);
      expect(joined.stdout).toContain(`Node ${expected} joined farm ${farmId}`);
    }
    write(stack(farmId));
    const apply = await cli(['apply', '-auto-approve']);
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
    const mine = (await nodes()).filter((n) => n.farmId === farmId);
    expect(mine.map((n) => ({ id: n.id, status: n.status, version: n.version }))).toEqual([
      { id: 2, status: 'up', version: '0.1.0' },
      { id: 3, status: 'up', version: '0.1.0' },
    ]);
    expect((await farm(farmId))!.publicIps.filter((ip) => ip.contractId)).toHaveLength(1);
  });

  it("a node joins from another host's folder (--chain, --node-data): in the farm on chain, not in this grid's file", async () => {
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-lifecycle-remote-'));
    const grid = JSON.parse(fs.readFileSync(path.join(home, 'grid.json'), 'utf8')) as {
      chain: { address: string };
      farmer: { mnemonic: string };
    };
    const env = { MNEMONIC: grid.farmer.mnemonic };
    const nodeData = path.join(elsewhere, 'node');
    const args = ['-no-color', 'node', 'join', '--farm', String(farmId), '--chain', grid.chain.address, '--node-data', nodeData, '--json'];
    const joined = await gridform(args, { cwd: dir, home: elsewhere, env });
    try {
      expect(joined.code).toBe(0);
      const entry = JSON.parse(joined.stdout) as { id: number; pid: number; farmId: number };
      expect(entry).toMatchObject({ id: 4, farmId });
      expect((await nodes()).find((n) => n.id === 4)).toMatchObject({ farmId, status: 'up', version: '0.1.0' });
      expect(fs.existsSync(path.join(nodeData, 'node.sqlite'))).toBe(true);
      expect(readGrid(home).nodes.map((n) => n.id)).toEqual([1, 2, 3]);
      process.kill(entry.pid, 'SIGTERM');
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it("refuses bad input, changing nothing: an IP twice, a used IP, another's farm, a farm or version that does not exist", async () => {
    const before = await farm(farmId);
    const gridBefore = fs.readFileSync(path.join(home, 'grid.json'), 'utf8');
    const twice = await cli(['farm', 'add-ip', '--farm', String(farmId), '198.51.100.10/24', '--gateway', '198.51.100.1']);
    expect(twice.stderr).toContain(`public IP 198.51.100.10/24 is already registered on farm ${farmId}`);
    const used = before!.publicIps.find((ip) => ip.contractId)!;
    const removeUsed = await cli(['farm', 'remove-ip', '--farm', String(farmId), used.ip]);
    expect(removeUsed.stderr).toContain(`public IP ${used.ip} of farm ${farmId} is used by contract ${used.contractId}`);
    const other = JSON.parse((await cli(['account', 'create', '--fund', '5', '--json'])).stdout) as { mnemonic: string; twinId: number };
    const intruder = await cli(['farm', 'remove-ip', '--farm', String(farmId), '198.51.100.11/24'], { MNEMONIC: other.mnemonic });
    expect(intruder.stderr).toContain(`farm ${farmId} belongs to twin 1, not to you (twin ${other.twinId})`);
    const joinOthers = await cli(['node', 'join', '--farm', String(farmId)], { MNEMONIC: other.mnemonic });
    expect(joinOthers.stderr).toContain(`farm ${farmId} belongs to twin 1, not to you`);
    const powerOthers = await cli(['node', 'power', '2', '--target', 'down'], { MNEMONIC: other.mnemonic });
    expect(powerOthers.stderr).toContain(`only the farmer of farm ${farmId} (twin 1) may power node 2 up or down`);
    const joinNowhere = await cli(['node', 'join', '--farm', '77']);
    expect(joinNowhere.stderr).toContain('farm 77 does not exist');
    const noVersion = await cli(['node', 'upgrade', '2', '--to', '9.9']);
    expect(noVersion.stderr).toContain('zos-sim has no version "9.9": the versions are 0.1.0, 0.2.0, 0.2.0-lite');
    const gridNoVersion = await cli(['grid', 'upgrade', '--to', '9.9']);
    expect(gridNoVersion.stderr).toContain('zos-sim has no version "9.9"');
    const running = await cli(['node', 'start', '2']);
    expect(running.stderr).toMatch(/node 2 is running already \(process \d+\)/);
    const unknown = await cli(['node', 'stop', '99']);
    expect(unknown.stderr).toContain('node 99 is not a node of the local grid');
    const refused = [twice, removeUsed, intruder, joinOthers, powerOthers, joinNowhere, noVersion, gridNoVersion, running, unknown];
    for (const r of refused) expect(r.code).toBe(1);
    expect(await farm(farmId)).toEqual(before);
    expect(fs.readFileSync(path.join(home, 'grid.json'), 'utf8')).toBe(gridBefore);
    expect((await nodes()).map((n) => [n.id, n.status])).toEqual([
      [1, 'up'],
      [2, 'up'],
      [3, 'up'],
      [4, 'up'],
    ]);
  });

  it('a stopped node is down after 2 h; plan warns once, moves the pick; apply moves it, fails fast on the down node', async () => {
    const state = () =>
      JSON.parse(fs.readFileSync(path.join(dir, 'terraform.tfstate'), 'utf8')) as {
        resources: { type: string; name: string; instances: { attributes: Record<string, unknown> }[] }[];
      };
    const attrs = (name: string) => state().resources.find((r) => r.name === name)!.instances[0].attributes;
    const oldContract = Number(attrs('moving').id);
    expect(attrs('moving').node).toBe(2);
    expect((await cli(['node', 'stop', '2'])).code).toBe(0);
    // before the chain notices (its last report is recent), the node does not answer: kept, not recreated
    const early = await cli(['plan', '-detailed-exitcode']);
    const earlyOut = early.stdout + early.stderr;
    expect(earlyOut).toMatch(/Node 2 is unreachable: node 2 at \S+ is unreachable \(connection refused\)/);
    expect(earlyOut).toMatch(/Request "db" moves from node 2 to node 3/);
    expect(earlyOut).not.toMatch(/grid_deployment\.fixed (will|must)/);
    expect(early.code).toBe(2);
    const advance = await cli(['chain', 'advance', '--hours', '2']);
    expect(advance.stdout).toMatch(/Nodes 2, 4 did not report uptime since: down on the chain\./);
    // settled when advance returns: the nodes still running are up again
    expect((await nodes()).map((n) => [n.id, n.status])).toEqual([
      [1, 'up'],
      [2, 'down'],
      [3, 'up'],
      [4, 'down'],
    ]);
    await until(async () => (await nodes()).filter((n) => n.id !== 4).every((n) => n.status === (n.id === 2 ? 'down' : 'up')));

    const plan = await cli(['plan', '-detailed-exitcode']);
    expect(plan.code).toBe(2);
    const out = plan.stdout + plan.stderr;
    expect(out.match(/Node 2 is down since/g)).toHaveLength(1);
    expect(out).toContain(`your contract ${oldContract} on it keeps its state as recorded`);
    expect(out).toMatch(/Request "db" moves from node 2 to node 3/);
    expect(out).toMatch(/grid_deployment\.moving must be replaced/);
    expect(out).not.toMatch(/grid_deployment\.fixed (will|must)/);

    write(stack(farmId, { stuck: { node: 2, zdbs: [{ name: 'late', size: 1, password: 'pw' }] } }));
    const apply = await cli(['apply', '-auto-approve']);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toMatch(/node 2 is down since .*: nothing was changed on it/);
    expect(attrs('moving').node).toBe(3);
    expect(state().resources.some((r) => r.name === 'stuck')).toBe(false);
    const chain = new ChainClient(readGrid(home).chain.address);
    try {
      expect((await chain.contract(oldContract)).state).toBe('Deleted');
      expect((await chain.contract(Number(attrs('moving').id))).nodeId).toBe(3);
    } finally {
      chain.close();
    }
  });

  it('the node started again removes the cancelled deployment; after destroy nothing is left', async () => {
    write(stack(farmId));
    expect((await cli(['node', 'start', '2'])).code).toBe(0);
    expect((await nodes()).find((n) => n.id === 2)!.status).toBe('up');
    expect((await cli(['destroy', '-auto-approve'])).code).toBe(0);
    expect(await leftOnGrid(home)).toEqual({ contracts: [], reservedIps: [], workloads: [] });
  });
});

async function until(ok: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}
