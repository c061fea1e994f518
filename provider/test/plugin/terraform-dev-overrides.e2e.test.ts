// `gridform provider install --dev-overrides`: a terraform CLI configuration whose dev_overrides
// run this checkout's provider for both source addresses (threefoldtech/grid for HCL, gridform/grid
// as the constructs synthesize), with no terraform init. No grid: validate needs only the schema.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gridform, run } from '../e2e/cli';
import { describeWithTerraform, terraformBin } from './terraform-cli';

jest.setTimeout(90_000);

describeWithTerraform('provider install --dev-overrides with terraform', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-dev-overrides-'));
  const gridHome = path.join(home, 'elsewhere', 'grid');
  afterAll(() => fs.rmSync(home, { recursive: true, force: true }));
  let cliConfig = '';

  it('writes the CLI configuration in HOME/.gridform, whatever GRIDFORM_HOME says, naming both sources', async () => {
    const install = await gridform(['provider', 'install', '--dev-overrides', '--json'], { home: gridHome, env: { HOME: home } });
    expect(install.code).toBe(0);
    const installed = JSON.parse(install.stdout) as { cliConfig: string; binaries: Record<string, string> };
    cliConfig = installed.cliConfig;
    expect(cliConfig).toBe(path.join(home, '.gridform', 'terraform-dev', 'dev.tfrc'));
    expect(Object.keys(installed.binaries).sort()).toEqual([
      'registry.terraform.io/gridform/grid',
      'registry.terraform.io/threefoldtech/grid',
    ]);
    const text = fs.readFileSync(cliConfig, 'utf8');
    expect(text).toContain('"registry.terraform.io/threefoldtech/grid" = ');
    expect(text).toContain('"registry.terraform.io/gridform/grid" = ');
    expect(fs.existsSync(path.join(home, 'elsewhere', 'terraform-dev'))).toBe(false);
  });

  it.each(['threefoldtech/grid', 'gridform/grid'])('terraform validate runs the provider for source %s with no init', async (source) => {
    const dir = fs.mkdtempSync(path.join(home, 'config-'));
    const provider = `terraform {\n  required_providers {\n    grid = { source = "${source}" }\n  }\n}\n`;
    const network = 'resource "grid_network" "net" {\n  name     = "net"\n  nodes    = [1]\n  ip_range = "10.1.0.0/16"\n}\n';
    fs.writeFileSync(path.join(dir, 'main.tf'), provider + network);
    const env = { HOME: home, TF_CLI_CONFIG_FILE: cliConfig, TF_IN_AUTOMATION: '1' };
    const validate = await run(terraformBin(), [`-chdir=${dir}`, 'validate', '-no-color'], { home: gridHome, env });
    expect(`${validate.stdout}\n${validate.stderr}`).toContain('Provider development overrides are in effect');
    expect(validate.stdout).toContain('Success! The configuration is valid');
    expect(validate.code).toBe(0);
    // the schema came from the provider: a misspelt attribute is refused by name
    fs.writeFileSync(path.join(dir, 'main.tf'), provider + network.replace('ip_range', 'ip_rang'));
    const bad = await run(terraformBin(), [`-chdir=${dir}`, 'validate', '-no-color'], { home: gridHome, env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('"ip_rang" is not expected here');
  });
});
