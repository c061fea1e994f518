// Sensitivity rules as terraform's: an output with sensitive parts must be declared sensitive,
// for_each may not be sensitive as a whole (a map with sensitive values is fine), and for_each
// takes maps and sets of strings, never lists or tuples. Compared with terraform when installed.
import { FAKE_SCHEMA, FakeProvider } from './fake-provider';
import { fakeStack, runEngine, StackFolder } from './support/engine-cli';
import { describeWithTerraform, SideBySide } from './support/terraform';
import type { ProviderSchema } from '../index';

/** The fake provider with a set attribute (zones, a set of strings) and disk blocks holding a sensitive password. */
class SetFake extends FakeProvider {
  override getSchema(): ProviderSchema {
    const thing = FAKE_SCHEMA.resources.fake_thing;
    const attributes = { ...thing.block.attributes, zones: { type: 'set' as const, elementType: 'string' as const, optional: true } };
    const disk = {
      nesting: 'list' as const,
      block: {
        attributes: {
          size: { type: 'number' as const, optional: true },
          password: { type: 'string' as const, optional: true, sensitive: true },
        },
      },
    };
    return { ...FAKE_SCHEMA, resources: { fake_thing: { ...thing, block: { ...thing.block, attributes, blocks: { disk } } } } };
  }
}

describe('sensitivity and for_each rules', () => {
  let stack: StackFolder;
  let provider: SetFake;
  const cli = (...args: string[]) => runEngine(stack.dir, provider, args);
  const secretVar = { variable: { token: { default: 's3cret', sensitive: true } } };

  beforeEach(() => {
    stack = new StackFolder();
    provider = new SetFake();
  });
  afterEach(() => stack.remove());

  const outcome = async (doc: unknown) => {
    stack.write(doc);
    const r = await cli('plan');
    return r.code === 0 ? 'accepted' : /Error: ([^\n]+)/.exec(r.err)?.[1];
  };

  it('refuses an output exposing a sensitive value, however it is derived, unless it says sensitive = true', async () => {
    const web = { web: { name: 'web', secret: '${var.token}' } };
    const out = (value: unknown, sensitive?: boolean) =>
      fakeStack(web, { ...secretVar, output: { o: { value, ...(sensitive ? { sensitive } : {}) } } });
    const refused = 'Output refers to sensitive values';
    expect(await outcome(out('${var.token}'))).toBe(refused);
    expect(await outcome(out('${upper(var.token)}-x'))).toBe(refused);
    expect(await outcome(out({ nested: ['${var.token}'] }))).toBe(refused);
    expect(await outcome(out('${true ? "a" : var.token}'))).toBe(refused);
    expect(await outcome(out('${fake_thing.web.secret}'))).toBe(refused);
    expect(await outcome(out('${fake_thing.web}'))).toBe(refused);
    expect(await outcome(out('${sensitive("x")}'))).toBe(refused);
    expect(await outcome(out('${var.token}', true))).toBe('accepted');
    expect(await outcome(out('${nonsensitive(var.token)}'))).toBe('accepted');
    expect(await outcome(out('${fake_thing.web.name}'))).toBe('accepted');
    expect((await cli('plan')).err).toBe('');
    stack.write(out('${var.token}'));
    expect((await cli('plan')).err).toContain('sensitive = true (in CDKTF: sensitive: true on the TerraformOutput)');
    // as terraform validate, validate refuses it already
    expect((await cli('validate')).err).toContain('Error: Output refers to sensitive values');
  });

  it('follows a reference into nested blocks: only what reaches a sensitive attribute is sensitive', async () => {
    const web = { web: { name: 'web', disk: [{ size: 5, password: 'p' }] } };
    const out = (value: string) => fakeStack(web, { output: { o: { value } } });
    expect(await outcome(out('${fake_thing.web.disk[0].size}'))).toBe('accepted');
    expect(await outcome(out('${fake_thing.web.disk[*].size}'))).toBe('accepted');
    expect(await outcome(out('${fake_thing.web.disk[0].password}'))).toBe('Output refers to sensitive values');
    expect(await outcome(out('${fake_thing.web.disk[0]}'))).toBe('Output refers to sensitive values');
    const fromSecret = fakeStack(
      { web: { name: 'web', disk: [{ size: '${length(var.token)}' }] } },
      { ...secretVar, output: { o: { value: '${fake_thing.web.disk[0].size}' } } },
    );
    expect(await outcome(fromSecret)).toBe('Output refers to sensitive values');
  });

  it('refuses a sensitive for_each, but takes a map whose values are sensitive', async () => {
    const keyed = (forEach: unknown) =>
      fakeStack({ web: { name: '${each.key}', for_each: forEach } }, { variable: { m: { default: { a: 'x' }, sensitive: true } } });
    expect(await outcome(keyed('${var.m}'))).toBe('Invalid for_each argument');
    expect(await outcome(keyed('${toset(keys(var.m))}'))).toBe('Invalid for_each argument');
    expect(await outcome(fakeStack({ web: { name: '${each.key}', for_each: { a: '${var.token}' } } }, secretVar))).toBe('accepted');
    expect((await cli('plan')).err).toBe('');
    stack.write(keyed('${var.m}'));
    expect((await cli('plan')).err).toContain('cannot be used as for_each arguments');
    expect((await cli('validate')).err).toContain('cannot be used as for_each arguments');
  });

  it('takes maps and sets of strings for for_each, and refuses lists, tuples and sets of numbers', async () => {
    const each = (forEach: unknown, extra: Record<string, unknown> = {}) =>
      fakeStack({ web: { name: '${each.key}', for_each: forEach } }, extra);
    expect(await outcome(each(['a', 'b']))).toBe('Invalid for_each argument');
    expect((await cli('plan')).err).toContain('you have provided a list or tuple. Convert it with toset()');
    expect(await outcome(each('${tolist(["a"])}'))).toBe('Invalid for_each argument');
    expect(await outcome(each('${var.l}', { variable: { l: { type: 'list(string)', default: ['a'] } } }))).toBe(
      'Invalid for_each argument',
    );
    expect(await outcome(each('${toset([1, 2])}'))).toBe('Invalid for_each set argument');
    expect(await outcome(each('${toset(["a", "b"])}'))).toBe('accepted');
    expect(await outcome(each('${var.l}', { variable: { l: { type: 'set(string)', default: ['b', 'a', 'b'] } } }))).toBe('accepted');
    expect(await outcome(each({ a: 1 }))).toBe('accepted');
    expect(await outcome(each('${{for k in ["a"] : k => k}}'))).toBe('accepted');
  });

  it('takes a set attribute of another resource, as its schema types it', async () => {
    stack.write(fakeStack({ base: { name: 'base', zones: ['eu', 'us'] } }));
    expect((await cli('apply', '-auto-approve')).code).toBe(0);
    stack.write(
      fakeStack({ base: { name: 'base', zones: ['eu', 'us'] }, web: { name: '${each.key}', for_each: '${fake_thing.base.zones}' } }),
    );
    const plan = await cli('plan');
    expect(plan.err).toBe('');
    expect(plan.out).toContain('# fake_thing.web["eu"] will be created');
  });
});

