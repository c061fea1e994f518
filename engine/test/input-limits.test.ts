// Inputs that would take minutes, gigabytes or the whole stack are refused at once with a message
// naming the resource and the limit: huge count/for_each, deep nesting, huge strings.
import { FakeProvider } from './fake-provider';
import { fakeStack, runEngine, StackFolder } from './support/engine-cli';

describe('limits on what a configuration may ask', () => {
  let folder: StackFolder;
  let provider: FakeProvider;
  const run = (args: string[], env: Record<string, string> = {}) => runEngine(folder.dir, provider, args, env);

  beforeEach(() => {
    folder = new StackFolder();
    provider = new FakeProvider();
  });
  afterEach(() => folder.remove());

  it('count = 10000000 is refused at once, naming the resource and how to raise the limit', async () => {
    folder.write(fakeStack({ many: { name: 'x', count: 10_000_000 } }));
    const started = Date.now();
    const plan = await run(['plan']);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(plan.code).toBe(1);
    expect(plan.err).toContain('Error: Too many instances');
    expect(plan.err).toContain('with fake_thing.many,\n  on cdk.tf.json line 1, in resource.fake_thing.many:');
    expect(plan.err).toContain('asks for 10000000 instances, over the limit of 100000');
    expect(plan.err).toContain('GRIDFORM_MAX_INSTANCES');
  });

  it('the limit is configurable, and applies to for_each too', async () => {
    const keys = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, i]));
    folder.write(fakeStack({ many: { name: '${each.key}', for_each: keys } }));
    const refused = await run(['plan'], { GRIDFORM_MAX_INSTANCES: '20' });
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('The for_each of fake_thing.many asks for 30 instances, over the limit of 20');
    expect((await run(['plan'], { GRIDFORM_MAX_INSTANCES: '30' })).code).toBe(0);
    const invalid = await run(['plan'], { GRIDFORM_MAX_INSTANCES: 'lots' });
    expect(invalid.code).toBe(1);
    expect(invalid.err).toContain('GRIDFORM_MAX_INSTANCES must be a positive whole number, not "lots"');
  });

  it('5,000 nested parentheses get an error naming the resource, not a stack overflow', async () => {
    const deep = `\${${'('.repeat(5000)}1${')'.repeat(5000)}}`;
    folder.write(fakeStack({ a: { name: deep } }));
    const plan = await run(['plan']);
    expect(plan.code).toBe(1);
    expect(plan.err).toContain('with fake_thing.a');
    expect(plan.err).toContain('nested more than 256 levels deep');
    expect(plan.err).not.toContain('Maximum call stack');
  });

  it('a configuration nested 100,000 levels deep in JSON gets an error, not a stack overflow', async () => {
    const doc = JSON.stringify(fakeStack({ a: { name: 'a', ref: 'DEEP' } }));
    folder.writeText(doc.replace('"DEEP"', `${'['.repeat(100_000)}"leaf"${']'.repeat(100_000)}`));
    const plan = await run(['plan']);
    expect(plan.code).toBe(1);
    expect(plan.err).toContain('nested too deeply');
    expect(plan.err).not.toContain('Maximum call stack');
  });

  it('a string past 16 MiB is refused naming the expression', async () => {
    folder.write(fakeStack({ a: { name: '${join("", [for i in range(1000) : format("%020000d", i)])}' } }));
    const plan = await run(['plan']);
    expect(plan.code).toBe(1);
    expect(plan.err).toContain('String too long');
    expect(plan.err).toContain('over the limit of 16777216 (16 MiB)');
  });
});
