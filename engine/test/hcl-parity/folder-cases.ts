// Generated HCL folders for the parity of gridform with terraform on plain Terraform folders:
// terraform_data with variables, locals, outputs, count and for_each; modules (nested, with count
// and for_each, depends_on, outputs of whole modules); override files; tfvars files; moved blocks.
// A case is a list of steps, each the whole set of files of the folder; both tools plan, apply,
// and list the state at each step in the same folder.
export interface FolderStep {
  /** path in the folder -> file text */
  readonly files: Readonly<Record<string, string>>;
}

export interface FolderCase {
  readonly id: string;
  readonly category: string;
  readonly steps: readonly FolderStep[];
}

const VM_MODULE = `
variable "name" {
  type = string
}
variable "size" {
  type    = number
  default = 1
}
variable "tags" {
  type    = map(string)
  default = {}
}
resource "terraform_data" "disk" {
  count = var.size
  input = "\${var.name}-disk-\${count.index}"
}
resource "terraform_data" "this" {
  input = {
    name  = var.name
    disks = length(terraform_data.disk)
    tags  = var.tags
    where = path.module
  }
}
output "label" {
  value = terraform_data.this.output.name
}
output "disk_inputs" {
  value = terraform_data.disk[*].input
}
`;

const LEAF_MODULE = `
variable "id" {
  type = string
}
resource "terraform_data" "leaf" {
  input = "leaf-\${var.id}"
}
output "leaf" {
  value = terraform_data.leaf.output
}
`;

function nestedModule(leafCount: string): string {
  return `
variable "group" {
  type = string
}
module "leaf" {
  source = "../leaf"
  count  = ${leafCount}
  id     = "\${var.group}-\${count.index}"
}
resource "terraform_data" "group" {
  input = var.group
}
output "leaves" {
  value = module.leaf[*].leaf
}
output "group" {
  value = terraform_data.group.output
}
`;
}

const one = (id: string, category: string, files: Record<string, string>): FolderCase => ({ id, category, steps: [{ files }] });

function basics(): FolderCase[] {
  const out: FolderCase[] = [];
  for (const n of [0, 1, 3])
    out.push(
      one(`basic-count-${n}`, 'terraform_data', {
        'main.tf': `
variable "n" {
  type    = number
  default = ${n}
}
locals {
  base = "item"
}
resource "terraform_data" "x" {
  count = var.n
  input = "\${local.base}-\${count.index}"
}
output "inputs" {
  value = terraform_data.x[*].input
}
output "n" {
  value = length(terraform_data.x)
}
`,
      }),
    );
  for (const keys of [['a'], ['a', 'b', 'c'], []])
    out.push(
      one(`basic-for-each-set-${keys.length}`, 'terraform_data', {
        'main.tf': `
resource "terraform_data" "x" {
  for_each = toset(${JSON.stringify(keys)})
  input    = upper(each.key)
}
output "outs" {
  value = { for k, v in terraform_data.x : k => v.output }
}
`,
      }),
    );
  out.push(
    one('basic-for-each-map-objects', 'terraform_data', {
      'main.tf': `
variable "servers" {
  type = map(object({ cpu = number, tags = list(string) }))
  default = {
    web = { cpu = 2, tags = [] }
    db  = { cpu = 4, tags = ["primary"] }
  }
}
resource "terraform_data" "s" {
  for_each = var.servers
  input    = "\${each.key}:\${each.value.cpu}:\${join(",", each.value.tags)}"
}
output "all" {
  value = sort([for s in terraform_data.s : s.output])
}
`,
    }),
  );
  out.push(
    one('basic-split-files-and-json', 'terraform_data', {
      'variables.tf': 'variable "who" {\n  default = "world"\n}\n',
      'main.tf': 'resource "terraform_data" "hello" {\n  input = "hello ${var.who}"\n}\n',
      'outputs.tf.json': JSON.stringify({ output: { greeting: { value: '${terraform_data.hello.output}' } } }),
    }),
  );
  out.push(
    one('basic-heredoc-and-template', 'terraform_data', {
      'main.tf': `
locals {
  names = ["a", "b"]
}
resource "terraform_data" "t" {
  input = <<-EOT
    %{for n in local.names~}
    name=\${n}
    %{endfor~}
  EOT
}
output "t" {
  value = terraform_data.t.output
}
`,
    }),
  );
  out.push(
    one('basic-depends-on-and-locals-chain', 'terraform_data', {
      'main.tf': `
locals {
  a = 1
  b = local.a + 1
  c = [for i in range(local.b) : i * 10]
}
resource "terraform_data" "first" {
  input = local.c
}
resource "terraform_data" "second" {
  input      = "after"
  depends_on = [terraform_data.first]
}
output "c" {
  value = terraform_data.first.output
}
`,
    }),
  );
  return out;
}

