// terraform 1.11 with terraform-provider-grid, end to end on a local grid of two nodes: the
// provider installed by `gridform provider install` into a HOME of its own, `terraform init`
// offline writing a lock file, then plan, apply, output -json, a clean re-plan, an update in place,
// a replacement, import, refresh-only after drift, and destroy leaving nothing, for every grid
// resource type and the data source in one configuration (all-types.tf).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChainClient, keyPairFromMnemonic } from '../../../proto';
import { gridform, leftOnGrid, readGrid } from '../e2e/cli';
import { describeWithTerraform, terraform, terraformWorld, type TerraformWorld } from './terraform-cli';

jest.setTimeout(300_000);

describeWithTerraform('terraform 1.11 with terraform-provider-grid on a local grid', () => {
  const gridHome = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-tf-grid-'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-tf-config-'));
  let world: TerraformWorld;
  let chain: ChainClient;
  const tf = (...args: string[]) => terraform(world, dir, args);
  const live = async () => (await chain.contracts({ twinId: readGrid(gridHome).devAccount.twinId })).filter((c) => c.state !== 'Deleted');
  const setVar = (name: string, value: string) => fs.writeFileSync(path.join(dir, `${name}.auto.tfvars`), `${name} = ${value}\n`);
  const stateValues = async (): Promise<Record<string, Record<string, unknown>>> => {
    const shown = JSON.parse((await tf('show', '-json')).stdout) as {
      values: { root_module: { resources: { address: string; values: Record<string, unknown> }[] } };
    };
    return Object.fromEntries(shown.values.root_module.resources.map((r) => [r.address, r.values]));
  };

  beforeAll(async () => {
    expect((await gridform(['grid', 'up', '--port', '0', '--nodes', '2'], { home: gridHome })).code).toBe(0);
    chain = new ChainClient(readGrid(gridHome).chain.address);
    const made = await terraformWorld(gridHome);
    world = made;
    expect(made.install.stdout).toContain("in terraform's implied local mirror");
    fs.copyFileSync(path.join(__dirname, 'all-types.tf'), path.join(dir, 'main.tf'));
  });
  afterAll(async () => {
    chain?.close();
    await gridform(['grid', 'down', '--purge'], { home: gridHome });
    fs.rmSync(dir, { recursive: true, force: true });
    if (world) fs.rmSync(world.home, { recursive: true, force: true });
  });

  it('gridform provider install puts the provider in the implied mirror of HOME; init works offline with a lock file', async () => {
    const mirror = path.join(world.home, '.terraform.d/plugins/registry.terraform.io/threefoldtech/grid/0.1.0');
    expect(fs.readdirSync(mirror)).toEqual([expect.stringMatching(/^linux_|^darwin_/)]);
    const init = await tf('init', '-no-color');
    expect(init.stderr).toBe('');
    expect(init.stdout).toContain('Installing threefoldtech/grid v0.1.0...');
    const lock = fs.readFileSync(path.join(dir, '.terraform.lock.hcl'), 'utf8');
    expect(lock).toContain('provider "registry.terraform.io/threefoldtech/grid"');
    expect(lock).toMatch(/"h1:[A-Za-z0-9+/=]+"/);
  });

  it('plans and applies every resource type; outputs come from the grid; a re-plan has no changes', async () => {
    const plan = await tf('plan', '-no-color');
    expect(plan.stderr).toBe('');
    expect(plan.stdout).toContain('Plan: 6 to add, 0 to change, 0 to destroy.');
    const apply = await tf('apply', '-auto-approve', '-no-color');
    expect(apply.stderr).toBe('');
    expect(apply.stdout).toContain('Apply complete! Resources: 6 added, 0 changed, 0 destroyed.');
    const outputs = JSON.parse((await tf('output', '-json')).stdout) as Record<string, { value: unknown }>;
    expect(outputs.fqdn.value).toBe('site.gw1.gridform.local');
    expect(outputs.expected_fqdn.value).toBe('site.gw1.gridform.local');
    expect(outputs.vm_ip.value).toMatch(/^10\.80\.\d+\.\d+$/);
    expect(outputs.vm_public_ip.value).toMatch(/^\d+\.\d+\.\d+\.\d+\/\d+$/);
    expect(outputs.master_ip.value).toMatch(/^10\.80\.\d+\.\d+$/);
    expect(outputs.zdb_namespace.value).toMatch(/-cache$/);
    expect([1, 2]).toContain(outputs.scheduled_node.value);
    // a network on 2 nodes, the deployment, the k8s master and worker, two gateways; one name contract
    expect((await live()).map((c) => c.type).sort()).toEqual(['name', 'node', 'node', 'node', 'node', 'node', 'node', 'node']);
    expect((await tf('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  it('a new memory updates the deployment in place', async () => {
    setVar('memory', '1024');
    const apply = await tf('apply', '-auto-approve', '-no-color');
    expect(apply.stdout).toContain('# grid_deployment.app will be updated in-place');
    expect(apply.stdout).toContain('Apply complete! Resources: 0 added, 1 changed, 0 destroyed.');
    const vms = (await stateValues())['grid_deployment.app'].vms as { memory: number }[];
    expect(vms[0].memory).toBe(1024);
    expect((await tf('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  it('a new gateway name replaces the name proxy and its name contract', async () => {
    setVar('proxy_name', '"site2"');
    const apply = await tf('apply', '-auto-approve', '-no-color');
    expect(apply.stdout).toContain('# grid_name_proxy.site must be replaced');
    expect(apply.stdout).toContain('Apply complete! Resources: 1 added, 0 changed, 1 destroyed.');
    expect(JSON.parse((await tf('output', '-json', 'fqdn')).stdout)).toBe('site2.gw1.gridform.local');
    expect((await live()).filter((c) => c.type === 'name').map((c) => c.name)).toEqual(['site2']);
  });

  it('imports the deployment, the network and both gateways by contract id; the next plan has no changes', async () => {
    const before = await stateValues();
    const networkIds = Object.values(before['grid_network.net'].node_deployment_id as Record<string, number>).join(',');
    const ids: Record<string, string> = {
      'grid_deployment.app': String(before['grid_deployment.app'].id),
      'grid_network.net': networkIds,
      'grid_name_proxy.site': String(before['grid_name_proxy.site'].id),
      'grid_fqdn_proxy.own': String(before['grid_fqdn_proxy.own'].id),
    };
    expect((await tf('state', 'rm', ...Object.keys(ids))).code).toBe(0);
    for (const [address, id] of Object.entries(ids)) {
      const imported = await tf('import', '-no-color', address, id);
      expect(imported.stderr).toBe('');
      expect(imported.stdout).toContain('Import successful!');
    }
    const after = await stateValues();
    for (const address of Object.keys(ids)) {
      // an imported network is known by its node contracts, a created one by a random id
      const { id: beforeId, ...rest } = before[address];
      expect(after[address]).toEqual(address === 'grid_network.net' ? { ...rest, id: networkIds } : { ...rest, id: beforeId });
    }
    expect((await tf('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  it('kubernetes and the scheduler cannot be imported: terraform shows the reason the grid provider gives', async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-tf-import-'));
    const provider = 'terraform {\n  required_providers {\n    grid = { source = "threefoldtech/grid" }\n  }\n}\n';
    fs.writeFileSync(path.join(other, 'main.tf'), provider + 'resource "grid_kubernetes" "k" {}\nresource "grid_scheduler" "s" {}\n');
    expect((await terraform(world, other, ['init', '-no-color'])).code).toBe(0);
    const k8s = await terraform(world, other, ['import', '-no-color', 'grid_kubernetes.k', '12']);
    expect(k8s.code).toBe(1);
    expect(k8s.stderr).toContain('importing a grid_kubernetes is not supported');
    const scheduler = await terraform(world, other, ['import', '-no-color', 'grid_scheduler.s', 'x']);
    expect(scheduler.stderr).toContain('a grid_scheduler holds nothing on the grid to import');
    fs.rmSync(other, { recursive: true, force: true });
  });

  it('refresh-only after drift: a gateway cancelled behind terraform leaves the state, and apply makes it again', async () => {
    const id = Number((await stateValues())['grid_fqdn_proxy.own'].id);
    await chain.submit(keyPairFromMnemonic(readGrid(gridHome).devAccount.mnemonic), { cancelContract: { contractId: id } });
    const refresh = await tf('apply', '-refresh-only', '-auto-approve', '-no-color');
    expect(refresh.stdout).toContain('grid_fqdn_proxy.own has been deleted');
    expect((await tf('state', 'list')).stdout.split('\n')).not.toContain('grid_fqdn_proxy.own');
    const apply = await tf('apply', '-auto-approve', '-no-color');
    // stderr too, so a failure shows terraform's error
    expect(`${apply.stdout}\n${apply.stderr}`).toContain('Apply complete! Resources: 1 added, 0 changed, 0 destroyed.');
  });

  it('destroy leaves no contract, no reserved IP and no workload', async () => {
    const destroy = await tf('destroy', '-auto-approve', '-no-color');
    expect(destroy.stderr).toBe('');
    expect(destroy.stdout).toContain('Destroy complete! Resources: 6 destroyed.');
    expect(await live()).toEqual([]);
    expect(await leftOnGrid(gridHome)).toEqual({ contracts: [], reservedIps: [], workloads: [] });
  });
});
