// A local module's variable or output declared sensitive marks what it flows into, as terraform
// 1.11 marks it: a root output reading it must say sensitive = true, and a resource attribute set
// from it is recorded in state as sensitive.
import { TfFolder } from './folder';

const MODULE = (opts: { variable: boolean; output: boolean }) =>
  `variable "n" {\n  type      = string\n  sensitive = ${opts.variable}\n}\n\n` +
  `resource "terraform_data" "r" {\n  input = var.n\n}\n\n` +
  `output "o" {\n  value     = var.n\n  sensitive = ${opts.output}\n}\n`;

const MAIN = (sensitive: boolean) =>
  `module "a" {\n  source = "./m"\n  n      = "secret"\n}\n\noutput "o" {\n  value     = module.a.o\n  sensitive = ${sensitive}\n}\n`;

function folder(main: string, module: string): TfFolder {
  return new TfFolder().write({ 'main.tf': main, 'm/main.tf': module });
}

/** The state's sensitive_attributes of module.a.terraform_data.r, as attribute names. */
function sensitiveAttributes(stateText: string): string[] {
  const state = JSON.parse(stateText) as {
    resources: { module?: string; instances: { sensitive_attributes?: { value: string }[][] }[] }[];
  };
  const r = state.resources.find((x) => x.module === 'module.a')!;
  return (r.instances[0].sensitive_attributes ?? []).map((p) => p[0].value);
}

describe('module variable sensitivity', () => {
  it('a root output reading a sensitive module variable must be declared sensitive; nothing is applied', async () => {
    const f = folder(MAIN(false), MODULE({ variable: true, output: false }));
    try {
      const r = await f.run('apply', '-auto-approve');
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/Output refers to sensitive values/);
      expect(r.err).toMatch(/Output "o" refers to sensitive values/);
      expect(f.stateText()).toBeUndefined();
    } finally {
      f.remove();
    }
  });

  it('declared sensitive, the output is hidden and the module resource attribute is sensitive in state', async () => {
    const f = folder(MAIN(true), MODULE({ variable: true, output: false }));
    try {
      const r = await f.run('apply', '-auto-approve');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/o = <sensitive>/);
      expect(r.out).not.toMatch(/o = "secret"/);
      expect(sensitiveAttributes(f.stateText()!)).toEqual(['input']);
    } finally {
      f.remove();
    }
  });

  it('a module output declared sensitive is sensitive to its caller', async () => {
    const f = folder(MAIN(false), MODULE({ variable: false, output: true }));
    try {
      const r = await f.run('plan');
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/Output "o" refers to sensitive values/);
    } finally {
      f.remove();
    }
  });

  it('without sensitive declarations nothing is marked', async () => {
    const f = folder(MAIN(false), MODULE({ variable: false, output: false }));
    try {
      const r = await f.run('apply', '-auto-approve');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/o = "secret"/);
      expect(sensitiveAttributes(f.stateText()!)).toEqual([]);
    } finally {
      f.remove();
    }
  });

  it("a module's plain outputs stay plain beside a sensitive one, whole call, count index or for_each key", async () => {
    const module = `${MODULE({ variable: true, output: true })}\noutput "label" {\n  value = "plain"\n}\n`;
    const main =
      `module "a" {\n  source = "./m"\n  n      = "secret"\n}\n` +
      `module "b" {\n  source = "./m"\n  count  = 1\n  n      = "secret"\n}\n` +
      `module "c" {\n  source   = "./m"\n  for_each = toset(["k"])\n  n        = "secret"\n}\n` +
      `output "labels" {\n  value = [module.a.label, module.b[0].label, module.c["k"].label]\n}\n`;
    const f = folder(main, module);
    try {
      const plain = await f.run('plan');
      expect(plain.code).toBe(0);
      expect(plain.out).toMatch(/\+ labels = \[/);
      f.write({ 'main.tf': `${main}output "whole" {\n  value = module.b\n}\n` });
      const whole = await f.run('plan');
      expect(whole.code).toBe(1);
      expect(whole.err).toMatch(/Output "whole" refers to sensitive values/);
    } finally {
      f.remove();
    }
  });
});