function tfvars(): FolderCase[] {
  const main = `
variable "size" {
  type    = number
  default = 1
}
variable "name" {
  type    = string
  default = "default"
}
variable "labels" {
  type    = list(string)
  default = []
}
resource "terraform_data" "v" {
  count = var.size
  input = "\${var.name}-\${count.index}-\${join("+", var.labels)}"
}
output "inputs" {
  value = terraform_data.v[*].input
}
`;
  return [
    one('tfvars-terraform-tfvars', 'tfvars', { 'main.tf': main, 'terraform.tfvars': 'size = 2\nname = "fromfile"\n' }),
    one('tfvars-auto-overrides-terraform', 'tfvars', {
      'main.tf': main,
      'terraform.tfvars': 'size = 2\nname = "fromfile"\n',
      'b.auto.tfvars': 'name = "auto"\nlabels = [\n  "x",\n  "y",\n]\n',
    }),
    one('tfvars-auto-json-order', 'tfvars', {
      'main.tf': main,
      'a.auto.tfvars.json': JSON.stringify({ name: 'json-first', size: 3 }),
      'b.auto.tfvars': 'name = "hcl-second"\n',
    }),
    one('tfvars-json-terraform', 'tfvars', { 'main.tf': main, 'terraform.tfvars.json': JSON.stringify({ labels: ['p', 'q'] }) }),
    one('tfvars-feed-module', 'tfvars', {
      'main.tf': `
variable "sizes" {
  type = map(number)
}
module "vm" {
  source   = "./modules/vm"
  for_each = var.sizes
  name     = each.key
  size     = each.value
}
output "labels" {
  value = { for k, m in module.vm : k => m.disk_inputs }
}
`,
      'modules/vm/main.tf': VM_MODULE,
      'terraform.tfvars': 'sizes = {\n  alpha = 1\n  beta  = 2\n}\n',
    }),
  ];
}

function overrides(): FolderCase[] {
  const main = `
locals {
  greeting = "hello"
}
variable "count_of" {
  default = 1
}
resource "terraform_data" "o" {
  count = var.count_of
  input = "\${local.greeting}-\${count.index}"
}
output "o" {
  value = terraform_data.o[*].output
}
`;
  return [
    one('override-resource-argument', 'override', {
      'main.tf': main,
      'override.tf': 'resource "terraform_data" "o" {\n  input = "overridden-${count.index}"\n}\n',
    }),
    one('override-local', 'override', { 'main.tf': main, 'locals_override.tf': 'locals {\n  greeting = "bonjour"\n}\n' }),
    one('override-variable-default', 'override', { 'main.tf': main, 'vars_override.tf': 'variable "count_of" {\n  default = 3\n}\n' }),
    one('override-json-output', 'override', {
      'main.tf': main,
      'output_override.tf.json': JSON.stringify({ output: { o: { value: '${length(terraform_data.o)}' } } }),
    }),
    one('override-module-argument', 'override', {
      'main.tf': 'module "vm" {\n  source = "./modules/vm"\n  name   = "base"\n}\noutput "l" {\n  value = module.vm.label\n}\n',
      'main_override.tf': 'module "vm" {\n  name = "over"\n  size = 2\n}\n',
      'modules/vm/main.tf': VM_MODULE,
    }),
  ];
}

