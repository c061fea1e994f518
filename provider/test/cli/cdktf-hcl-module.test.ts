// cdktf's TerraformHclModule with a local source, through the real `cdktf synth`: cdktf copies the
// module into the stack's assets/ and points the module block there; gridform reads such a stack
// as a Terraform folder, so the module's resources get terraform's addresses, its outputs reach
// the stack's outputs, a second plan has no changes and destroy leaves nothing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { runCliIn } from '../../../engine/test/support/engine-cli';
import { hasTerraform, terraformEnv } from '../../../engine/test/support/terraform';

const REPO = path.resolve(__dirname, '..', '..', '..');
const APP = path.join(REPO, `.test-work-hcl-module-${process.pid}`);
const STATE = path.join(APP, 'terraform.web.tfstate');

const MAIN = `const { App, TerraformStack, TerraformHclModule, TerraformOutput } = require('cdktf');
class Web extends TerraformStack {
  constructor(scope, id) {
    super(scope, id);
    const eu = new TerraformHclModule(this, 'eu', { source: './modules/vm', variables: { name: 'eu-1', size: 2 } });
    const us = new TerraformHclModule(this, 'us', { source: './modules/vm', variables: { name: 'us-1' } });
    new TerraformOutput(this, 'names', { value: [eu.get('name'), us.get('name')] });
    new TerraformOutput(this, 'disks', { value: eu.get('disks') });
  }
}
const app = new App();
new Web(app, 'web');
app.synth();
`;
const VM_MODULE =
  'variable "name" {\n  type = string\n}\nvariable "size" {\n  type    = number\n  default = 1\n}\n' +
  'resource "terraform_data" "vm" {\n  input = var.name\n}\n' +
  'resource "terraform_data" "disk" {\n  count = var.size\n  input = "${var.name}-disk-${count.index}"\n}\n' +
  'output "name" {\n  value = terraform_data.vm.output\n}\noutput "disks" {\n  value = terraform_data.disk[*].output\n}\n';

const run = (...args: string[]) => runCliIn(APP, ['-no-color', ...args], { providers: [], version: 'test' });

// cdktf synth reads local modules from cdktf.json's terraformModules and wants `cdktf get` run first, which reads the
// module through terraform: without terraform the user's own flow cannot run here
const describeWithCdktfGet = hasTerraform ? describe : describe.skip;
// eslint-disable-next-line no-console
if (!hasTerraform) console.warn('TerraformHclModule test skipped: `cdktf get` needs a terraform binary on PATH to read a local module');

describeWithCdktfGet("cdktf's TerraformHclModule with a local source", () => {
  beforeAll(() => {
    fs.mkdirSync(path.join(APP, 'modules', 'vm'), { recursive: true });
    const cdktfJson = { language: 'typescript', app: 'node main.js', terraformModules: ['./modules/vm'] };
    fs.writeFileSync(path.join(APP, 'cdktf.json'), JSON.stringify(cdktfJson));
    fs.writeFileSync(path.join(APP, 'main.js'), MAIN);
    fs.writeFileSync(path.join(APP, 'modules', 'vm', 'main.tf'), VM_MODULE);
    const get = spawnSync(path.join(REPO, 'node_modules', '.bin', 'cdktf'), ['get'], { cwd: APP, env: terraformEnv(), encoding: 'utf8' });
    if (get.status !== 0) throw new Error(`cdktf get failed: ${get.stdout}${get.stderr}`);
  }, 180_000);
  afterAll(() => fs.rmSync(APP, { recursive: true, force: true }));

  it('synthesizes, applies with module addresses and outputs, re-plans with no changes, and destroys', async () => {
    const apply = await run('apply', '-auto-approve');
    expect(apply.err).toMatch(/^Synthesized \S+ with cdktf synth in [\d.]+s\n$/);
    expect(apply.code).toBe(0);
    // what cdktf synth wrote: the module block points into the stack's assets
    const doc = JSON.parse(fs.readFileSync(path.join(APP, 'cdktf.out', 'stacks', 'web', 'cdk.tf.json'), 'utf8'));
    expect(doc.module.eu.source).toMatch(/^\.\/assets\/__cdktf_module_asset_/);
    const state = JSON.parse(fs.readFileSync(STATE, 'utf8'));
    const addresses = state.resources.flatMap((r: { module: string; type: string; name: string; instances: { index_key?: number }[] }) =>
      r.instances.map((i) => `${r.module}.${r.type}.${r.name}${i.index_key === undefined ? '' : `[${i.index_key}]`}`),
    );
    expect(addresses.sort()).toEqual([
      'module.eu.terraform_data.disk[0]',
      'module.eu.terraform_data.disk[1]',
      'module.eu.terraform_data.vm',
      'module.us.terraform_data.disk[0]',
      'module.us.terraform_data.vm',
    ]);
    expect(state.outputs.names.value).toEqual(['eu-1', 'us-1']);
    expect(state.outputs.disks.value).toEqual(['eu-1-disk-0', 'eu-1-disk-1']);

    expect((await run('plan', '-skip-synth', '-detailed-exitcode')).code).toBe(0);
    // in the stack folder, as cdktf-cli runs its terraform binary
    const stackDir = path.join(APP, 'cdktf.out', 'stacks', 'web');
    const list = await runCliIn(stackDir, ['-no-color', 'state', 'list'], { providers: [], version: 'test' });
    expect(list.out.trim().split('\n')).toEqual([...addresses].sort());
    expect((await runCliIn(stackDir, ['-no-color', 'plan', '-detailed-exitcode'], { providers: [], version: 'test' })).code).toBe(0);

    const destroy = await run('destroy', '-auto-approve', '-skip-synth');
    expect(destroy.code).toBe(0);
    expect(destroy.out).toMatch(/Destroy complete! Resources: 5 destroyed/);
    expect(JSON.parse(fs.readFileSync(STATE, 'utf8')).resources).toEqual([]);
  }, 240_000);
});
