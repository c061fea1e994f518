// Modules as a user of terraform sees them: addresses with module paths in show -json (with
// module_address and child_modules), state v4 with terraform's "module" key, -target of a module,
// moved blocks between module addresses, init's module manifest, and a module's for_each keys.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TfFolder } from './folder';

const FILES = {
  'main.tf': `
module "net" {
  source   = "./modules/net"
  for_each = toset(["eu", "us"])
  region   = each.key
}
resource "terraform_data" "root" {
  input = module.net["eu"].id
}
`,
  'modules/net/main.tf': `
variable "region" {
  type = string
}
resource "terraform_data" "this" {
  input = "net-\${var.region}"
}
module "subnet" {
  source = "../subnet"
  count  = 2
  cidr   = "10.\${count.index}.0.0/16"
}
output "id" {
  value = terraform_data.this.output
}
`,
  'modules/subnet/main.tf': 'variable "cidr" {}\nresource "terraform_data" "s" {\n  input = var.cidr\n}\n',
};

describe('modules in plans, state and targets', () => {
  let f: TfFolder;
  beforeEach(() => (f = new TfFolder().write(FILES)));
  afterEach(() => f.remove());

  it('show -json names each instance with its module address and nests planned values by module', async () => {
    expect((await f.run('plan', '-out=p.bin')).code).toBe(0);
    const show = JSON.parse((await f.run('show', '-json', 'p.bin')).out) as {
      resource_changes: { address: string; module_address?: string; name: string }[];
      planned_values: {
        root_module: { resources?: { address: string }[]; child_modules?: { address: string; child_modules?: { address: string }[] }[] };
      };
    };
    const byAddress = Object.fromEntries(show.resource_changes.map((c) => [c.address, c]));
    expect(Object.keys(byAddress).sort()).toEqual([
      'module.net["eu"].module.subnet[0].terraform_data.s',
      'module.net["eu"].module.subnet[1].terraform_data.s',
      'module.net["eu"].terraform_data.this',
      'module.net["us"].module.subnet[0].terraform_data.s',
      'module.net["us"].module.subnet[1].terraform_data.s',
      'module.net["us"].terraform_data.this',
      'terraform_data.root',
    ]);
    expect(byAddress['module.net["eu"].module.subnet[1].terraform_data.s'].module_address).toBe('module.net["eu"].module.subnet[1]');
    expect(byAddress['module.net["us"].terraform_data.this'].name).toBe('this');
    expect(byAddress['terraform_data.root'].module_address).toBeUndefined();
    const root = show.planned_values.root_module;
    expect(root.resources?.map((r) => r.address)).toEqual(['terraform_data.root']);
    expect(root.child_modules?.map((m) => m.address)).toEqual(['module.net["eu"]', 'module.net["us"]']);
    expect(root.child_modules?.[0].child_modules?.map((m) => m.address)).toEqual([
      'module.net["eu"].module.subnet[0]',
      'module.net["eu"].module.subnet[1]',
    ]);
  });

  it('writes state v4 with the module key terraform writes, and orders the root after the module it reads', async () => {
    expect((await f.run('apply', '-auto-approve')).code).toBe(0);
    const state = JSON.parse(f.stateText()!) as {
      resources: {
        module?: string;
        type: string;
        name: string;
        instances: { attributes: { input: unknown }; dependencies?: string[] }[];
      }[];
    };
    const sub = state.resources.find((r) => r.module === 'module.net["us"].module.subnet[1]')!;
    expect(sub.name).toBe('s');
    expect(sub.instances[0].attributes.input).toBe('10.1.0.0/16');
    const root = state.resources.find((r) => !r.module)!;
    expect(root.instances[0].attributes.input).toBe('net-eu');
    // a module's outputs are one value of all its instances, so the root depends on each (destroyed after them)
    expect(root.instances[0].dependencies).toContain('module.net["eu"].terraform_data.this');
    const list = (await f.run('state', 'list')).out.split('\n').filter(Boolean);
    expect(list).toContain('module.net["us"].module.subnet[0].terraform_data.s');
    expect(list).toHaveLength(7);
  });

  it('-target=module.net["us"] plans only what is inside that module instance', async () => {
    const r = await f.run('plan', '-target=module.net["us"]', '-out=p.bin');
    expect(r.code).toBe(0);
    const show = JSON.parse((await f.run('show', '-json', 'p.bin')).out) as { resource_changes: { address: string }[] };
    expect(show.resource_changes.map((c) => c.address).sort()).toEqual([
      'module.net["us"].module.subnet[0].terraform_data.s',
      'module.net["us"].module.subnet[1].terraform_data.s',
      'module.net["us"].terraform_data.this',
    ]);
  });

  it('a moved block from one module call to another keeps every object, nothing replaced', async () => {
    expect((await f.run('apply', '-auto-approve')).code).toBe(0);
    const renamed = FILES['main.tf'].replace(/module "net"/, 'module "network"').replace('module.net["eu"]', 'module.network["eu"]');
    f.write({ 'main.tf': `${renamed}\nmoved {\n  from = module.net\n  to   = module.network\n}\n` });
    expect((await f.run('plan', '-out=p.bin')).code).toBe(0);
    const show = JSON.parse((await f.run('show', '-json', 'p.bin')).out) as {
      resource_changes: { address: string; previous_address?: string; change: { actions: string[] } }[];
    };
    const moved = show.resource_changes.find((c) => c.address === 'module.network["us"].module.subnet[0].terraform_data.s')!;
    expect(moved.previous_address).toBe('module.net["us"].module.subnet[0].terraform_data.s');
    expect(show.resource_changes.every((c) => c.change.actions[0] === 'no-op')).toBe(true);
  });

  it('init records the modules as terraform does, offline', async () => {
    const r = await f.run('init');
    expect(r.code).toBe(0);
    expect(r.out).toContain('- net.subnet in modules/subnet');
    const manifest = JSON.parse(fs.readFileSync(path.join(f.dir, '.terraform', 'modules', 'modules.json'), 'utf8')) as {
      Modules: { Key: string; Dir: string }[];
    };
    expect(manifest.Modules.map((m) => m.Key)).toEqual(['', 'net', 'net.subnet']);
    expect(fs.existsSync(path.join(f.dir, '.terraform.lock.hcl'))).toBe(true);
  });

  it('a required_version the engine does not meet is refused', async () => {
    f.write({ 'versions.tf': 'terraform {\n  required_version = "< 1.0"\n}\n' });
    const r = await f.run('plan');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/required_version|Unsupported Terraform Core version/);
  });
});

describe('a module written in JSON syntax', () => {
  it("reads a property name as a template naming the module's own resources", async () => {
    const module = {
      resource: {
        terraform_data: { a: { input: 'first' }, b: { input: { '${terraform_data.a.output}-key': 'v' } } },
      },
      output: { keyed: { value: '${terraform_data.b.output}' } },
    };
    const f = new TfFolder().write({
      'main.tf': 'module "m" {\n  source = "./modules/m"\n}\noutput "keyed" {\n  value = module.m.keyed\n}\n',
      'modules/m/main.tf.json': JSON.stringify(module),
    });
    try {
      const apply = await f.run('apply', '-auto-approve');
      expect(apply.err).toBe('');
      expect(JSON.parse((await f.run('output', '-json', 'keyed')).out)).toEqual({ 'first-key': 'v' });
    } finally {
      f.remove();
    }
  });
});