function modules(): FolderCase[] {
  const out: FolderCase[] = [];
  const vm = { 'modules/vm/main.tf': VM_MODULE };
  out.push(
    one('module-single', 'modules', {
      'main.tf': 'module "vm" {\n  source = "./modules/vm"\n  name   = "one"\n}\noutput "label" {\n  value = module.vm.label\n}\n',
      ...vm,
    }),
  );
  out.push(
    one('module-typed-inputs', 'modules', {
      'main.tf': `
module "vm" {
  source = "./modules/vm"
  name   = 42
  size   = "2"
  tags   = { env = "prod", tier = 1 }
}
output "whole" {
  value = module.vm
}
`,
      ...vm,
    }),
  );
  for (const n of [0, 1, 3])
    out.push(
      one(`module-count-${n}`, 'modules', {
        'main.tf': `
module "vm" {
  source = "./modules/vm"
  count  = ${n}
  name   = "vm\${count.index}"
  size   = count.index
}
output "labels" {
  value = module.vm[*].label
}
`,
        ...vm,
      }),
    );
  for (const [id, fe] of [
    ['set', 'toset(["eu", "us"])'],
    ['map', '{ eu = 1, us = 2, asia = 0 }'],
    ['empty', '{}'],
  ] as const)
    out.push(
      one(`module-for-each-${id}`, 'modules', {
        'main.tf': `
module "vm" {
  source   = "./modules/vm"
  for_each = ${fe}
  name     = "vm-\${each.key}"
  size     = ${id === 'map' ? 'each.value' : '1'}
}
output "labels" {
  value = { for k, m in module.vm : k => m.label }
}
`,
        ...vm,
      }),
    );
  out.push(
    one('module-for-each-objects', 'modules', {
      'main.tf': `
locals {
  vms = {
    web = { size = 1, tags = { role = "web" } }
    db  = { size = 2, tags = { role = "db" } }
  }
}
module "vm" {
  source   = "./modules/vm"
  for_each = local.vms
  name     = each.key
  size     = each.value.size
  tags     = each.value.tags
}
output "disks" {
  value = { for k, m in module.vm : k => m.disk_inputs }
}
`,
      ...vm,
    }),
  );
  out.push(
    one('module-twice-same-source', 'modules', {
      'main.tf': `
module "a" {
  source = "./modules/vm"
  name   = "a"
}
module "b" {
  source = "./modules/vm"
  name   = module.a.label
  size   = 2
}
output "b" {
  value = module.b.disk_inputs
}
`,
      ...vm,
    }),
  );
  out.push(
    one('module-depends-on', 'modules', {
      'main.tf': `
resource "terraform_data" "first" {
  input = "first"
}
module "vm" {
  source     = "./modules/vm"
  name       = "after"
  depends_on = [terraform_data.first]
}
resource "terraform_data" "last" {
  input      = "last"
  depends_on = [module.vm]
}
output "label" {
  value = module.vm.label
}
`,
      ...vm,
    }),
  );
  for (const [id, outer, inner] of [
    ['nested-plain', '', '1'],
    ['nested-count', 'count = 2', '2'],
    ['nested-for-each', 'for_each = toset(["x", "y"])', '1'],
    ['nested-zero-leaves', 'count = 1', '0'],
  ] as const) {
    const group = outer.startsWith('for_each') ? 'each.key' : outer ? '"g${count.index}"' : '"solo"';
    out.push(
      one(`module-${id}`, 'nested modules', {
        'main.tf': `
module "group" {
  source = "./modules/group"
  ${outer}
  group  = ${group}
}
output "groups" {
  value = module.group
}
`,
        'modules/group/main.tf': nestedModule(inner),
        'modules/leaf/main.tf': LEAF_MODULE,
      }),
    );
  }
  out.push(
    one('module-three-levels', 'nested modules', {
      'main.tf':
        'module "top" {\n  source = "./modules/top"\n  for_each = toset(["p", "q"])\n  name = each.key\n}\noutput "t" {\n' +
        '  value = module.top\n}\n',
      'modules/top/main.tf':
        'variable "name" {}\nmodule "group" {\n  source = "../group"\n  count = 2\n  group = "${var.name}${count.index}"\n}\n' +
        'output "groups" {\n  value = module.group[*].group\n}\n',
      'modules/group/main.tf': nestedModule('1'),
      'modules/leaf/main.tf': LEAF_MODULE,
    }),
  );
  out.push(
    one('module-locals-and-outputs-only', 'modules', {
      'main.tf': 'module "calc" {\n  source = "./calc"\n  xs = [1, 2, 3]\n}\noutput "sum" {\n  value = module.calc.sum\n}\n',
      'calc/main.tf':
        'variable "xs" {\n  type = list(number)\n}\nlocals {\n  total = sum(var.xs)\n}\noutput "sum" {\n  value = local.total * 2\n}\n',
    }),
  );
  out.push(
    one('module-path-module', 'modules', {
      'main.tf':
        'module "p" {\n  source = "./nested/dir/p"\n}\noutput "where" {\n  value = module.p.where\n}\noutput "root" {\n' +
        '  value = path.module\n}\n',
      'nested/dir/p/main.tf':
        'output "where" {\n  value = "${path.module}|${path.root}"\n}\nresource "terraform_data" "f" {\n  input = path.module\n}\n',
    }),
  );
  for (const flag of [true, false])
    out.push(
      one(`module-conditional-count-${flag}`, 'modules', {
        'main.tf': `
variable "enabled" {
  default = ${flag}
}
module "vm" {
  source = "./modules/vm"
  count  = var.enabled ? 1 : 0
  name   = "maybe"
}
output "label" {
  value = one(module.vm[*].label)
}
`,
        ...vm,
      }),
    );
  out.push(
    one('module-tf-json', 'modules', {
      'main.tf.json': JSON.stringify({
        module: { vm: { source: './modules/vm', name: 'json', size: 2 } },
        output: { l: { value: '${module.vm.disk_inputs}' } },
      }),
      ...vm,
    }),
  );
  return out;
}

