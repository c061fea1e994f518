// A local module's variable validation blocks are checked per module instance, as terraform 1.11
// checks them: a failed rule stops the plan with an error naming the module call's file and line
// and the variable, nothing is written to state, and a rule whose value is known only after apply
// does not stop the plan.
import { TfFolder } from './folder';

const POSITIVE = `variable "n" {
  type = number
  validation {
    condition     = var.n > 0
    error_message = "n must be positive, not \${var.n}."
  }
}

output "o" {
  value = var.n
}
`;

function folder(main: string, module = POSITIVE): TfFolder {
  return new TfFolder().write({ 'main.tf': main, 'm/main.tf': module });
}

const ONE_CALL = (n: string) => `module "a" {\n  source = "./m"\n  n      = ${n}\n}\n\noutput "o" {\n  value = module.a.o\n}\n`;

describe('module variable validation', () => {
  it('a module input that breaks its validation rule stops the plan, naming the call line and the variable', async () => {
    const f = folder(ONE_CALL('0'));
    try {
      const r = await f.run('plan');
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/Invalid value for variable/);
      expect(r.err).toMatch(/on main\.tf line 3, in module "a": n must be positive, not 0\./);
      expect(r.err).toMatch(/module\.a\.var\.n/);
      expect(r.err).toMatch(/validation rule of variable "n" at m\/main\.tf line 1/);
      expect(r.out).not.toMatch(/\+ o = 0/);
      expect(f.stateText()).toBeUndefined();
    } finally {
      f.remove();
    }
  });

  it('a value the rule accepts plans as before', async () => {
    const f = folder(ONE_CALL('2'));
    try {
      const r = await f.run('plan');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/\+ o = 2/);
    } finally {
      f.remove();
    }
  });

  it('apply refuses a failing rule and leaves the state it had', async () => {
    const f = folder(ONE_CALL('2'));
    try {
      expect((await f.run('apply', '-auto-approve')).code).toBe(0);
      const before = f.stateText();
      expect(before).toMatch(/"value": 2/);
      f.write({ 'main.tf': ONE_CALL('-5') });
      const r = await f.run('apply', '-auto-approve');
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/n must be positive, not -5\./);
      expect(f.stateText()).toBe(before);
    } finally {
      f.remove();
    }
  });

  it('with for_each only the failing instance is named', async () => {
    const main = `module "each" {\n  source   = "./m"\n  for_each = { ok = 3, bad = -1 }\n  n        = each.value\n}\n`;
    const f = folder(main);
    try {
      const r = await f.run('plan');
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/module\.each\["bad"\]\.var\.n/);
      expect(r.err).toMatch(/on main\.tf line 4, in module "each": n must be positive, not -1\./);
      expect(r.err).not.toMatch(/module\.each\["ok"\]/);
      expect(r.err.match(/Invalid value for variable/g)).toHaveLength(1);
    } finally {
      f.remove();
    }
  });

  it('a value from a resource attribute known at plan is checked; one known only after apply does not stop the plan', async () => {
    const main = (input: number) =>
      `resource "terraform_data" "x" {\n  input = ${input}\n}\n\n` +
      'module "known" {\n  source = "./m"\n  n      = terraform_data.x.input\n}\n\n' +
      `module "later" {\n  source = "./m"\n  n      = terraform_data.x.output\n}\n`;
    const f = folder(main(0));
    try {
      const bad = await f.run('plan');
      expect(bad.code).toBe(1);
      expect(bad.err).toMatch(/on main\.tf line 7, in module "known": n must be positive, not 0\./);
      expect(bad.err).not.toMatch(/module\.later/);
      f.write({ 'main.tf': main(5) });
      const good = await f.run('plan');
      expect(good.code).toBe(0);
      expect(good.out).toMatch(/terraform_data\.x will be created/);
    } finally {
      f.remove();
    }
  });

  it('a rule in a nested module is checked for each instance of the outer one', async () => {
    const outer = `variable "k" {\n  type = number\n}\n\nmodule "inner" {\n  source = "../m"\n  n      = var.k\n}\n`;
    const main = `module "outer" {\n  source = "./outer"\n  count  = 2\n  k      = count.index\n}\n`;
    const f = new TfFolder().write({ 'main.tf': main, 'outer/main.tf': outer, 'm/main.tf': POSITIVE });
    try {
      const r = await f.run('plan');
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/module\.outer\[0\]\.module\.inner\.var\.n/);
      expect(r.err).toMatch(/on outer\/main\.tf line 7, in module "inner": n must be positive, not 0\./);
      expect(r.err).not.toMatch(/module\.outer\[1\]/);
    } finally {
      f.remove();
    }
  });

  it('a rule that does not refer to its variable is refused once, not once per instance', async () => {
    const module = `variable "n" {\n  validation {\n    condition     = 1 > 0\n    error_message = "never"\n  }\n}\n`;
    const main = `module "each" {\n  source   = "./m"\n  for_each = toset(["a", "b"])\n  n        = 1\n}\n`;
    const f = folder(main, module);
    try {
      const r = await f.run('plan');
      expect(r.code).toBe(1);
      expect(r.err.match(/Invalid validation expression|Invalid variable validation condition/g)).toHaveLength(1);
      expect(r.err).toMatch(/variable "n" of m/);
    } finally {
      f.remove();
    }
  });
});
