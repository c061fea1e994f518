// lifecycle.ignore_changes with paths into attributes: a key of a map (`labels["a"]` or
// `labels.a`) keeps its prior value, present or absent; an element of a list (`ports[0]`) or an
// attribute of an object (`input.a`) is kept where both sides have it, as terraform keeps them.
// Paths that are not static, or name no attribute, are refused. Dynamic values are compared
// with terraform when it is installed.
import { FAKE_SCHEMA, FakeProvider } from './fake-provider';
import { fakeStack, runEngine, StackFolder } from './support/engine-cli';
import { describeWithTerraform, SideBySide } from './support/terraform';
import type { ProviderSchema } from '../index';

/** The fake provider with typed collections: labels a map of strings, ports a list of numbers. */
class TypedFake extends FakeProvider {
  override getSchema(): ProviderSchema {
    const thing = FAKE_SCHEMA.resources.fake_thing;
    const attributes = {
      ...thing.block.attributes,
      labels: { type: 'map' as const, elementType: 'string' as const, optional: true },
      ports: { type: 'list' as const, elementType: 'number' as const, optional: true },
    };
    return { ...FAKE_SCHEMA, resources: { fake_thing: { ...thing, block: { ...thing.block, attributes } } } };
  }
}

describe('ignore_changes with nested paths', () => {
  let stack: StackFolder;
  let provider: TypedFake;
  const cli = (...args: string[]) => runEngine(stack.dir, provider, args);
  const thing = (body: Record<string, unknown>, ignore: string[]) =>
    fakeStack({ web: { name: 'web', ...body, lifecycle: { ignore_changes: ignore } } });

  beforeEach(async () => {
    stack = new StackFolder();
    provider = new TypedFake();
    stack.write(thing({ labels: { a: '1', b: '1' }, ports: [80, 443] }, []));
    expect((await cli('apply', '-auto-approve')).code).toBe(0);
    provider.calls.length = 0;
  });
  afterEach(() => stack.remove());

  const noChange = async (body: Record<string, unknown>, ignore: string[]) => {
    stack.write(thing(body, ignore));
    const plan = await cli('plan', '-detailed-exitcode');
    expect(plan.err).toBe('');
    return plan.code;
  };

  it('keeps a map key the configuration changes, written either way', async () => {
    expect(await noChange({ labels: { a: '2', b: '1' }, ports: [80, 443] }, ['labels["a"]'])).toBe(0);
    expect(await noChange({ labels: { a: '2', b: '1' }, ports: [80, 443] }, ['labels.a'])).toBe(0);
    expect(await noChange({ labels: { a: '2', b: '2' }, ports: [80, 443] }, ['labels["a"]'])).toBe(2);
  });

  it('keeps a map key the configuration no longer has, and leaves out one the state never had', async () => {
    expect(await noChange({ labels: { b: '1' }, ports: [80, 443] }, ['labels["a"]'])).toBe(0);
    expect(await noChange({ labels: { a: '1', b: '1', c: '3' }, ports: [80, 443] }, ['labels["c"]'])).toBe(0);
  });

  it('keeps a list element both sides have', async () => {
    expect(await noChange({ labels: { a: '1', b: '1' }, ports: [8080, 443] }, ['ports[0]'])).toBe(0);
    expect(await noChange({ labels: { a: '1', b: '1' }, ports: [8080, 443] }, ['ports[1]'])).toBe(2);
    expect(await noChange({ labels: { a: '1', b: '1' }, ports: [80, 443, 22] }, ['ports[2]'])).toBe(2);
  });

  it('applies with the kept value, so the state keeps it too', async () => {
    stack.write(thing({ labels: { a: '9', b: '2' }, ports: [80, 443] }, ['labels["a"]']));
    expect((await cli('apply', '-auto-approve')).code).toBe(0);
    expect(stack.state().resources[0].instances[0].attributes.labels).toEqual({ a: '1', b: '2' });
  });

  it('refuses a path that names no attribute, or is not a static path', async () => {
    stack.write(thing({}, ['nope']));
    const unknown = await cli('plan');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('Error: Unsupported attribute');
    expect(unknown.err).toContain('no argument, nested block, or exported attribute named "nope"');
    stack.write(thing({}, ['labels[var.k]']));
    const dynamic = await cli('validate');
    expect(dynamic.code).toBe(1);
    expect(dynamic.err).toContain('Error: Invalid expression');
    expect(dynamic.err).toContain('a single static variable reference is required');
  });
});

describeWithTerraform('ignore_changes into dynamic values, beside terraform', () => {
  const doc = (input: unknown, path: string) => ({ resource: { terraform_data: { x: { input, lifecycle: { ignore_changes: [path] } } } } });
  const cases: [string, unknown, unknown, string][] = [
    ['an object attribute', { a: { b: 1 }, c: 1 }, { a: { b: 2 }, c: 1 }, 'input.a.b'],
    ['a string key in an object selects nothing', { a: { b: 1 }, c: 1 }, { a: { b: 2 }, c: 1 }, 'input["a"]["b"]'],
    ['a tuple element', { a: [1, 2] }, { a: [1, 3] }, 'input.a[1]'],
    ['an attribute of an object in a tuple', { a: [{ q: 1 }] }, { a: [{ q: 2 }] }, 'input.a[0].q'],
    ['an attribute added to the object', { a: 1 }, { a: 1, b: 2 }, 'input.b'],
    ['an attribute taken from the object', { a: 1, b: 2 }, { a: 1 }, 'input.b'],
    ['a tuple element added', [1, 2], [1, 2, 3], 'input[2]'],
    ['a tuple element taken away', [1, 2, 3], [1, 2], 'input[2]'],
    ['the first tuple element', [1, 2], [7, 2], 'input[0]'],
    ['a path into a string', 's', 't', 'input.a'],
    ['the whole input', { a: 1 }, { a: 2 }, 'input'],
  ];
  for (const [name, before, after, path] of cases) {
    it(`${name} (${path})`, async () => {
      const side = new SideBySide();
      try {
        await side.apply(doc(before, path));
        const { terraform, gridform } = await side.plan(doc(after, path));
        expect({ code: gridform.code, changes: gridform.changes }).toEqual({ code: terraform.code, changes: terraform.changes });
      } finally {
        side.remove();
      }
    }, 60_000);
  }
});
