// count and for_each of module calls when values are known only after apply, and provider blocks
// inside modules, by terraform 1.11's rules and in its words (checked against terraform by hand:
// the same summaries and texts, "Terraform" read as "gridform").
import { TfFolder } from './folder';

const CHILD = { 'm/main.tf': 'variable "n" {\n  default = null\n}\nresource "terraform_data" "r" {\n  input = var.n\n}\n' };
const SOURCE = 'resource "terraform_data" "x" {\n  input = "k"\n}\n';

async function planOf(files: Record<string, string>): Promise<{ code: number; out: string; err: string; state?: string }> {
  const f = new TfFolder().write({ ...CHILD, ...files });
  try {
    const r = await f.run('plan');
    return { ...r, state: f.stateText() };
  } finally {
    f.remove();
  }
}

describe('module count and for_each known only after apply', () => {
  it('a count from a resource attribute is refused with terraform\'s "Invalid count argument"', async () => {
    const r = await planOf({ 'main.tf': `${SOURCE}module "m" {\n  source = "./m"\n  count  = length(terraform_data.x.output)\n}\n` });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Error: Invalid count argument/);
    expect(r.err).toMatch(/module "m" on main\.tf line 4/);
    expect(r.err).toMatch(/cannot predict how many instances will be created/);
    expect(r.err).toMatch(/use the -target argument to first apply only the resources that the count depends on/);
    expect(r.state).toBeUndefined();
  });

  it("a for_each set with an element known only after apply gets terraform's set message", async () => {
    const r = await planOf({ 'main.tf': `${SOURCE}module "m" {\n  source   = "./m"\n  for_each = toset([terraform_data.x.output])\n}\n` });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Error: Invalid for_each argument/);
    expect(r.err).toMatch(/The "for_each" set includes values derived from resource attributes/);
    expect(r.err).toMatch(/use a map value where the keys are defined statically/);
  });

  it('a for_each map whose values are known only after apply plans, applies and passes each.value in', async () => {
    const f = new TfFolder().write({
      ...CHILD,
      'main.tf':
        `${SOURCE}module "m" {\n  source   = "./m"\n` +
        '  for_each = { a = terraform_data.x.output, b = "fixed" }\n  n        = each.value\n}\n' +
        'module "w" {\n  source   = "./m"\n' +
        '  for_each = { for k in ["p"] : k => terraform_data.x.output }\n  n        = "${each.value}!"\n}\n',
    });
    try {
      const plan = await f.run('plan');
      expect(plan.code).toBe(0);
      expect(plan.out).toMatch(/Plan: 4 to add/);
      expect((await f.run('apply', '-auto-approve')).code).toBe(0);
      const state = JSON.parse(f.stateText()!);
      const inputOf = (module: string) =>
        state.resources.find((r: { module?: string; name: string }) => r.module === module && r.name === 'r').instances[0].attributes.input;
      expect(inputOf('module.m["a"]')).toBe('k');
      expect(inputOf('module.m["b"]')).toBe('fixed');
      expect(inputOf('module.w["p"]')).toBe('k!');
      expect((await f.run('plan', '-detailed-exitcode')).code).toBe(0);
    } finally {
      f.remove();
    }
  });
});

describe('provider blocks inside modules', () => {
  const configured = { 'm/provider.tf': 'provider "fake" {\n  region = "eu"\n}\n' };

  it("a module configuring a provider cannot be called with for_each: terraform's error names the module and source", async () => {
    const r = await planOf({ ...configured, 'main.tf': 'module "m" {\n  source   = "./m"\n  for_each = toset(["a"])\n}\n' });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Error: Module is incompatible with count, for_each, and depends_on/);
    expect(r.err).toMatch(/on main\.tf line 1: The module at module\.m is a legacy module/);
    expect(r.err).toMatch(/If you also control the module "\.\/m"/);
  });

  it('depends_on on such a module is refused the same way, once however many parents call it', async () => {
    const r = await planOf({
      ...configured,
      'mid/main.tf': 'module "m" {\n  source     = "../m"\n  depends_on = []\n}\n',
      'main.tf': 'module "mid" {\n  source = "./mid"\n  count  = 3\n}\n',
    });
    expect(r.code).toBe(1);
    expect(r.err.match(/The module at module\.mid\.module\.m is a legacy module/g)).toHaveLength(1);
  });

  it('called once, the module is refused by gridform, saying terraform accepts it and where to move the block', async () => {
    const r = await planOf({ ...configured, 'main.tf': 'module "m" {\n  source = "./m"\n}\n' });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Error: Provider configuration in a module/);
    expect(r.err).toMatch(/configures provider "fake" on m\/provider\.tf line 1/);
    expect(r.err).toMatch(/Move the provider block to the root module/);
  });

  it('an empty provider block is only warned about, as terraform warns, and the module plans with count', async () => {
    const r = await planOf({
      'm/provider.tf': 'provider "terraform" {\n}\n',
      'main.tf': 'module "m" {\n  source = "./m"\n  count  = 2\n}\n',
    });
    expect(r.code).toBe(0);
    expect(`${r.out}${r.err}`).toMatch(/Warning: Redundant empty provider block/);
    expect(r.out).toMatch(/Plan: 2 to add/);
  });
});
