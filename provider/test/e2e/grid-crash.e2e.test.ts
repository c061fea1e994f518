// A local grid whose processes are SIGKILLed: an apply then says which node or that the chain
// cannot be reached, at which address, and what to do; `grid status` shows the dead processes;
// `grid up` restarts them on their data and ports, records the new pids, and the grid serves the
// apply again; destroy leaves nothing.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gridform, leftOnGrid, readGrid } from './cli';

jest.setTimeout(180_000);

interface StatusJson {
  running: boolean;
  chain: { pid: number; state: string; address: string };
  nodes: { id: number; pid: number; state: string; address: string }[];
}

describe('grid up after a crash', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-crash-'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-crash-stack-'));
  const run = (...args: string[]) => gridform(['-no-color', ...args], { cwd: dir, home });
  const status = async () => JSON.parse((await gridform(['grid', 'status', '--json'], { home })).stdout) as StatusJson;
  const kill = async (pid: number) => {
    process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 300));
  };

  beforeAll(async () => {
    expect((await gridform(['grid', 'up', '--port', '0', '--nodes', '2'], { home })).code).toBe(0);
    fs.writeFileSync(
      path.join(dir, 'cdk.tf.json'),
      JSON.stringify({
        terraform: { required_providers: { grid: { source: 'gridform/grid' } } },
        provider: { grid: [{ network: 'local' }] },
        resource: {
          grid_network: { net: { name: 'crash', nodes: [1], ip_range: '10.80.0.0/16' } },
          grid_deployment: {
            vm: {
              node: 1,
              network_name: '${grid_network.net.name}',
              vms: [{ name: 'web', flist: 'https://hub/base.flist', cpu: 1, memory: 512 }],
            },
          },
        },
      }),
    );
  });
  afterAll(async () => {
    await gridform(['grid', 'down', '--purge'], { home });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a node SIGKILLed: the apply names it, its address and what to do; grid status shows it dead', async () => {
    const node1 = readGrid(home).nodes.find((n) => n.id === 1)!;
    await kill(node1.pid);
    const apply = await run('apply', '-auto-approve');
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain(`node 1 at ${node1.address} is unreachable (connection refused)`);
    expect(apply.stderr).toContain("`gridform grid up` restarts a local grid's stopped nodes");
    expect(apply.stderr).not.toMatch(/No connection established|ECONNREFUSED/);
    const s = await status();
    expect(s.running).toBe(false);
    expect(s.nodes.map((n) => [n.id, n.state])).toEqual([
      [1, 'dead'],
      [2, 'running'],
    ]);
    expect((await gridform(['grid', 'status'], { home })).stdout).toMatch(
      new RegExp(`node 1 +${node1.address.replace(/\./g, '\\.')} +farm \\d+ +dead \\(process ${node1.pid} is gone\\)`),
    );
  });

  it('the chain SIGKILLed too: the apply names the chain and its address', async () => {
    const chain = readGrid(home).chain;
    await kill(chain.pid);
    expect((await status()).chain.state).toBe('dead');
    const apply = await run('apply', '-auto-approve');
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain(`the chain at ${chain.address} is unreachable (connection refused)`);
    expect(apply.stderr).toContain("`gridform grid up` restarts a local grid's chain");
  });

  it(
    'grid up restarts the chain and the node on their ports, records the new pids, ' +
      'and the grid serves the apply; destroy leaves nothing',
    async () => {
      const before = readGrid(home);
      const started = Date.now();
      const up = await gridform(['grid', 'up'], { home });
      expect(up.code).toBe(0);
      expect(up.stderr).toContain('restarting the chain');
      expect(up.stderr).toContain('restarting node 1');
      expect(up.stderr).not.toContain('restarting node 2');
      expect(Date.now() - started).toBeLessThan(30_000);
      const after = readGrid(home);
      expect(after.chain.address).toBe(before.chain.address);
      expect(after.chain.pid).not.toBe(before.chain.pid);
      expect(after.nodes.map((n) => n.address)).toEqual(before.nodes.map((n) => n.address));
      expect(after.nodes[0].pid).not.toBe(before.nodes[0].pid);
      expect(after.nodes[1].pid).toBe(before.nodes[1].pid);
      const s = await status();
      expect([s.running, s.chain.state, ...s.nodes.map((n) => n.state)]).toEqual([true, 'running', 'running', 'running']);

      const apply = await run('apply', '-auto-approve');
      expect(apply.stderr).toBe('');
      expect(apply.code).toBe(0);
      expect((await run('destroy', '-auto-approve')).code).toBe(0);
      expect(await leftOnGrid(home)).toEqual({ contracts: [], reservedIps: [], workloads: [] });
    },
  );

  it('a node that cannot come up: grid up fails naming it, with the end of its log', async () => {
    const node2 = readGrid(home).nodes.find((n) => n.id === 2)!;
    await kill(node2.pid);
    const data = path.join(home, 'nodes', 'node-2');
    for (const f of ['node.sqlite-wal', 'node.sqlite-shm']) fs.rmSync(path.join(data, f), { force: true });
    fs.writeFileSync(path.join(data, 'node.sqlite'), 'not a database, on purpose'.repeat(200));
    const up = await gridform(['grid', 'up'], { home });
    expect(up.code).toBe(1);
    expect(up.stderr).toContain(
      `node 2 did not come up (it exited with code 1); the end of its log ${path.join(home, 'logs', 'node-2.log')}:`,
    );
    expect(up.stderr).toContain('file is not a database');
    expect((await status()).nodes.map((n) => [n.id, n.state])).toEqual([
      [1, 'running'],
      [2, 'dead'],
    ]);
  });
});
