// examples/hcl-modules, plain HCL with a local module used twice (for_each), on a local grid of
// separate processes: init, plan, apply, a re-plan with no changes, destroy with nothing left; then
// examples/hcl/quickstart, the .tf stock terraform runs, through gridform on the same grid.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gridform, leftOnGrid, REPO } from './cli';

jest.setTimeout(240_000);

describe('examples/hcl-modules on a local grid', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-e2e-hcl-'));
  const dir = fs.mkdtempSync(path.join(REPO, '.test-work-'));

  beforeAll(async () => {
    fs.cpSync(path.join(REPO, 'examples', 'hcl-modules'), dir, { recursive: true });
    const up = await gridform(['grid', 'up', '--port', '0', '--nodes', '2'], { home });
    expect(up.code).toBe(0);
  });

  afterAll(async () => {
    await gridform(['grid', 'down', '--purge'], { home });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('inits offline: the local module recorded, a lock file naming the grid provider', async () => {
    const init = await gridform(['init', '-no-color'], { cwd: dir, home });
    expect(init.stderr).toBe('');
    expect(init.stdout).toContain('- vm in modules/vm');
    expect(fs.readFileSync(path.join(dir, '.terraform.lock.hcl'), 'utf8')).toContain('provider "registry.terraform.io/threefoldtech/grid"');
  });

  it('plans the module twice, with terraform addresses', async () => {
    const plan = await gridform(['plan', '-no-color'], { cwd: dir, home });
    expect(plan.stderr).not.toContain('Error');
    expect(plan.stdout).toContain('# module.vm["web"].grid_deployment.this will be created');
    expect(plan.stdout).toContain('# module.vm["api"].grid_network.this will be created');
    expect(plan.stdout).toContain('Plan: 4 to add, 0 to change, 0 to destroy.');
  });

  it('applies, outputs each VM private IP, and lists the state by module address', async () => {
    const apply = await gridform(['apply', '-auto-approve', '-no-color'], { cwd: dir, home });
    expect(apply.stderr).not.toContain('Error');
    expect(apply.stdout).toContain('Apply complete! Resources: 4 added, 0 changed, 0 destroyed.');
    const out = JSON.parse((await gridform(['output', '-json'], { cwd: dir, home })).stdout) as Record<
      string,
      { value: Record<string, string> }
    >;
    expect(Object.keys(out.private_ips.value).sort()).toEqual(['api', 'web']);
    for (const ip of Object.values(out.private_ips.value)) expect(ip).toMatch(/^10\.1\.\d+\.\d+$/);
    const list = (await gridform(['state', 'list'], { cwd: dir, home })).stdout.split('\n').filter(Boolean).sort();
    expect(list).toEqual([
      'module.vm["api"].grid_deployment.this',
      'module.vm["api"].grid_network.this',
      'module.vm["web"].grid_deployment.this',
      'module.vm["web"].grid_network.this',
    ]);
    const state = JSON.parse(fs.readFileSync(path.join(dir, 'terraform.tfstate'), 'utf8')) as { resources: { module?: string }[] };
    expect(state.resources.map((r) => r.module).sort()).toEqual([
      'module.vm["api"]',
      'module.vm["api"]',
      'module.vm["web"]',
      'module.vm["web"]',
    ]);
  });

  it('re-plans with no changes', async () => {
    const plan = await gridform(['plan', '-detailed-exitcode', '-no-color'], { cwd: dir, home });
    expect(plan.stdout).toContain('No changes.');
    expect(plan.code).toBe(0);
  });

  it('destroys, leaving no contract, IP or workload on the grid', async () => {
    const destroy = await gridform(['destroy', '-auto-approve', '-no-color'], { cwd: dir, home });
    expect(destroy.stderr).not.toContain('Error');
    expect(destroy.stdout).toContain('Destroy complete! Resources: 4 destroyed.');
    expect(await leftOnGrid(home)).toEqual({ contracts: [], reservedIps: [], workloads: [] });
    expect((await gridform(['state', 'list'], { cwd: dir, home })).stdout.trim()).toBe('');
  });

  it('examples/hcl/quickstart, the .tf stock terraform runs: applies, re-plans clean, destroys to nothing', async () => {
    const quick = fs.mkdtempSync(path.join(REPO, '.test-work-'));
    try {
      fs.cpSync(path.join(REPO, 'examples', 'hcl', 'quickstart'), quick, { recursive: true });
      const apply = await gridform(['apply', '-auto-approve', '-no-color'], { cwd: quick, home });
      expect(apply.stderr).not.toContain('Error');
      expect(apply.stdout).toContain('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');
      const out = JSON.parse((await gridform(['output', '-json'], { cwd: quick, home })).stdout) as Record<string, { value: string }>;
      expect(out.private_ip.value).toMatch(/^10\.1\.2\.\d+$/);
      expect(out.public_ip.value).toMatch(/^\d+\.\d+\.\d+\.\d+\/\d+$/);
      expect((await gridform(['plan', '-detailed-exitcode', '-no-color'], { cwd: quick, home })).code).toBe(0);
      expect((await gridform(['destroy', '-auto-approve', '-no-color'], { cwd: quick, home })).code).toBe(0);
      expect(await leftOnGrid(home)).toEqual({ contracts: [], reservedIps: [], workloads: [] });
    } finally {
      fs.rmSync(quick, { recursive: true, force: true });
    }
  });
});