/** Two-step cases: apply one folder, then change it and plan and apply again. */
function changes(): FolderCase[] {
  const out: FolderCase[] = [];
  const vm = { 'modules/vm/main.tf': VM_MODULE };
  const countMain = (n: number) =>
    `module "vm" {\n  source = "./modules/vm"\n  count = ${n}\n  name = "vm\${count.index}"\n}\n` +
    'output "l" {\n  value = module.vm[*].label\n}\n';
  out.push({
    id: 'change-module-count-down',
    category: 'changes',
    steps: [{ files: { 'main.tf': countMain(3), ...vm } }, { files: { 'main.tf': countMain(1), ...vm } }],
  });
  out.push({
    id: 'change-module-count-up',
    category: 'changes',
    steps: [{ files: { 'main.tf': countMain(1), ...vm } }, { files: { 'main.tf': countMain(2), ...vm } }],
  });
  const feMain = (keys: string[], name = 'n') =>
    `module "vm" {\n  source = "./modules/vm"\n  for_each = toset(${JSON.stringify(keys)})\n  name = "${name}-\${each.key}"\n}\n`;
  out.push({
    id: 'change-module-for-each-keys',
    category: 'changes',
    steps: [{ files: { 'main.tf': feMain(['a', 'b']), ...vm } }, { files: { 'main.tf': feMain(['b', 'c']), ...vm } }],
  });
  out.push({
    id: 'change-module-input-update',
    category: 'changes',
    steps: [{ files: { 'main.tf': feMain(['a']), ...vm } }, { files: { 'main.tf': feMain(['a'], 'renamed'), ...vm } }],
  });
  out.push({
    id: 'change-remove-module',
    category: 'changes',
    steps: [
      { files: { 'main.tf': feMain(['a']), ...vm } },
      { files: { 'main.tf': 'resource "terraform_data" "keep" {\n  input = 1\n}\n', ...vm } },
    ],
  });
  out.push({
    id: 'change-tfvars',
    category: 'changes',
    steps: [
      {
        files: {
          'main.tf': 'variable "n" {\n  default = 1\n}\nresource "terraform_data" "x" {\n  count = var.n\n}\n',
          'terraform.tfvars': 'n = 3\n',
        },
      },
      {
        files: {
          'main.tf': 'variable "n" {\n  default = 1\n}\nresource "terraform_data" "x" {\n  count = var.n\n}\n',
          'terraform.tfvars': 'n = 2\n',
        },
      },
    ],
  });
  out.push({
    id: 'change-nested-leaf-count',
    category: 'changes',
    steps: [
      {
        files: {
          'main.tf': 'module "g" {\n  source = "./modules/group"\n  group = "g"\n}\n',
          'modules/group/main.tf': nestedModule('3'),
          'modules/leaf/main.tf': LEAF_MODULE,
        },
      },
      {
        files: {
          'main.tf': 'module "g" {\n  source = "./modules/group"\n  group = "g"\n}\n',
          'modules/group/main.tf': nestedModule('1'),
          'modules/leaf/main.tf': LEAF_MODULE,
        },
      },
    ],
  });
  return out;
}

