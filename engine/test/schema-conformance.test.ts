// A configuration is decoded against the provider's schema before any provider call, as
// terraform decodes it: unknown arguments are refused naming their path, values convert to the
// attribute's type by cty's rules, and what cannot convert is refused; nothing is created.
import { FakeProvider } from './fake-provider';
import { fakeStack, runEngine, StackFolder } from './support/engine-cli';

describe('configuration decoded against the schema', () => {
  let folder: StackFolder;
  let provider: FakeProvider;
  const run = (...args: string[]) => runEngine(folder.dir, provider, args);
  const writes = () => provider.calls.filter((c) => c.method === 'create' || c.method === 'update');

  beforeEach(() => {
    folder = new StackFolder();
    provider = new FakeProvider();
  });
  afterEach(() => folder.remove());

  it('an unknown argument is refused naming it, with the nearest known name', async () => {
    folder.write(fakeStack({ a: { name: 'a', sise: 3 } }));
    for (const command of [['plan'], ['apply', '-auto-approve'], ['validate']]) {
      const r = await run(...command);
      expect(r.code).toBe(1);
      expect(r.err).toContain('Error: Unsupported argument');
      expect(r.err).toContain('with fake_thing.a,\n  on cdk.tf.json line 1, in resource.fake_thing.a:\n   1: ');
      expect(r.err).toMatch(/\n {3}1: .*"sise":3/);
      expect(r.err).toContain('An argument named "sise" is not expected here. Did you mean "size"?');
    }
    expect(writes()).toEqual([]);
  });

  it('a number written as a string is converted, as terraform converts it, and stored as a number', async () => {
    folder.write(fakeStack({ a: { name: 'a', size: '${var.size}' } }, { variable: { size: { type: 'string', default: '2' } } }));
    const apply = await run('apply', '-auto-approve');
    expect(apply.code).toBe(0);
    expect(folder.state().resources[0].instances[0].attributes.size).toBe(2);
    expect((await run('plan', '-detailed-exitcode')).code).toBe(0);
  });

  it('numbers and bools given to a string attribute become strings', async () => {
    folder.write(fakeStack({ a: { name: 5, ref: true } }));
    expect((await run('apply', '-auto-approve')).code).toBe(0);
    expect(folder.state().resources[0].instances[0].attributes).toMatchObject({ name: '5', ref: 'true' });
  });

  it('a value that does not convert is refused with the attribute and the type it needs', async () => {
    folder.write(fakeStack({ a: { name: 'a', size: 'two' } }));
    const plan = await run('plan');
    expect(plan.code).toBe(1);
    expect(plan.err).toContain('Error: Incorrect attribute value type');
    expect(plan.err).toContain('Inappropriate value for attribute "size": a number is required.');
    folder.write(fakeStack({ a: { name: ['a'] } }));
    expect((await run('plan')).err).toContain('Inappropriate value for attribute "name": string required.');
  });

  it('a computed-only attribute cannot be set', async () => {
    folder.write(fakeStack({ a: { name: 'a', id: 'mine' } }));
    const plan = await run('plan');
    expect(plan.code).toBe(1);
    expect(plan.err).toContain('Error: Value for unconfigurable attribute');
    expect(plan.err).toContain(`Can't configure a value for "id"`);
  });

  it('an unknown argument in the provider block is refused naming the provider', async () => {
    folder.write({ ...(fakeStack({ a: { name: 'a' } }) as object), provider: { fake: [{ region: 'eu' }] } });
    const plan = await run('plan');
    expect(plan.code).toBe(1);
    expect(plan.err).toContain('with provider.fake,\n  on cdk.tf.json line 1, in provider.fake[0]:');
    expect(plan.err).toContain('An argument named "region" is not expected here.');
  });

  it("cdktf's construct metadata (the // key) is not an argument", async () => {
    folder.write(fakeStack({ a: { '//': { metadata: { path: 'stack/a' } }, name: 'a' } }));
    expect((await run('apply', '-auto-approve')).code).toBe(0);
  });
});
