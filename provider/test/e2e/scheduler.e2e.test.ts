// grid_scheduler on a local grid: the same requests give the same nodes, a deployment lands on
// its pick, picks stay put while their request is unchanged, and a request no node fits is an
// error naming it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gridform } from './cli';

jest.setTimeout(180_000);

type Request = Record<string, unknown>;

function stack(requests: Request[], withDeployment = true): unknown {
  return {
    terraform: { required_providers: { grid: { source: 'gridform/grid' } } },
    provider: { grid: [{ network: 'local' }] },
    resource: {
      grid_scheduler: { pick: { requests } },
      ...(withDeployment
        ? { grid_deployment: { db: { node: '${grid_scheduler.pick.nodes["small"]}', zdbs: [{ name: 'db', size: 1 }] } } }
        : {}),
    },
    output: { nodes: { value: '${grid_scheduler.pick.nodes}' } },
  };
}

describe('grid_scheduler on a local grid', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-sched-'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-sched-stack-'));
  const write = (doc: unknown) => fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(doc));
  const run = (...args: string[]) => gridform(['-no-color', ...args], { cwd: dir, home });
  const picks = async () => JSON.parse((await run('output', '-json', 'nodes')).stdout) as Record<string, number>;
  const requests: Request[] = [
    { name: 'gw', gateway: true },
    { name: 'big', mru: 4096, sru: 100, distinct: true },
    { name: 'small', mru: 512, distinct: true },
  ];

  beforeAll(async () => {
    expect((await gridform(['grid', 'up', '--port', '0', '--nodes', '3'], { home })).code).toBe(0);
  });
  afterAll(async () => {
    await run('destroy', '-auto-approve');
    await gridform(['grid', 'down', '--purge'], { home });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('picks the first fitting node for each request, distinct ones apart, and deploys on its pick', async () => {
    write(stack(requests));
    const apply = await run('apply', '-auto-approve');
    expect(apply.stderr).toBe('');
    expect(await picks()).toEqual({ gw: 1, big: 1, small: 2 });
    const state = JSON.parse(fs.readFileSync(path.join(dir, 'terraform.tfstate'), 'utf8'));
    expect(state.resources.find((r: { type: string }) => r.type === 'grid_deployment').instances[0].attributes.node).toBe(2);
    expect((await run('plan', '-detailed-exitcode')).code).toBe(0);
  });

  it('a changed request is placed again; the others keep their node', async () => {
    write(stack([requests[0], requests[1], { name: 'small', mru: 1024, distinct: true, farm_id: 1 }], false));
    expect((await run('apply', '-auto-approve')).code).toBe(0);
    const now = await picks();
    expect(now.gw).toBe(1);
    expect(now.big).toBe(1);
    expect(now.small).toBe(3); // farm 1 holds nodes 1 and 3; node 1 is taken by the distinct "big"
  });

  it('a request no node fits is refused, naming it and what it asked', async () => {
    write(stack([...requests.slice(0, 2), { name: 'small', mru: 512 }, { name: 'huge', mru: 10_000_000 }], false));
    const apply = await run('apply', '-auto-approve');
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain('no node fits request "huge" (mru 10000000)');
  });

  it('finds nodes through the grid explorer (Grid Proxy): without it a new request is refused, naming it', async () => {
    const grid = JSON.parse(fs.readFileSync(path.join(home, 'grid.json'), 'utf8')) as { explorer: { pid: number; url: string } };
    process.kill(grid.explorer.pid, 'SIGTERM');
    while (
      await fetch(grid.explorer.url).then(
        () => true,
        () => false,
      )
    )
      await new Promise((r) => setTimeout(r, 50));
    write(stack([...requests.slice(0, 2), { name: 'small', mru: 512 }, { name: 'later', mru: 256 }], false));
    const apply = await run('apply', '-auto-approve');
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain(`cannot reach the Grid Proxy (explorer) at ${grid.explorer.url}`);
    expect((await gridform(['grid', 'up'], { home })).code).toBe(0);
    expect((await run('apply', '-auto-approve')).code).toBe(0);
    expect((await picks()).later).toBe(1);
  });
});