function moves(): FolderCase[] {
  const out: FolderCase[] = [];
  const vm = { 'modules/vm/main.tf': VM_MODULE };
  const leaf = { 'modules/leaf/main.tf': LEAF_MODULE };
  const step = (files: Record<string, string>): FolderStep => ({ files });
  out.push({
    id: 'moved-resource-into-module',
    category: 'moved',
    steps: [
      step({ 'main.tf': 'resource "terraform_data" "leaf" {\n  input = "leaf-x"\n}\n', ...leaf }),
      step({
        'main.tf':
          'module "m" {\n  source = "./modules/leaf"\n  id = "x"\n}\nmoved {\n  from = terraform_data.leaf\n' +
          '  to   = module.m.terraform_data.leaf\n}\n',
        ...leaf,
      }),
    ],
  });
  out.push({
    id: 'moved-module-rename',
    category: 'moved',
    steps: [
      step({ 'main.tf': 'module "old" {\n  source = "./modules/vm"\n  name = "n"\n  size = 2\n}\n', ...vm }),
      step({
        'main.tf':
          'module "new" {\n  source = "./modules/vm"\n  name = "n"\n  size = 2\n}\nmoved {\n  from = module.old\n  to   = module.new\n}\n',
        ...vm,
      }),
    ],
  });
  out.push({
    id: 'moved-module-count-to-for-each',
    category: 'moved',
    steps: [
      step({ 'main.tf': 'module "vm" {\n  source = "./modules/vm"\n  count = 2\n  name = "vm"\n}\n', ...vm }),
      step({
        'main.tf':
          'module "vm" {\n  source = "./modules/vm"\n  for_each = toset(["a", "b"])\n  name = "vm"\n}\nmoved {\n' +
          '  from = module.vm[0]\n  to   = module.vm["a"]\n}\nmoved {\n  from = module.vm[1]\n  to   = module.vm["b"]\n}\n',
        ...vm,
      }),
    ],
  });
  out.push({
    id: 'moved-resource-out-of-module',
    category: 'moved',
    steps: [
      step({ 'main.tf': 'module "m" {\n  source = "./modules/leaf"\n  id = "y"\n}\n', ...leaf }),
      step({
        'main.tf':
          'resource "terraform_data" "moved_out" {\n  input = "leaf-y"\n}\nmoved {\n  from = module.m.terraform_data.leaf\n' +
          '  to   = terraform_data.moved_out\n}\n',
        ...leaf,
      }),
    ],
  });
  out.push({
    id: 'moved-inside-module',
    category: 'moved',
    steps: [
      step({ 'main.tf': 'module "m" {\n  source = "./modules/leaf"\n  id = "z"\n}\n', ...leaf }),
      step({
        'main.tf': 'module "m" {\n  source = "./modules/leaf"\n  id = "z"\n}\n',
        'modules/leaf/main.tf':
          LEAF_MODULE.replace('"leaf" {', '"renamed" {').replace('terraform_data.leaf.output', 'terraform_data.renamed.output') +
          '\nmoved {\n  from = terraform_data.leaf\n  to   = terraform_data.renamed\n}\n',
      }),
    ],
  });
  out.push({
    id: 'moved-without-block-replaces',
    category: 'moved',
    steps: [
      step({ 'main.tf': 'module "old" {\n  source = "./modules/leaf"\n  id = "q"\n}\n', ...leaf }),
      step({ 'main.tf': 'module "new" {\n  source = "./modules/leaf"\n  id = "q"\n}\n', ...leaf }),
    ],
  });
  return out;
}

