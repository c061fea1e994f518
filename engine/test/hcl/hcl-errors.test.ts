// Bad HCL folders are refused before anything is planned: the error names the file and line, and
// the state (when there is one) is left exactly as it was.
import { TfFolder } from './folder';

const GOOD = { 'main.tf': 'resource "terraform_data" "a" {\n  input = "x"\n}\n' };

/** Applies GOOD, then writes `files` and runs apply: the error text, with the state checked unchanged. */
async function refusedAfterApply(files: Record<string, string>): Promise<string> {
  const f = new TfFolder().write(GOOD);
  try {
    expect((await f.run('apply', '-auto-approve')).code).toBe(0);
    const before = f.stateText();
    f.write(files);
    const r = await f.run('apply', '-auto-approve');
    expect(r.code).toBe(1);
    expect(f.stateText()).toBe(before);
    return r.err;
  } finally {
    f.remove();
  }
}

describe('bad HCL folders', () => {
  it('a syntax error names its file and line, and leaves the state as it was', async () => {
    const err = await refusedAfterApply({ 'b.tf': 'locals {\n  x = 1\n}\n\nresource "terraform_data" "b" {\n  input = \n}\n' });
    expect(err).toMatch(/Invalid expression/);
    expect(err).toMatch(/on b\.tf line 6/);
  });

  it('a syntax error in a second file is placed in that file, not in the folder text', async () => {
    const f = new TfFolder().write({ 'a.tf': '\n\n\n\n\n\n\n\n\n\nlocals {\n  a = 1\n}\n', 'z.tf': 'locals {\n  b = [1,\n}\n' });
    try {
      const r = await f.run('plan');
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/on z\.tf line \d/);
      expect(f.stateText()).toBeUndefined();
    } finally {
      f.remove();
    }
  });

  it('an unknown block type names the block, the file and the line', async () => {
    const err = await refusedAfterApply({ 'extra.tf': '\n\nfrobnicate "x" {\n}\n' });
    expect(err).toMatch(/Unsupported block type/);
    expect(err).toMatch(/"frobnicate" .*on extra\.tf line 3/);
  });

  it('a module source that does not exist names the module block', async () => {
    const err = await refusedAfterApply({ 'mod.tf': 'module "net" {\n  source = "./modules/missing"\n}\n' });
    expect(err).toMatch(/Module not found/);
    expect(err).toMatch(/module "net" on mod\.tf line 2 has source "\.\/modules\/missing"/);
  });

  it('a registry or git source is refused: gridform downloads nothing', async () => {
    for (const source of ['hashicorp/consul/aws', 'git::https://example.com/m.git', 'github.com/org/mod']) {
      const err = await refusedAfterApply({ 'mod.tf': `module "m" {\n  source = "${source}"\n}\n` });
      expect(err).toMatch(/Module source not supported/);
      expect(err).toMatch(/on mod\.tf line 2/);
    }
  });

  it('modules that call each other in a loop are refused naming the call that closes it', async () => {
    const err = await refusedAfterApply({
      'mod.tf': 'module "a" {\n  source = "./modules/a"\n}\n',
      'modules/a/main.tf': 'module "b" {\n  source = "../b"\n}\n',
      'modules/b/main.tf': '# b\n\nmodule "back" {\n  source = "../a"\n}\n',
    });
    expect(err).toMatch(/Module cycle/);
    expect(err).toMatch(/module "back" on modules\/b\/main\.tf line 3/);
    expect(err).toMatch(/modules\/a -> modules\/b -> modules\/a/);
  });

  it('a resource declared in two files is refused naming where', async () => {
    const err = await refusedAfterApply({ 'again.tf': '\nresource "terraform_data" "a" {\n}\n' });
    expect(err).toMatch(/Duplicate resource "terraform_data" "a"/);
    expect(err).toMatch(/on (main|again)\.tf line \d/);
  });

  it('a module call without a required variable names the module block', async () => {
    const err = await refusedAfterApply({
      'mod.tf': '\nmodule "vm" {\n  source = "./vm"\n}\n',
      'vm/main.tf': 'variable "name" {\n  type = string\n}\n',
    });
    expect(err).toMatch(/Missing required argument/);
    expect(err).toMatch(/module "vm" on mod\.tf line 2 does not set name/);
  });

  it('an argument the module does not declare is refused', async () => {
    const err = await refusedAfterApply({ 'mod.tf': 'module "vm" {\n  source = "./vm"\n  colour = "red"\n}\n', 'vm/main.tf': '' });
    expect(err).toMatch(/Unsupported argument/);
    expect(err).toMatch(/sets colour/);
  });

  it('a module count known only after apply is refused with what to use instead', async () => {
    const err = await refusedAfterApply({
      'mod.tf': 'module "vm" {\n  source = "./vm"\n  count = length(terraform_data.a.output)\n}\n',
      'vm/main.tf': '',
    });
    expect(err).toMatch(/Invalid count argument/);
    // terraform's words: the values cannot be determined until apply, and -target applies what count depends on first
    expect(err).toMatch(/cannot be determined until apply/);
    expect(err).toMatch(/-target argument/);
  });

  it('an error inside a module is reported with the module address, not gridform internal names', async () => {
    const err = await refusedAfterApply({
      'mod.tf': 'module "vm" {\n  source = "./vm"\n}\n',
      'vm/main.tf': 'resource "terraform_data" "t" {\n  input = var.missing\n}\n',
    });
    expect(err).toMatch(/module\.vm/);
    expect(err).not.toMatch(/__gfm_/);
  });
});
