// A module variable's validation rule whose value is known only after apply (here a
// terraform_data's output, unknown while its input changes) is checked during apply, as terraform
// 1.11 checks it: once the value exists. A value that breaks the rule fails the apply with the
// error the plan gives for a known value; what does not use the variable is applied and kept in the
// state, what uses it is not applied, and outputs that use it keep the value they had.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TfFolder } from './folder';
import { describeWithTerraform, gridform, SideBySide, terraform } from '../support/terraform';

const MODULE = `variable "n" {
  type = number
  validation {
    condition     = var.n > 0
    error_message = "n must be positive, not \${var.n}."
  }
}

resource "terraform_data" "inner" {
  input = var.n
}

resource "terraform_data" "indep" {
  input = "free"
}

output "o" {
  value = var.n
}
`;

const MAIN = `variable "v" {
  type = number
}

resource "terraform_data" "x" {
  input = var.v
}

module "a" {
  source = "./m"
  n      = terraform_data.x.output
}

resource "terraform_data" "after" {
  input = module.a.o
}

resource "terraform_data" "other" {
  input = "other"
}

output "o" {
  value = module.a.o
}

output "xo" {
  value = terraform_data.x.output
}
`;

const ERROR_AT_CALL = /on main\.tf line 11, in module "a": n must be positive, not -4\./;

async function stateList(f: TfFolder): Promise<string[]> {
  return (await f.run('state', 'list')).out.split('\n').filter(Boolean).sort();
}

async function outputs(f: TfFolder): Promise<Record<string, unknown>> {
  const shown = JSON.parse((await f.run('output', '-json')).out) as Record<string, { value: unknown }>;
  return Object.fromEntries(Object.entries(shown).map(([k, o]) => [k, o.value]));
}