/** Variations that multiply the module shapes: sizes and names through the same folders. */
function variations(): FolderCase[] {
  const out: FolderCase[] = [];
  const vm = { 'modules/vm/main.tf': VM_MODULE };
  for (const size of [0, 2])
    for (const keys of [['one'], ['one', 'two']])
      out.push(
        one(`variation-size-${size}-keys-${keys.length}`, 'modules', {
          'main.tf': `
variable "size" {
  default = ${size}
}
module "vm" {
  source   = "./modules/vm"
  for_each = toset(${JSON.stringify(keys)})
  name     = each.key
  size     = var.size
}
output "disks" {
  value = flatten([for m in module.vm : m.disk_inputs])
}
output "count" {
  value = length(module.vm)
}
`,
          ...vm,
        }),
      );
  for (const n of [1, 2])
    out.push(
      one(`variation-count-in-for-each-${n}`, 'nested modules', {
        'main.tf': `
module "group" {
  source   = "./modules/group"
  for_each = { a = "A", b = "B" }
  group    = each.value
}
output "leaves" {
  value = { for k, g in module.group : k => g.leaves }
}
`,
        'modules/group/main.tf': nestedModule(String(n)),
        'modules/leaf/main.tf': LEAF_MODULE,
      }),
    );
  return out;
}

/** More module shapes: splats over counted modules, modules depending on modules, overrides and .tf.json inside modules. */
function moreModules(): FolderCase[] {
  const vm = { 'modules/vm/main.tf': VM_MODULE };
  const leaf = { 'modules/leaf/main.tf': LEAF_MODULE };
  return [
    one('more-splat-over-counted-module', 'modules', {
      'main.tf':
        'module "vm" {\n  source = "./modules/vm"\n  count = 2\n  name = "s${count.index}"\n  size = 2\n}\noutput "d" {\n' +
        '  value = module.vm[*].disk_inputs\n}\n',
      ...vm,
    }),
    one('more-module-depends-on-module', 'modules', {
      'main.tf':
        'module "a" {\n  source = "./modules/leaf"\n  id = "a"\n}\nmodule "b" {\n  source = "./modules/leaf"\n  id = "b"\n' +
        '  depends_on = [module.a]\n}\noutput "b" {\n  value = module.b.leaf\n}\n',
      ...leaf,
    }),
    one('more-override-inside-module', 'override', {
      'main.tf': 'module "l" {\n  source = "./modules/leaf"\n  id = "base"\n}\noutput "l" {\n  value = module.l.leaf\n}\n',
      ...leaf,
      'modules/leaf/leaf_override.tf': 'resource "terraform_data" "leaf" {\n  input = "overridden-${var.id}"\n}\n',
    }),
    one('more-json-module-folder', 'modules', {
      'main.tf': 'module "j" {\n  source = "./j"\n  n = 2\n}\noutput "j" {\n  value = module.j.items\n}\n',
      'j/main.tf.json': JSON.stringify({
        variable: { n: { type: 'number' } },
        resource: { terraform_data: { item: { count: '${var.n}', input: 'item-${count.index}' } } },
        output: { items: { value: '${terraform_data.item[*].output}' } },
      }),
    }),
    {
      id: 'more-moved-nested-module',
      category: 'moved',
      steps: [
        {
          files: {
            'main.tf': 'module "g" {\n  source = "./modules/group"\n  group = "g"\n}\n',
            'modules/group/main.tf': nestedModule('1'),
            ...leaf,
          },
        },
        {
          files: {
            'main.tf': 'module "h" {\n  source = "./modules/group"\n  group = "g"\n}\nmoved {\n  from = module.g\n  to   = module.h\n}\n',
            'modules/group/main.tf': nestedModule('1'),
            ...leaf,
          },
        },
      ],
    },
  ];
}

/** The file functions, relative to the root folder, called from the root and from a module with path.module. */
function fileFunctionCases(): FolderCase[] {
  return [
    one('functions-file-family', 'functions', {
      'hello.txt': 'hello\n',
      'main.tf':
        'module "m" {\n  source = "./modules/m"\n}\n' +
        'output "file" {\n  value = file("hello.txt")\n}\n' +
        'output "exists" {\n  value = [fileexists("hello.txt"), fileexists("nope.txt")]\n}\n' +
        'output "b64" {\n  value = filebase64("${path.module}/hello.txt")\n}\n' +
        'output "hashes" {\n' +
        '  value = [filemd5("hello.txt"), filesha1("hello.txt"), filesha512("hello.txt"), filebase64sha256("hello.txt")]\n}\n' +
        'output "mod" {\n  value = module.m\n}\n',
      'modules/m/main.tf':
        'resource "terraform_data" "t" {\n  input = templatefile("${path.module}/tpl/t.tftpl", { name = "bob", items = [1, 2] })\n}\n' +
        'output "tpl" {\n  value = terraform_data.t.output\n}\n' +
        'output "set" {\n  value = fileset("${path.module}/tpl", "*.{txt,tftpl}")\n}\n' +
        'output "all" {\n  value = fileset(path.module, "**")\n}\n',
      'modules/m/tpl/t.tftpl': 'Hi ${name}! %{ for x in items }[${x}]%{ endfor }',
      'modules/m/tpl/a.txt': '',
      'modules/m/tpl/b.json': '{}',
    }),
  ];
}

