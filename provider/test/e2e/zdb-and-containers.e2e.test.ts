// examples/zdb-and-containers end to end on a local grid: real cdktf synth, apply, namespaces and
// container addresses as outputs, no changes on the next plan, a grown namespace and an added
// worker in place (the other containers untouched), and destroy leaving nothing.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChainClient } from '../../../proto';
import { copyExample, gridform, leftOnGrid, readGrid, devNodeClient } from './cli';

jest.setTimeout(240_000);

describe('examples/zdb-and-containers on a local grid', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-zdb-'));
  const app = copyExample('zdb-and-containers');
  const run = (...args: string[]) => gridform(['-no-color', ...args], { cwd: app, home });
  const setStack = (edit: (s: string) => string) =>
    fs.writeFileSync(path.join(app, 'stack.ts'), edit(fs.readFileSync(path.join(app, 'stack.ts'), 'utf8')));
  const outputs = async () => JSON.parse((await run('output', '-json')).stdout) as Record<string, { value: unknown }>;

  beforeAll(async () => {
    expect((await gridform(['grid', 'up', '--port', '0', '--nodes', '1'], { home })).code).toBe(0);
  });
  afterAll(async () => {
    await gridform(['grid', 'down', '--purge'], { home });
    fs.rmSync(app, { recursive: true, force: true });
  });

  it('applies: two containers on the network, two namespaces on the node', async () => {
    const apply = await run('apply', '-auto-approve');
    expect(apply.stderr).not.toContain('Error');
    expect(apply.stdout).toContain('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');
    const out = await outputs();
    expect(out.worker_ips.value).toEqual(['10.50.2.2', '10.50.2.3']);
    expect(String(out.cache_namespace.value)).toMatch(/^\d+-cache$/);
    expect(out.cache_port.value).toBe(9900);
    expect((await run('plan', '-skip-synth', '-detailed-exitcode')).code).toBe(0);
  });

  it('a grown namespace and one more worker change the deployment in place', async () => {
    setStack((s) =>
      s
        .replace('props.cacheSize ?? 5', 'props.cacheSize ?? 8')
        .replace('props.workers ?? 2', 'props.workers ?? 3')
        .replace('props.workers ?? 2', 'props.workers ?? 3'),
    );
    const plan = await run('plan');
    expect(plan.stdout).toContain('# grid_deployment.app will be updated in-place');
    expect(plan.stdout).toMatch(/~ size += 5 -> 8/);
    expect((await run('apply', '-skip-synth', '-auto-approve')).stdout).toContain('0 added, 1 changed, 0 destroyed');
    expect((await outputs()).worker_ips.value).toEqual(['10.50.2.2', '10.50.2.3', '10.50.2.4']);
    const grid = readGrid(home);
    const node = devNodeClient(grid, grid.nodes[0]);
    try {
      const d = (await node.list(grid.devAccount.twinId)).find((x) => x.workloads.some((w) => w.type === 'container'))!;
      const versions = Object.fromEntries(d.workloads.map((w) => [w.name, w.version]));
      expect(versions).toMatchObject({ worker1: 0, worker2: 0, cache: 1, worker3: 1, log: 0, shared: 0 });
    } finally {
      node.close();
    }
    expect((await run('plan', '-skip-synth', '-detailed-exitcode')).code).toBe(0);
  });

  it('a new deployment name replaces it', async () => {
    setStack((s) => s.replace("name: 'app',\n      networkName", "name: 'app_v2',\n      networkName"));
    const plan = await run('plan');
    expect(plan.stdout).toContain('# grid_deployment.app must be replaced');
    expect((await run('apply', '-skip-synth', '-auto-approve')).stdout).toContain('1 added, 0 changed, 1 destroyed');
    expect((await run('plan', '-skip-synth', '-detailed-exitcode')).code).toBe(0);
  });

  it('destroy leaves no contract', async () => {
    expect((await run('destroy', '-skip-synth', '-auto-approve')).code).toBe(0);
    const chain = new ChainClient(readGrid(home).chain.address);
    try {
      expect((await chain.contracts({ twinId: readGrid(home).devAccount.twinId })).filter((c) => c.state !== 'Deleted')).toEqual([]);
      expect(await leftOnGrid(home)).toEqual({ contracts: [], reservedIps: [], workloads: [] });
    } finally {
      chain.close();
    }
  });
});
