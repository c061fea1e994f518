// examples/upstream/qsfs (terraform-provider-grid's qsfs example) end to end on a local grid of
// separate processes: real cdktf synth, apply (eight 0-db namespaces, then a qsfs over their
// Yggdrasil addresses mounted in a VM), the outputs upstream prints, no changes on the next plan,
// a bigger cache updated in place with the same metrics endpoint, and destroy leaving nothing.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { copyExample, devNodeClient, gridform, leftOnGrid, readGrid } from './cli';

jest.setTimeout(240_000);

type Outputs = Record<string, { value: string }>;

describe('examples/upstream/qsfs on a local grid', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-qsfs-'));
  const app = copyExample(path.join('upstream', 'qsfs'));
  const run = (...args: string[]) => gridform(['-no-color', ...args], { cwd: app, home });
  const outputs = async () => JSON.parse((await run('output', '-json')).stdout) as Outputs;
  let metrics = '';

  beforeAll(async () => {
    expect((await gridform(['grid', 'up', '--port', '0', '--nodes', '1', '--farms', '1'], { home })).code).toBe(0);
  });
  afterAll(async () => {
    await gridform(['grid', 'down', '--purge'], { home });
    fs.rmSync(app, { recursive: true, force: true });
  });

  it('applies: the qsfs reads the namespaces at their Yggdrasil addresses, the VM mounts it, metrics are output', async () => {
    const apply = await run('apply', '-auto-approve');
    expect(apply.stderr).not.toContain('Error');
    expect(apply.stdout).toContain('Apply complete! Resources: 3 added, 0 changed, 0 destroyed.');
    const out = await outputs();
    metrics = out.metrics.value;
    expect(metrics).toMatch(/^http:\/\/\[30[0-9a-f]:[0-9a-f:]+\]:9100\/metrics$/);
    expect(out.mycelium_ip.value).toMatch(/^[45][0-9a-f]{2}:[0-9a-f:]+$/); // 400::/7, from the network's key and the VM's seed

    const grid = readGrid(home);
    const node = devNodeClient(grid, grid.nodes[0]);
    try {
      const workloads = (await node.list(grid.devAccount.twinId)).flatMap((d) => d.workloads);
      expect(workloads.every((w) => w.result?.state === 'ok')).toBe(true);
      const zdbAt = (name: string) => {
        const r = JSON.parse(workloads.find((w) => w.name === name)!.result!.data) as { ips: string[]; port: number; namespace: string };
        return { address: `[${r.ips[1]}]:${r.port}`, namespace: r.namespace, password: 'password' };
      };
      const qsfs = JSON.parse(workloads.find((w) => w.type === 'qsfs')!.data) as {
        cache: number;
        config: { meta: { config: { backends: unknown[] } }; groups: { backends: unknown[] }[] };
      };
      expect(qsfs.cache).toBe(10240 * 2 ** 20);
      expect(qsfs.config.meta.config.backends).toEqual(['meta1', 'meta2', 'meta3', 'meta4'].map(zdbAt));
      expect(qsfs.config.groups).toEqual([{ backends: ['data1', 'data2', 'data3', 'data4'].map(zdbAt) }]);
      const vm = JSON.parse(workloads.find((w) => w.type === 'zmachine')!.data) as { mounts: unknown[] };
      expect(vm.mounts).toEqual([{ name: 'qsfs', mountpoint: '/qsfs' }]);
    } finally {
      node.close();
    }
    expect((await run('plan', '-skip-synth', '-detailed-exitcode')).code).toBe(0);
  });

  it('a bigger cache updates the qsfs in place, keeping its metrics endpoint; nothing left after destroy', async () => {
    const stack = path.join(app, 'stack.ts');
    fs.writeFileSync(stack, fs.readFileSync(stack, 'utf8').replace('props.cache ?? 10240', 'props.cache ?? 20480'));
    const plan = await run('plan');
    expect(plan.stdout).toContain('# grid_deployment.qsfs will be updated in-place');
    expect(plan.stdout).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
    expect((await run('apply', '-skip-synth', '-auto-approve')).stdout).toContain('0 added, 1 changed, 0 destroyed');
    expect((await outputs()).metrics.value).toBe(metrics);
    expect((await run('plan', '-skip-synth', '-detailed-exitcode')).code).toBe(0);
    expect((await run('destroy', '-skip-synth', '-auto-approve')).code).toBe(0);
    expect(await leftOnGrid(home)).toEqual({ contracts: [], reservedIps: [], workloads: [] });
  });
});