describe('module variable validation decided during apply', () => {
  let f: TfFolder;
  beforeEach(() => (f = new TfFolder().write({ 'main.tf': MAIN, 'm/main.tf': MODULE })));
  afterEach(() => f.remove());

  it('a rule unknown at plan that the applied value breaks fails the apply; what uses the variable is not created', async () => {
    const plan = await f.run('plan', '-var', 'v=-4');
    expect(plan.code).toBe(0);
    expect(plan.out).toMatch(/Plan: 5 to add, 0 to change, 0 to destroy\./);
    const r = await f.run('apply', '-auto-approve', '-var', 'v=-4');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Error: Invalid value for variable/);
    expect(r.err).toMatch(/with module\.a\.var\.n/);
    expect(r.err).toMatch(ERROR_AT_CALL);
    expect(r.err).toMatch(/validation rule of variable "n" at m\/main\.tf line 1, for module\.a\./);
    expect(r.err.match(/Invalid value for variable/g)).toHaveLength(1);
    expect(r.out).not.toMatch(/Apply complete/);
    expect(r.out).not.toMatch(/terraform_data\.inner: Creating/);
    expect(await stateList(f)).toEqual(['module.a.terraform_data.indep', 'terraform_data.other', 'terraform_data.x']);
    expect(await outputs(f)).toEqual({ xo: -4 });
  });

  it('a rule unknown at plan that the applied value keeps lets the whole apply through', async () => {
    const r = await f.run('apply', '-auto-approve', '-var', 'v=3');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Apply complete! Resources: 5 added, 0 changed, 0 destroyed\./);
    expect(r.err).toBe('');
    expect(await stateList(f)).toEqual([
      'module.a.terraform_data.indep',
      'module.a.terraform_data.inner',
      'terraform_data.after',
      'terraform_data.other',
      'terraform_data.x',
    ]);
    expect(await outputs(f)).toEqual({ o: 3, xo: 3 });
  });

  it('a saved plan carries the rule to apply: the update of x is kept, what uses the variable keeps its old value', async () => {
    expect((await f.run('apply', '-auto-approve', '-var', 'v=2')).code).toBe(0);
    const plan = await f.run('plan', '-var', 'v=-4', '-out=plan.bin');
    expect(plan.code).toBe(0);
    expect(plan.out).toMatch(/Plan: 0 to add, 3 to change, 0 to destroy\./);
    const r = await f.run('apply', 'plan.bin');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(ERROR_AT_CALL);
    expect(r.out).toMatch(/terraform_data\.x: Modifications complete/);
    expect(r.out).not.toMatch(/terraform_data\.(inner|after): Modifying/);
    const state = JSON.parse(f.stateText()!) as {
      resources: { module?: string; name: string; instances: { attributes: { input: unknown } }[] }[];
    };
    const input = (name: string, module?: string) =>
      state.resources.find((res) => res.name === name && res.module === module)!.instances[0].attributes.input;
    expect(input('x')).toBe(-4);
    expect(input('inner', 'module.a')).toBe(2);
    expect(input('after')).toBe(2);
    expect(await outputs(f)).toEqual({ o: 2, xo: -4 });
    // x's output is known now, so the next plan refuses the value before anything is planned
    const again = await f.run('plan', '-var', 'v=-4');
    expect(again.code).toBe(1);
    expect(again.err).toMatch(ERROR_AT_CALL);
  });

  it('a rule failing for one instance of a module call holds back what uses the variable of every instance', async () => {
    const main =
      'resource "terraform_data" "x" {\n  for_each = { ok = 3, bad = -1 }\n  input    = each.value\n}\n\n' +
      'module "each" {\n  source   = "./m"\n  for_each = { ok = 3, bad = -1 }\n' +
      '  n        = each.key == "ok" ? 3 : terraform_data.x[each.key].output\n}\n\n' +
      'resource "terraform_data" "root" {\n  input = module.each["ok"].o\n}\n\n' +
      'output "ok" {\n  value = module.each["ok"].o\n}\n\n' +
      'output "mixed" {\n  value = module.each["ok"].o + terraform_data.x["ok"].output\n}\n';
    f.write({ 'main.tf': main });
    const r = await f.run('apply', '-auto-approve');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/with module\.each\["bad"\]\.var\.n/);
    expect(r.err).toMatch(/on main\.tf line 9, in module "each": n must be positive, not -1\./);
    expect(r.err).not.toMatch(/module\.each\["ok"\]\.var/);
    expect(await stateList(f)).toEqual([
      'module.each["bad"].terraform_data.indep',
      'module.each["ok"].terraform_data.indep',
      'terraform_data.x["bad"]',
      'terraform_data.x["ok"]',
    ]);
    // outputs that use the variable are not evaluated again: the value planned when it was known, else none
    expect(await outputs(f)).toEqual({ ok: 3 });
  });

  it('a rule referring to an object that uses its own variable does not hang the apply', async () => {
    // terraform refuses this at plan as a cycle; gridform does not yet, but its apply must still end
    const module = MODULE.replace('condition     = var.n > 0', 'condition     = var.n > 0 && terraform_data.inner.output != null');
    f.write({ 'm/main.tf': module });
    const r = await f.run('apply', '-auto-approve', '-var', 'v=-4');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(ERROR_AT_CALL);
    expect(await stateList(f)).not.toContain('terraform_data.after');
  });

  it('with nothing to apply, a rule on a value known only during apply (timestamp()) is still checked', async () => {
    const module = (condition: string) =>
      `variable "t" {\n  type = string\n  validation {\n    condition     = ${condition}\n    error_message = "t is \${var.t}."\n  }\n}\n`;
    const t = new TfFolder().write({
      'main.tf': 'module "a" {\n  source = "./m"\n  t      = timestamp()\n}\n',
      'm/main.tf': module('length(var.t) < 5'),
    });
    try {
      const plan = await t.run('plan');
      expect(plan.code).toBe(0);
      expect(plan.out).toMatch(/No changes/);
      const bad = await t.run('apply', '-auto-approve');
      expect(bad.code).toBe(1);
      expect(bad.err).toMatch(/with module\.a\.var\.t/);
      expect(bad.err).toMatch(/on main\.tf line 3, in module "a": t is \d{4}-\d\d-\d\dT/);
      t.write({ 'm/main.tf': module('length(var.t) > 5') });
      expect((await t.run('apply', '-auto-approve')).code).toBe(0);
    } finally {
      t.remove();
    }
  });

  it('a rule that needs no apply-time value is not carried into the saved plan', async () => {
    f.write({ 'main.tf': MAIN.replace('n      = terraform_data.x.output', 'n      = terraform_data.x.input') });
    expect((await f.run('plan', '-var', 'v=3', '-out=plan.bin')).code).toBe(0);
    const saved = fs.readFileSync(path.join(f.dir, 'plan.bin'), 'latin1');
    expect(saved).not.toMatch(/deferredValidations/);
    f.write({ 'main.tf': MAIN });
    expect((await f.run('plan', '-var', 'v=3', '-out=plan.bin')).code).toBe(0);
    expect(fs.readFileSync(path.join(f.dir, 'plan.bin'), 'latin1')).toMatch(/deferredValidations/);
  });
});

