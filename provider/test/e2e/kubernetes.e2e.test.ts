// examples/kubernetes end to end on a local grid: real cdktf synth, apply (the master's
// deployment, then the workers' per node, joining the master's address), no changes on the next
// plan, a worker added in place (the workers already there untouched, whatever the default flist
// of the release that made them), a master change replacing the cluster, and destroy.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChainClient } from '../../../proto';
import { copyExample, gridform, leftOnGrid, readGrid, devNodeClient } from './cli';
import { K3S_FLIST } from '../../src/resources/kubernetes';

interface StateFile {
  serial: number;
  resources: { type: string; instances: { attributes: Record<string, unknown> }[] }[];
}

jest.setTimeout(240_000);

describe('examples/kubernetes on a local grid', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-k8s-'));
  const app = copyExample('kubernetes');
  const run = (...args: string[]) => gridform(['-no-color', ...args], { cwd: app, home });
  const setStack = (edit: (s: string) => string) =>
    fs.writeFileSync(path.join(app, 'stack.ts'), edit(fs.readFileSync(path.join(app, 'stack.ts'), 'utf8')));
  const live = async (chain: ChainClient) =>
    (await chain.contracts({ twinId: readGrid(home).devAccount.twinId })).filter((c) => c.state !== 'Deleted');

  /** each worker VM's flist and workload version, as the nodes run them */
  const workerMachines = async () => {
    const grid = readGrid(home);
    const machines = new Map<string, { flist: string; version: number }>();
    for (const n of grid.nodes.slice(0, 2)) {
      const client = devNodeClient(grid, n);
      try {
        for (const w of (await client.list(grid.devAccount.twinId)).flatMap((d) => d.workloads)) {
          if (w.type === 'zmachine' && w.name.startsWith('worker'))
            machines.set(w.name, { flist: (JSON.parse(w.data) as { flist: string }).flist, version: w.version });
        }
      } finally {
        client.close();
      }
    }
    return machines;
  };

  beforeAll(async () => {
    expect((await gridform(['grid', 'up', '--port', '0', '--nodes', '2'], { home })).code).toBe(0);
  });
  afterAll(async () => {
    await gridform(['grid', 'down', '--purge'], { home });
    fs.rmSync(app, { recursive: true, force: true });
  });

  it('applies: workers join the master at its private address with the token', async () => {
    const apply = await run('apply', '-auto-approve');
    expect(apply.stderr).not.toContain('Error');
    expect(apply.stdout).toContain('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');
    const out = JSON.parse((await run('output', '-json')).stdout) as Record<string, { value: string }>;
    expect(out.master_ip.value).toBe('10.60.2.2');
    expect(out.master_public_ip.value).toMatch(/^203\.0\.113\.\d+\/24$/);
    const grid = readGrid(home);
    const node2 = devNodeClient(grid, grid.nodes[1]);
    try {
      const worker = (await node2.list(grid.devAccount.twinId)).flatMap((d) => d.workloads).find((w) => w.name === 'worker2')!;
      const env = (JSON.parse(worker.data) as { env: Record<string, string> }).env;
      expect(env).toMatchObject({ K3S_URL: 'https://10.60.2.2:6443', K3S_TOKEN: 'example-k3s-token', K3S_NODE_NAME: 'worker2' });
      expect(worker.result?.state).toBe('ok');
    } finally {
      node2.close();
    }
    expect((await run('plan', '-skip-synth', '-detailed-exitcode')).code).toBe(0);
  });

  it('a third worker is added in place', async () => {
    setStack((s) => s.replace('props.workers ?? 2', 'props.workers ?? 3'));
    const plan = await run('plan');
    expect(plan.stdout).toContain('# grid_kubernetes.cluster will be updated in-place');
    expect((await run('apply', '-skip-synth', '-auto-approve')).stdout).toContain('0 added, 1 changed, 0 destroyed');
    expect((await run('plan', '-skip-synth', '-detailed-exitcode')).code).toBe(0);
  });

  it("a worker left without flist keeps the flist it runs when the cluster changes, though today's default differs", async () => {
    // a cluster made by a release whose default flist was another: workers run it, the state holds no flist
    const older = 'https://hub.grid.tf/tf-official-apps/threefoldtech-k3s-latest.flist';
    expect(older).not.toBe(K3S_FLIST);
    setStack((s) => s.replace('diskSize: 10,', `diskSize: 10, flist: '${older}',`));
    expect((await run('apply', '-auto-approve')).code).toBe(0);
    setStack((s) => s.replace(`diskSize: 10, flist: '${older}',`, 'diskSize: 10,'));
    const state = JSON.parse((await run('state', 'pull')).stdout) as StateFile;
    const cluster = state.resources.find((r) => r.type === 'grid_kubernetes')!.instances[0].attributes;
    for (const w of cluster.workers as Record<string, unknown>[]) w.flist = null;
    state.serial++;
    fs.writeFileSync(path.join(app, 'older.tfstate'), JSON.stringify(state));
    expect((await run('state', 'push', 'older.tfstate')).code).toBe(0);
    expect((await run('plan', '-detailed-exitcode')).code).toBe(0);

    const flistsBefore = await workerMachines();
    setStack((s) => s.replace('props.workers ?? 3', 'props.workers ?? 4'));
    expect((await run('apply', '-auto-approve')).code).toBe(0);
    const flistsAfter = await workerMachines();
    for (const name of ['worker1', 'worker2', 'worker3']) {
      expect(flistsAfter.get(name)).toEqual({ flist: older, version: flistsBefore.get(name)!.version });
    }
    expect(flistsAfter.get('worker4')!.flist).toBe(K3S_FLIST);
  });

  it('a master change replaces the cluster; destroy leaves no contract', async () => {
    const chain = new ChainClient(readGrid(home).chain.address);
    try {
      const before = (await live(chain)).map((c) => c.id);
      setStack((s) => s.replace('props.masterMemory ?? 2048', 'props.masterMemory ?? 4096'));
      expect((await run('plan')).stdout).toContain('# grid_kubernetes.cluster must be replaced');
      expect((await run('apply', '-skip-synth', '-auto-approve')).code).toBe(0);
      const after = (await live(chain)).map((c) => c.id);
      expect(after.filter((id) => before.includes(id)).length).toBe(2); // only the network's contracts remain from before
      expect((await run('destroy', '-skip-synth', '-auto-approve')).code).toBe(0);
      expect(await live(chain)).toEqual([]);
      expect(await leftOnGrid(home)).toEqual({ contracts: [], reservedIps: [], workloads: [] });
    } finally {
      chain.close();
    }
  });
});