/** timestamp() is known only during apply, plantimestamp() during the plan: what is compared is what stays the same run to run. */
function clockCases(): FolderCase[] {
  const files = {
    'main.tf':
      'resource "terraform_data" "stamped" {\n  input = timestamp()\n}\n' +
      'resource "terraform_data" "plan_time" {\n  input = length(plantimestamp())\n}\n' +
      'module "m" {\n  source = "./modules/m"\n}\n' +
      'output "stamp_length" {\n  value = length(terraform_data.stamped.output)\n}\n' +
      'output "plan_time_length" {\n  value = terraform_data.plan_time.output\n}\n' +
      'output "utc" {\n  value = [endswith(timestamp(), "Z"), endswith(plantimestamp(), "Z")]\n}\n' +
      'output "parses" {\n  value = can(formatdate("YYYY-MM-DD hh:mm:ss", plantimestamp()))\n}\n' +
      'output "module_stamp_length" {\n  value = module.m.stamp_length\n}\n',
    'modules/m/main.tf':
      'resource "terraform_data" "s" {\n  input = timestamp()\n}\n' +
      'output "stamp_length" {\n  value = length(terraform_data.s.output)\n}\n',
  };
  // the second plan of the same files: timestamp() is unknown again, so what uses it changes, as in terraform
  return [{ id: 'functions-timestamp-plantimestamp', category: 'functions', steps: [{ files }, { files }] }];
}

const CHECKED_MODULE = `
variable "n" {
  type = number
  validation {
    condition     = var.n > 0
    error_message = "n must be positive, not \${var.n}."
  }
}
resource "terraform_data" "this" {
  input = var.n
}
output "n" {
  value = var.n
}
`;

const SECRET_MODULE = `
variable "secret" {
  type      = string
  sensitive = true
}
variable "label" {
  type = string
}
resource "terraform_data" "this" {
  input = { secret = var.secret, label = var.label }
}
output "secret" {
  value = var.secret
}
output "label" {
  value = var.label
}
`;

/** Module variables' validation rules and sensitivity: applied while they hold, refused when they break. */
function moduleVariableRules(): FolderCase[] {
  const eachMain = (bad: string) =>
    `module "c" {\n  source   = "./checked"\n  for_each = { a = 1, b = ${bad} }\n  n        = each.value\n}\n` +
    'output "ns" {\n  value = { for k, m in module.c : k => m.n }\n}\n';
  const secretMain = (sensitive: boolean) =>
    `module "c" {\n  source = "./secret"\n  secret = "hush"\n  label  = "plain"\n}\n` +
    `output "secret" {\n  value     = module.c.secret\n  sensitive = ${sensitive}\n}\n` +
    'output "label" {\n  value = module.c.label\n}\n';
  return [
    {
      id: 'module-validation-for-each',
      category: 'module variable rules',
      steps: [
        { files: { 'main.tf': eachMain('2'), 'checked/main.tf': CHECKED_MODULE } },
        { files: { 'main.tf': eachMain('-1'), 'checked/main.tf': CHECKED_MODULE } },
      ],
    },
    {
      id: 'module-sensitive-variable',
      category: 'module variable rules',
      steps: [
        { files: { 'main.tf': secretMain(true), 'secret/main.tf': SECRET_MODULE } },
        { files: { 'main.tf': secretMain(false), 'secret/main.tf': SECRET_MODULE } },
      ],
    },
  ];
}

export function folderCases(): FolderCase[] {
  return [
    ...basics(),
    ...tfvars(),
    ...overrides(),
    ...modules(),
    ...changes(),
    ...moves(),
    ...variations(),
    ...moreModules(),
    ...fileFunctionCases(),
    ...clockCases(),
    ...moduleVariableRules(),
  ];
}
