// What terraform checks when it reads a configuration, checked by gridform too: each refusal
// names the block (and the file), plan and validate alike, and nothing of the configuration is
// skipped in silence.
import { FakeProvider } from './fake-provider';
import { fakeStack, runEngine, StackFolder } from './support/engine-cli';

describe('configuration checks', () => {
  let stack: StackFolder;
  let provider: FakeProvider;
  const cli = (...args: string[]) => runEngine(stack.dir, provider, args);

  beforeEach(() => {
    stack = new StackFolder();
    provider = new FakeProvider();
  });
  afterEach(() => stack.remove());

  describe('module blocks', () => {
    // a stack with module blocks (cdktf's TerraformHclModule) is read as a Terraform folder: local sources only
    it('are refused when not local or not there, naming each module, its source and the file, by plan and validate alike', async () => {
      const modules = { net: { source: './modules/net', cidr: '10.0.0.0/16' }, dns: [{ source: 'hashicorp/dns/aws', version: '1.0.0' }] };
      stack.write(fakeStack({ web: { name: 'web' } }, { module: modules }));
      for (const command of ['plan', 'validate']) {
        const r = await cli(command);
        expect(r.code).toBe(1);
        expect(r.err).toContain('Error: Module not found');
        expect(r.err).toContain('module "net" on cdk.tf.json line 1 has source "./modules/net"');
        expect(r.err).toContain('Error: Module source not supported');
        expect(r.err).toContain('module "dns" on cdk.tf.json line 1 has source "hashicorp/dns/aws"');
      }
      expect(provider.calls).toEqual([]);
    });

    it('are refused when the module folder does not exist, and without a source', async () => {
      stack.write(fakeStack({}, { module: { gone: { source: './nowhere' }, bare: {} } }));
      const r = await cli('plan');
      expect(r.code).toBe(1);
      expect(r.err).toContain('module "gone" on cdk.tf.json line 1 has source "./nowhere"');
      expect(r.err).toContain('module "bare" on cdk.tf.json line 1 has no source');
    });
  });

  describe('what terraform checks when it reads the files', () => {
    const refusal = async (doc: unknown, command = 'plan') => {
      stack.write(doc);
      const r = await cli(command);
      expect(r.err).not.toMatch(/TypeError|RangeError|Cannot read properties|is not a function|\n\s+at /);
      return r.code === 0 ? undefined : r.err;
    };

    it('reads every JSON form of a block: lists of resources, of lifecycle blocks, of variables', async () => {
      const doc = {
        ...(fakeStack({}) as Record<string, unknown>),
        resource: [
          { fake_thing: { a: { name: 'a' } } },
          { fake_thing: [{ b: { name: 'b', lifecycle: [{ create_before_destroy: true }] } }] },
        ],
        variable: [{ v: { default: 'x' } }],
        output: [{ o: { value: '${var.v}' } }],
      };
      stack.write(doc);
      const plan = await cli('plan');
      expect(plan.err).toBe('');
      expect(plan.out).toContain('# fake_thing.a will be created');
      expect(plan.out).toContain('# fake_thing.b will be created');
      expect(plan.out).toContain('+ o = "x"');
      const twice = { ...doc, resource: [{ fake_thing: { a: { name: 'a' } } }, { fake_thing: { a: { name: 'b' } } }] };
      expect(await refusal(twice)).toContain('Error: Duplicate resource "fake_thing" configuration');
    });

    it('refuses unknown blocks and arguments, naming them and suggesting the near one', async () => {
      expect(await refusal(fakeStack({}, { resources: {} }))).toContain(
        'No argument or block type is named "resources" in the top level of',
      );
      const lifecycle = { web: { name: 'web', lifecycle: { prevent_destroyy: true } } };
      expect(await refusal(fakeStack(lifecycle))).toContain(
        'named "prevent_destroyy" in the lifecycle of fake_thing.web. Did you mean "prevent_destroy"?',
      );
      expect(await refusal(fakeStack({}, { output: { o: { value: 1, sensitiv: true } } }))).toContain('Did you mean "sensitive"?');
      expect(await refusal(fakeStack({}, { variable: { v: { default: 1, descripton: 'x' } } }))).toContain('Did you mean "description"?');
      expect(await refusal(fakeStack({ web: { name: 'w', lifecycle: { prevent_destroy: 'yes' } } }))).toContain(
        'Error: Unsuitable value type',
      );
    });

    it('takes a block written as null as no block, as terraform does, and null for an argument as a wrong type', async () => {
      const rule = [{ condition: '${var.v > 0}', error_message: 'v must be positive.' }];
      const things = fakeStack({ a: { name: 'a', lifecycle: { precondition: null } }, b: { name: 'b', lifecycle: [null] } });
      const doc = {
        ...(things as Record<string, unknown>),
        locals: null,
        moved: null,
        import: null,
        removed: null,
        variable: { v: { default: 1, validation: null } },
        output: { o: { value: 1, precondition: null } },
      };
      expect(await refusal(doc)).toBeUndefined();
      expect(await refusal({ ...doc, variable: { v: { default: 0, validation: rule } } })).toContain('v must be positive.');
      expect(await refusal(fakeStack({ a: { name: 'a', lifecycle: { prevent_destroy: null } } }))).toContain(
        'lifecycle.prevent_destroy of fake_thing.a must be true or false, not null',
      );
      expect(await refusal(fakeStack({}, { output: null }))).toContain('output must be an object of named outputs');
    });

    it('refuses invalid names and reserved variable names', async () => {
      expect(await refusal(fakeStack({ '1web': { name: 'w' } }))).toContain('Error: Invalid resource name');
      expect(await refusal(fakeStack({}, { variable: { count: { default: 1 } } }))).toContain('The variable name "count" is reserved');
      expect(await refusal(fakeStack({}, { output: { 'a b': { value: 1 } } }))).toContain('Error: Invalid output name');
      expect(await refusal(fakeStack({}, { locals: { 'a.b': 1 } }))).toContain('Error: Invalid local value name');
    });

    it('takes depends_on as a list of whole objects, and refuses it written otherwise', async () => {
      expect(await refusal(fakeStack({ a: { name: 'a' }, b: { name: 'b', depends_on: 'fake_thing.a' } }))).toContain(
        'a static list expression is required',
      );
      const attribute = await refusal(fakeStack({ a: { name: 'a' }, b: { name: 'b', depends_on: ['fake_thing.a.id'] } }));
      expect(attribute).toContain('Error: Invalid depends_on reference');
      expect(await refusal(fakeStack({ b: { name: 'b', depends_on: ['var.v'] } }, { variable: { v: { default: 1 } } }))).toBeUndefined();
      expect(await refusal(fakeStack({ a: { name: 'a', count: 1 }, b: { name: 'b', depends_on: ['fake_thing.a[0]'] } }))).toBeUndefined();
    });

    it('checks required_version against the terraform version gridform speaks', async () => {
      const base = fakeStack({}) as { terraform: Record<string, unknown> };
      const required = (v: unknown) => ({ ...base, terraform: { ...base.terraform, required_version: v } });
      expect(await refusal(required('>= 1.5, < 2.0'))).toBeUndefined();
      expect(await refusal(required('~> 1.11'))).toBeUndefined();
      expect(await refusal(required('>= 99.0'), 'validate')).toContain('Error: Unsupported Terraform Core version');
      expect(await refusal(required('~> 1.12.0'))).toContain('does not support Terraform version 1.11.0');
      expect(await refusal(required('banana'))).toContain('Error: Invalid version constraint');
      expect(await refusal(required(['>= 1.0']))).toContain('Error: Invalid version constraint');
    });

    it('refuses a provider alias no provider block declares', async () => {
      const err = await refusal(fakeStack({ web: { name: 'w', provider: 'fake.eu' } }));
      expect(err).toContain('Error: Provider configuration not present');
      expect(err).toContain('add a provider "fake" block with alias = "eu"');
    });

    it('gives a clear error, not a stack trace, for a function given a value out of its range', async () => {
      const err = await refusal(fakeStack({}, { output: { o: { value: '${indent(-1, "a\\nb")}' } } }));
      expect(err).toContain('Call to function "indent" failed');
      expect(err).toContain('the number of spaces must not be negative, got -1');
    });
  });
});
