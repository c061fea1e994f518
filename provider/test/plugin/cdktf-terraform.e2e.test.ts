// cdktf-cli with the real terraform binary (no TERRAFORM_BINARY_NAME): `cdktf deploy` and
// `cdktf destroy` of a copy of examples/quickstart on a local grid, in a HOME of its own where
// `gridform provider install` put terraform-provider-grid. The synthesized JSON names the source
// gridform/grid, which the install covers beside threefoldtech/grid. Skipped with a message where
// terraform is not installed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { copyExample, gridform, leftOnGrid, readGrid, REPO, run, type Run } from '../e2e/cli';
import { ChainClient } from '../../../proto';
import { describeWithTerraform, terraformBin, terraformWorld, type TerraformWorld } from './terraform-cli';

jest.setTimeout(120_000);

const STACK = 'quickstart';

describeWithTerraform('cdktf-cli with the real terraform binary and terraform-provider-grid', () => {
  const gridHome = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-cdktf-tf-grid-'));
  const app = copyExample('quickstart');
  let world: TerraformWorld & { install: Run };
  const stackDir = path.join(app, 'cdktf.out', 'stacks', STACK);
  const cdktf = (...args: string[]) => {
    const terraformDir = path.dirname(path.resolve(terraformBin()));
    const env = {
      ...world.env,
      // cdktf-cli runs `terraform` from PATH when this is empty
      TERRAFORM_BINARY_NAME: '',
      PATH: `${terraformDir}${path.delimiter}${process.env.PATH ?? ''}`,
      CI: '1',
      FORCE_COLOR: '0',
    };
    return run(path.join(REPO, 'node_modules', '.bin', 'cdktf'), args, { cwd: app, home: gridHome, env });
  };
  const liveContracts = async () => {
    const chain = new ChainClient(readGrid(gridHome).chain.address);
    try {
      return (await chain.contracts({ twinId: readGrid(gridHome).devAccount.twinId })).filter((c) => c.state !== 'Deleted');
    } finally {
      chain.close();
    }
  };

  beforeAll(async () => {
    const up = await gridform(['grid', 'up', '--port', '0', '--nodes', '1'], { home: gridHome });
    expect(up.code).toBe(0);
    world = await terraformWorld(gridHome);
    expect(world.install.code).toBe(0);
  });
  afterAll(async () => {
    await gridform(['grid', 'down', '--purge'], { home: gridHome });
    fs.rmSync(app, { recursive: true, force: true });
    if (world) fs.rmSync(world.home, { recursive: true, force: true });
  });

  it('provider install covers gridform/grid, the source the constructs synthesize', () => {
    expect(world.install.stdout).toContain('registry.terraform.io/gridform/grid');
    const mirror = path.join(world.home, '.terraform.d/plugins/registry.terraform.io/gridform/grid/0.1.0');
    expect(fs.readdirSync(mirror)).toEqual([expect.stringMatching(/^linux_|^darwin_/)]);
  });

  // cdktf runs `terraform providers lock` when the stack has no lock file yet, and that command asks only the
  // registry (it ignores the implied mirror), where gridform does not publish gridform/grid: the first deploy skips it; terraform
  // init still writes the lock file from the mirror
  it('cdktf deploy --auto-approve --skip-provider-lock applies the quickstart through terraform and the plugin', async () => {
    const deploy = await cdktf('deploy', '--auto-approve', '--skip-provider-lock');
    // stderr too, so a failure shows terraform's and the provider's messages
    expect(`${deploy.stdout}\n${deploy.stderr}`).toContain('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');
    expect(deploy.code).toBe(0);
    expect(deploy.stdout).toMatch(/private_ip = "?10\.1\.\d+\.\d+/);

    const synthesized = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as {
      terraform: { required_providers: { grid: { source: string } } };
    };
    expect(synthesized.terraform.required_providers.grid.source).toBe('gridform/grid');
    // terraform init ran offline from the implied mirror: it locked the provider and linked it in .terraform
    expect(fs.readFileSync(path.join(stackDir, '.terraform.lock.hcl'), 'utf8')).toContain('provider "registry.terraform.io/gridform/grid"');
    expect(fs.readdirSync(path.join(stackDir, '.terraform', 'providers', 'registry.terraform.io', 'gridform', 'grid'))).toEqual(['0.1.0']);

    // the state (cdktf's local backend path) holds the resources under the plugin's source
    const state = JSON.parse(fs.readFileSync(path.join(app, `terraform.${STACK}.tfstate`), 'utf8')) as {
      resources: { type: string; provider: string }[];
    };
    expect(state.resources.map((r) => `${r.type} ${r.provider}`).sort()).toEqual([
      'grid_deployment provider["registry.terraform.io/gridform/grid"]',
      'grid_network provider["registry.terraform.io/gridform/grid"]',
    ]);
    expect((await liveContracts()).map((c) => c.type)).toEqual(['node', 'node']);
  });

  it('cdktf destroy --auto-approve leaves no contract, reserved IP or workload', async () => {
    const destroy = await cdktf('destroy', '--auto-approve');
    expect(`${destroy.stdout}\n${destroy.stderr}`).toContain('Destroy complete! Resources: 2 destroyed.');
    expect(destroy.code).toBe(0);
    expect(await leftOnGrid(gridHome)).toEqual({ contracts: [], reservedIps: [], workloads: [] });
  });
});