describeWithTerraform('sensitivity and for_each rules beside terraform', () => {
  const s = { variable: { s: { default: 'x', sensitive: true } } };
  const td = (x: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ resource: { terraform_data: { x } }, ...extra });
  const out = (value: unknown, extra: Record<string, unknown> = s) => ({ ...extra, output: { o: { value } } });
  const cases: [string, unknown][] = [
    ['a sensitive variable', out('${var.s}')],
    ['a conditional whose other branch is sensitive', out('${true ? "a" : var.s}')],
    ['a sensitive condition', out('${var.s == "x" ? "a" : "b"}')],
    ['a function of a sensitive value', out('${length(var.s)}')],
    ['nonsensitive()', out('${nonsensitive(var.s)}')],
    ['sensitive()', out('${sensitive("a")}', {})],
    ['a local derived from a sensitive value', { ...out('${local.l}'), locals: { l: '${var.s}-y' } }],
    ['an object with one sensitive part', out({ a: '${var.s}', b: 1 })],
    ['an attribute set from a sensitive value', td({ input: '${var.s}' }, out('${terraform_data.x.input}'))],
    ['an attribute computed from a sensitive value', td({ input: '${var.s}' }, out('${terraform_data.x.output}'))],
    ['a whole resource with a sensitive attribute', td({ input: '${var.s}' }, out('${terraform_data.x}'))],
    ['for_each over a sensitive map', td({ for_each: '${var.m}' }, { variable: { m: { default: { a: 1 }, sensitive: true } } })],
    ['for_each over a map with a sensitive value', td({ for_each: { a: '${var.s}' }, input: '${each.value}' }, s)],
    ['for_each over a tuple', td({ for_each: ['a', 'b'] })],
    ['for_each over tolist()', td({ for_each: '${tolist(["a"])}' })],
    ['for_each over toset()', td({ for_each: '${toset(["a"])}' })],
    ['for_each over a set of numbers', td({ for_each: '${toset([1, 2])}' })],
    ['for_each over a list variable', td({ for_each: '${var.l}' }, { variable: { l: { type: 'list(string)', default: ['a'] } } })],
    ['for_each over a set variable', td({ for_each: '${var.l}' }, { variable: { l: { type: 'set(string)', default: ['a'] } } })],
    ['count from a sensitive value', td({ count: '${var.n}' }, { variable: { n: { default: 1, sensitive: true } } })],
  ];
  for (const [name, doc] of cases) {
    it(
      name,
      async () => {
        const side = new SideBySide();
        try {
          const { terraform, gridform } = await side.plan(doc);
          expect({ code: gridform.code, changes: gridform.changes }).toEqual({ code: terraform.code, changes: terraform.changes });
          const first = (text: string) => /Error: ([^\n]+)/.exec(text)?.[1];
          expect(first(gridform.text)).toBe(first(terraform.text));
        } finally {
          side.remove();
        }
      },
      60_000,
    );
  }
});
