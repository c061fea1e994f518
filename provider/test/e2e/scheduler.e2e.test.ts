// grid_scheduler on a 6-node local grid, with terraform-provider-grid's request block: requests
// upstream satisfies get a node (sizes in MB, reserves counted as Grid Proxy counts them), each pick
// takes its memory and its farm's public IPs from the requests after it, distinct requests avoid
// every node of the scheduler, the filters (public_config, farm_id, node_exclude, dedicated,
// certified, public_ips_count) hold, picks stay put while their request is unchanged, and a request
// no node fits is an error naming it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gridform } from './cli';

const ZDB = { name: 'db', size: 1, password: 'pw' };

jest.setTimeout(300_000);

type Request = Record<string, unknown>;
const MiB = 2 ** 20;
const GiB = 2 ** 30;

/** yggdrasil and wireguard are required, as upstream */
const req = (name: string, rest: Request = {}): Request => ({ name, yggdrasil: false, wireguard: false, ...rest });

function stack(requests: Request[], deployOn?: string): unknown {
  return {
    terraform: { required_providers: { grid: { source: 'gridform/grid' } } },
    provider: { grid: [{ network: 'local' }] },
    resource: {
      grid_scheduler: { pick: { requests } },
      ...(deployOn ? { grid_deployment: { db: { node: `\${grid_scheduler.pick.nodes["${deployOn}"]}`, zdbs: [ZDB] } } } : {}),
    },
    output: { nodes: { value: '${grid_scheduler.pick.nodes}' } },
  };
}

