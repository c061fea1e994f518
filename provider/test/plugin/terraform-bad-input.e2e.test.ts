// Bad input through terraform gets the grid provider's own clear, attribute-pathed errors, the
// same that gridform prints for the same configuration (written once as JSON: main.tf.json for
// terraform, cdk.tf.json for gridform): resources through `validate`, the provider block through
// `plan`. A grid is started for the last case only (a node that does not exist on it, through
// `apply`): before it, nothing reaches one.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gridform, leftOnGrid } from '../e2e/cli';
import { describeWithTerraform, terraform, terraformWorld, type TerraformWorld } from './terraform-cli';

jest.setTimeout(120_000);

const VM = { name: 'vm', flist: 'https://hub.grid.tf/tf-official-apps/base:latest.flist', cpu: 1, memory: 512 };

function doc(source: string, deployment: Record<string, unknown>, provider: Record<string, unknown> = {}): unknown {
  return {
    terraform: { required_providers: { grid: { source } } },
    provider: { grid: [{ network: 'local', ...provider }] },
    resource: { grid_deployment: { d: { node: 1, name: 'd', network_name: 'net', ...deployment } } },
  };
}

describeWithTerraform('bad input through terraform and through gridform', () => {
  const gridHome = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-tf-bad-'));
  let world: TerraformWorld;
  const dirs: string[] = [];

  /** the same configuration through terraform and through gridform: their exit codes and error output */
  async function both(deployment: Record<string, unknown>, provider: Record<string, unknown> = {}, command = 'validate') {
    const tfDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-tf-bad-tf-'));
    const gfDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-tf-bad-gf-'));
    dirs.push(tfDir, gfDir);
    // indented, so that terraform's source excerpt shows the attribute's own line
    fs.writeFileSync(path.join(tfDir, 'main.tf.json'), JSON.stringify(doc('threefoldtech/grid', deployment, provider), null, 2));
    fs.writeFileSync(path.join(gfDir, 'cdk.tf.json'), JSON.stringify(doc('gridform/grid', deployment, provider), null, 2));
    expect((await terraform(world, tfDir, ['init', '-no-color'])).code).toBe(0);
    const flags = { validate: ['-no-color'], plan: ['-no-color', '-input=false'], apply: ['-no-color', '-input=false', '-auto-approve'] }[
      command
    ]!;
    const tfRun = await terraform(world, tfDir, [command, ...flags]);
    const gfRun = await gridform(['-no-color', command, ...flags.slice(1)], { cwd: gfDir, home: gridHome });
    // what each prints, stdout and stderr together
    const tf = { code: tfRun.code, stderr: tfRun.stdout + tfRun.stderr };
    const gf = { code: gfRun.code, stderr: gfRun.stdout + gfRun.stderr };
    return { tf, gf };
  }

  beforeAll(async () => {
    world = await terraformWorld(gridHome);
  });
  afterAll(async () => {
    if (gridStarted) await gridform(['grid', 'down', '--purge'], { home: gridHome });
    for (const d of [...dirs, gridHome, world?.home ?? '']) if (d) fs.rmSync(d, { recursive: true, force: true });
  });
  let gridStarted = false;

  it('a memory below the minimum: both name vms[0].memory and give the same reason', async () => {
    const { tf, gf } = await both({ vms: [{ ...VM, memory: 1 }] });
    expect(tf.code).toBe(1);
    expect(gf.code).toBe(1);
    const reason = /memory[^\n]*(at least|from|MB)[^\n]*/i;
    const tfReason = tf.stderr.match(reason)?.[0];
    expect(tfReason).toBeDefined();
    expect(gf.stderr).toContain(tfReason!.trim());
    expect(tf.stderr).toContain('grid_deployment.d');
    expect(tf.stderr).toMatch(/vms\[0\]|"vms"/);
  });

  it('a wrong type (memory "lots") is refused by both', async () => {
    const { tf, gf } = await both({ vms: [{ ...VM, memory: 'lots' }] });
    expect(tf.code).toBe(1);
    expect(gf.code).toBe(1);
    expect(tf.stderr).toMatch(/number is required|a number/);
    expect(gf.stderr).toMatch(/number/);
  });

  it('an unknown attribute is refused by both, naming it', async () => {
    const { tf, gf } = await both({ vms: [{ ...VM, memroy: 512 }] });
    expect(tf.code).toBe(1);
    expect(gf.code).toBe(1);
    expect(tf.stderr).toContain('memroy');
    expect(gf.stderr).toContain('memroy');
  });

  it('no mnemonic anywhere: both say where a mnemonic comes from', async () => {
    const { tf, gf } = await both({ vms: [VM] }, {}, 'plan');
    expect(tf.code).toBe(1);
    expect(gf.code).toBe(1);
    const says = 'no mnemonic: set mnemonic in the provider, or export MNEMONIC';
    expect(tf.stderr.replace(/\s*\n[│\s]*/g, ' ')).toContain(says);
    expect(gf.stderr.replace(/\s*\n[│\s]*/g, ' ')).toContain(says);
  });

  it('a substrate_url that names no chain: both name substrate_url', async () => {
    const { tf, gf } = await both({ vms: [VM] }, { substrate_url: 'not a url', mnemonic: 'x' }, 'plan');
    const says = 'substrate_url "not a url" names no HOST:PORT of a chain';
    expect(tf.stderr.replace(/\s*\n[│\s]*/g, ' ')).toContain(says);
    expect(gf.stderr.replace(/\s*\n[│\s]*/g, ' ')).toContain(says);
  });

  // last: the cases above need no grid running in gridHome
  it('a node that does not exist on the grid: both name node 99, the resource and its node attribute, and create nothing', async () => {
    gridStarted = true;
    expect((await gridform(['grid', 'up', '--port', '0', '--nodes', '1'], { home: gridHome })).code).toBe(0);
    const zdbOnly = { node: 99, network_name: undefined, zdbs: [{ name: 'z', size: 1, password: 'secret' }] };
    const { tf, gf } = await both(zdbOnly, {}, 'apply');
    expect(tf.code).toBe(1);
    expect(gf.code).toBe(1);
    const says = 'node 99 does not exist on the chain: pick a node from gridform chain nodes';
    expect(tf.stderr).toContain(says);
    expect(gf.stderr).toContain(says);
    // both: the resource, and the excerpt of the configuration at the attribute the diagnostic points to
    for (const out of [tf.stderr, gf.stderr]) {
      expect(out).toContain('with grid_deployment.d');
      expect(out).toMatch(/^\s*\d+:\s+"node": 99,$/m);
    }
    expect(await leftOnGrid(gridHome, 0)).toEqual({ contracts: [], reservedIps: [], workloads: [] });
  });
});