describeWithTerraform('module variable validation during apply beside terraform', () => {
  const doc = (v: number) => ({
    variable: { v: { type: 'number', default: v } },
    resource: {
      terraform_data: {
        x: { input: '${var.v}' },
        after: { input: '${module.a.o}' },
        other: { input: 'other' },
      },
    },
    module: { a: { source: './m', n: '${terraform_data.x.output}' } },
    output: { o: { value: '${module.a.o}' }, xo: { value: '${terraform_data.x.output}' } },
  });
  const outputsOf = (text: string) =>
    Object.fromEntries(Object.entries(JSON.parse(text) as Record<string, { value: unknown }>).map(([k, o]) => [k, o.value]));

  const withModule = async (body: (side: SideBySide) => Promise<void>) => {
    const side = new SideBySide();
    try {
      for (const dir of [side.tf, side.gf]) {
        fs.mkdirSync(path.join(dir, 'm'));
        fs.writeFileSync(path.join(dir, 'm', 'main.tf'), MODULE);
      }
      fs.writeFileSync(path.join(side.tf, 'main.tf.json'), JSON.stringify(doc(2)));
      const init = terraform(side.tf, 'init', '-input=false', '-no-color');
      if (init.code !== 0) throw new Error(`terraform init failed: ${init.err}${init.out}`);
      await body(side);
    } finally {
      side.remove();
    }
  };

  const applySaved = async (side: SideBySide) => {
    const t = terraform(side.tf, 'apply', '-input=false', '-no-color', 'plan.bin');
    const g = await gridform(side.gf, 'apply', 'plan.bin');
    return { t, g };
  };

  const sameFailure = async (side: SideBySide, t: { code: number; err: string }, g: { code: number; err: string }) => {
    expect({ code: g.code, error: /Error: ([^\n]+)/.exec(g.err)?.[1] }).toEqual({
      code: t.code,
      error: /Error: ([^\n]+)/.exec(t.err)?.[1],
    });
    expect(t.code).toBe(1);
    for (const text of [t.err, g.err]) expect(text).toMatch(/n must be positive, not -4\./);
    const lists = await side.stateLists();
    expect(lists.gridform).toEqual(lists.terraform);
    expect(outputsOf((await gridform(side.gf, 'output', '-json')).out)).toEqual(
      outputsOf(terraform(side.tf, 'output', '-json', '-no-color').out),
    );
  };

  it('a first apply whose value breaks the rule leaves the same objects and outputs in both states', async () => {
    await withModule(async (side) => {
      const { terraform: tPlan, gridform: gPlan } = await side.plan(doc(-4));
      expect({ code: gPlan.code, changes: gPlan.changes }).toEqual({ code: tPlan.code, changes: tPlan.changes });
      const { t, g } = await applySaved(side);
      await sameFailure(side, t, g);
    });
  }, 60_000);

  it('an update whose value breaks the rule keeps the same old values in both', async () => {
    await withModule(async (side) => {
      await side.apply(doc(2));
      const { terraform: tPlan, gridform: gPlan } = await side.plan(doc(-4));
      expect({ code: gPlan.code, changes: gPlan.changes }).toEqual({ code: tPlan.code, changes: tPlan.changes });
      const { t, g } = await applySaved(side);
      await sameFailure(side, t, g);
      const tAfter = terraform(side.tf, 'state', 'show', '-no-color', 'module.a.terraform_data.inner').out;
      const gAfter = (await gridform(side.gf, 'state', 'show', 'module.a.terraform_data.inner')).out;
      expect(gAfter.match(/input\s+= (\S+)/)?.[1]).toBe('2');
      expect(tAfter.match(/input\s+= (\S+)/)?.[1]).toBe('2');
    });
  }, 60_000);

  it('a failure in one instance of a module call holds back the same objects in both', async () => {
    const each = {
      resource: {
        terraform_data: {
          x: { for_each: { ok: 3, bad: -4 }, input: '${each.value}' },
          root: { input: '${module.each["ok"].o}' },
        },
      },
      module: { each: { source: './m', for_each: { ok: 3, bad: -4 }, n: '${each.key == "ok" ? 3 : terraform_data.x[each.key].output}' } },
      output: {
        ok: { value: '${module.each["ok"].o}' },
        mixed: { value: '${module.each["ok"].o + terraform_data.x["ok"].output}' },
        bad: { value: '${module.each["bad"].o}' },
      },
    };
    await withModule(async (side) => {
      fs.writeFileSync(path.join(side.tf, 'main.tf.json'), JSON.stringify(each));
      expect(terraform(side.tf, 'init', '-input=false', '-no-color').code).toBe(0);
      const { terraform: tPlan, gridform: gPlan } = await side.plan(each);
      expect({ code: gPlan.code, changes: gPlan.changes }).toEqual({ code: tPlan.code, changes: tPlan.changes });
      const { t, g } = await applySaved(side);
      await sameFailure(side, t, g);
      expect((await side.stateLists()).gridform).toHaveLength(4);
    });
  }, 60_000);

  it('a value that keeps the rule applies the same in both', async () => {
    await withModule(async (side) => {
      const { terraform: tPlan, gridform: gPlan } = await side.plan(doc(5));
      expect({ code: gPlan.code, changes: gPlan.changes }).toEqual({ code: tPlan.code, changes: tPlan.changes });
      const { t, g } = await applySaved(side);
      expect({ code: g.code }).toEqual({ code: t.code });
      expect(t.code).toBe(0);
      const lists = await side.stateLists();
      expect(lists.gridform).toEqual(lists.terraform);
      expect(lists.gridform).toHaveLength(5);
    });
  }, 60_000);
});
