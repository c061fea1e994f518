// Bad input through terraform gets the grid provider's own clear, attribute-pathed errors, the
// same that gridform prints for the same configuration (written once as JSON: main.tf.json for
// terraform, cdk.tf.json for gridform): resources through `validate`, the provider block through
// `plan`. No grid is started: nothing here reaches one.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gridform } from '../e2e/cli';
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

  /** plan of the same configuration with terraform and with gridform: their exit codes and error output */
  async function both(deployment: Record<string, unknown>, provider: Record<string, unknown> = {}, command = 'validate') {
    const tfDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-tf-bad-tf-'));
    const gfDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-tf-bad-gf-'));
    dirs.push(tfDir, gfDir);
    fs.writeFileSync(path.join(tfDir, 'main.tf.json'), JSON.stringify(doc('threefoldtech/grid', deployment, provider)));
    fs.writeFileSync(path.join(gfDir, 'cdk.tf.json'), JSON.stringify(doc('gridform/grid', deployment, provider)));
    expect((await terraform(world, tfDir, ['init', '-no-color'])).code).toBe(0);
    const flags = command === 'plan' ? ['-no-color', '-input=false'] : ['-no-color'];
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
  afterAll(() => {
    for (const d of [...dirs, gridHome, world?.home ?? '']) if (d) fs.rmSync(d, { recursive: true, force: true });
  });

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
});