describe('grid_scheduler on a 6-node local grid', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-sched-'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-sched-stack-'));
  const write = (doc: unknown) => fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(doc));
  const run = (...args: string[]) => gridform(['-no-color', ...args], { cwd: dir, home });
  const picks = async () => JSON.parse((await run('output', '-json', 'nodes')).stdout) as Record<string, number>;
  const explorer = () => (JSON.parse(fs.readFileSync(path.join(home, 'grid.json'), 'utf8')) as { explorer: { url: string } }).explorer.url;
  type Capacity = { mru: number };
  const nodeRecord = async (id: number) =>
    (await (await fetch(`${explorer()}/nodes/${id}`)).json()) as { capacity: { total_resources: Capacity; used_resources: Capacity } };
  const freeMemory = async (id: number) => {
    const { total_resources: total, used_resources: used } = (await nodeRecord(id)).capacity;
    return total.mru - used.mru;
  };
  const base = [req('gw', { public_config: true }), req('mounts', { cru: 1, sru: 1024 * 10, mru: 1024, wireguard: true })];

  beforeAll(async () => {
    expect((await gridform(['grid', 'up', '--port', '0', '--nodes', '6'], { home })).code).toBe(0);
  });
  afterAll(async () => {
    await run('destroy', '-auto-approve');
    await gridform(['grid', 'down', '--purge'], { home });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("places upstream's mounts request (sru 10240 MB, mru 1024 MB), a gateway, and a distinct request apart from both", async () => {
    write(stack([...base, req('apart', { mru: 512, distinct: true })], 'apart'));
    const apply = await run('apply', '-auto-approve');
    expect(apply.stderr).toBe('');
    // node 1 is the grid's gateway (a domain); mounts fits there too; distinct avoids every pick
    expect(await picks()).toEqual({ gw: 1, mounts: 1, apart: 2 });
    const state = JSON.parse(fs.readFileSync(path.join(dir, 'terraform.tfstate'), 'utf8'));
    expect(state.resources.find((r: { type: string }) => r.type === 'grid_deployment').instances[0].attributes.node).toBe(2);
    expect((await run('plan', '-detailed-exitcode')).code).toBe(0);
  });

  it('reads free memory as total - used from Grid Proxy records (reserves included): all of it fits, one MB more does not', async () => {
    const { total_resources: total, used_resources: used } = (await nodeRecord(3)).capacity;
    // Grid Proxy's used memory of an empty node is its reserve: a tenth, at least 2 GiB
    expect(used.mru).toBe(Math.max(Math.floor(total.mru / 10), 2 * GiB));
    const freeMb = Math.floor((await freeMemory(3)) / MiB);
    const only3 = { farm_id: 1, node_exclude: [1, 5] };
    write(stack([...base, req('apart', { mru: 512, distinct: true }), req('all', { mru: freeMb, ...only3 })]));
    expect((await run('apply', '-auto-approve')).code).toBe(0);
    expect((await picks()).all).toBe(3);
    write(stack([...base, req('apart', { mru: 512, distinct: true }), req('all', { mru: freeMb + 1, ...only3 })]));
    const apply = await run('apply', '-auto-approve');
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain(`no node fits request "all" (mru ${freeMb + 1}, farm_id 1, node_exclude [1, 5])`);
  });

  it("counts each pick's memory and its farm's public IPs against the requests after it", async () => {
    const freeMb = Math.floor((await freeMemory(2)) / MiB);
    // more than half of what node 2 can still reserve, twice
    const half = Math.floor(freeMb / 2) + 1;
    const memory = [req('a', { mru: half, farm_id: 2 }), req('b', { mru: half, farm_id: 2 })];
    write(stack(memory));
    expect((await run('apply', '-auto-approve')).code).toBe(0);
    expect(await picks()).toEqual({ a: 2, b: 4 });
    write(stack([...memory, req('ips1', { public_ips_count: 10, farm_id: 1 }), req('ips2', { public_ips_count: 10, farm_id: 1 })]));
    const apply = await run('apply', '-auto-approve');
    expect(apply.code).toBe(1);
    // farm 1 has 16 free public IPs: the first request takes 10, leaving 6 for the second
    expect(apply.stderr).toContain('no node fits request "ips2" (farm_id 1, public_ips_count 10)');
  });

  it('dedicated picks a node that can be rented whole (no contract on it); certified finds none on a DIY grid', async () => {
    write(stack([req('whole', { dedicated: true, farm_id: 2 })], 'whole'));
    // node 2 holds the zdb of the first test (destroyed by now: node 2 is empty again)
    const apply = await run('apply', '-auto-approve');
    expect(apply.stderr).toBe('');
    expect((await picks()).whole).toBe(2);
    write(stack([req('whole', { dedicated: true, farm_id: 2 }), req('next', { dedicated: true, farm_id: 2 })], 'whole'));
    expect((await run('apply', '-auto-approve')).code).toBe(0);
    expect((await picks()).next).toBe(4); // node 2 now holds a contract: not rentable any more
    write(stack([req('cert', { certified: true })]));
    const cert = await run('apply', '-auto-approve');
    expect(cert.code).toBe(1);
    expect(cert.stderr).toContain('no node fits request "cert" (certified)');
  });

  it('refuses a request without yggdrasil or wireguard, as upstream requires both', async () => {
    write(stack([{ name: 'x', mru: 1 }]));
    const plan = await run('plan');
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(/yggdrasil/);
    expect(plan.stderr).toMatch(/wireguard/);
  });

  it('finds nodes through the grid explorer (Grid Proxy): without it a new request is refused, naming it', async () => {
    write(stack(base));
    expect((await run('apply', '-auto-approve')).code).toBe(0);
    const grid = JSON.parse(fs.readFileSync(path.join(home, 'grid.json'), 'utf8')) as { explorer: { pid: number; url: string } };
    process.kill(grid.explorer.pid, 'SIGTERM');
    while (
      await fetch(grid.explorer.url).then(
        () => true,
        () => false,
      )
    )
      await new Promise((r) => setTimeout(r, 50));
    write(stack([...base, req('later', { mru: 256 })]));
    const apply = await run('apply', '-auto-approve');
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain(`cannot reach the Grid Proxy (explorer) at ${grid.explorer.url}`);
    expect((await gridform(['grid', 'up'], { home })).code).toBe(0);
    expect((await run('apply', '-auto-approve')).code).toBe(0);
    expect(await picks()).toEqual({ gw: 1, mounts: 1, later: 1 });
  });
});
