// Custom conditions, evaluated where terraform evaluates them: variable validations and resource
// preconditions before planning, postconditions on the planned object (and on the applied one
// when it was not known), output preconditions, and check blocks, which warn rather than stop.
// Each failure carries the rule's error_message. Compared with terraform when it is installed.
import { FakeProvider } from './fake-provider';
import { fakeStack, runEngine, StackFolder } from './support/engine-cli';
import { describeWithTerraform, SideBySide } from './support/terraform';

const rule = (condition: string, message: string) => [{ condition, error_message: message }];

describe('custom conditions', () => {
  let stack: StackFolder;
  let provider: FakeProvider;
  const cli = (...args: string[]) => runEngine(stack.dir, provider, args);
  const withSize = (size: number, extra: Record<string, unknown> = {}, lifecycle: Record<string, unknown> = {}) =>
    fakeStack(
      { web: { name: 'web', size: '${var.size}', lifecycle } },
      { variable: { size: { type: 'number', default: size } }, ...extra },
    );

  beforeEach(() => {
    stack = new StackFolder();
    provider = new FakeProvider();
  });
  afterEach(() => stack.remove());

  it('a failed precondition stops the plan before the provider is asked, with its error_message', async () => {
    stack.write(withSize(1, {}, { precondition: rule('${var.size > 2}', 'size must be over 2, got ${var.size}.') }));
    const plan = await cli('plan');
    expect(plan.code).toBe(1);
    expect(plan.err).toContain('Error: Resource precondition failed');
    expect(plan.err).toContain('size must be over 2, got 1.');
    expect(provider.calls).toEqual([]);
    stack.write(withSize(3, {}, { precondition: rule('${var.size > 2}', 'size must be over 2, got ${var.size}.') }));
    expect((await cli('apply', '-auto-approve')).code).toBe(0);
  });

  it('preconditions see count.index and each', async () => {
    const pre = rule('${count.index < 1}', 'only one, not index ${count.index}');
    stack.write(fakeStack({ web: { name: 'web', count: 2, lifecycle: { precondition: pre } } }));
    const plan = await cli('plan');
    expect(plan.err).toContain('only one, not index 1');
    expect(plan.err).toContain('with fake_thing.web[1]');
  });

  it('a failed postcondition on the planned object refuses the plan; one known only after apply is checked by apply', async () => {
    stack.write(fakeStack({ web: { name: 'web', lifecycle: { postcondition: rule('${self.name == "api"}', 'name must be api') } } }));
    const planned = await cli('plan');
    expect(planned.code).toBe(1);
    expect(planned.err).toContain('Error: Resource postcondition failed');
    expect(planned.err).toContain('name must be api');

    stack.write(fakeStack({ web: { name: 'web', lifecycle: { postcondition: rule('${self.id == "fake-9"}', 'id is ${self.id}') } } }));
    expect((await cli('plan')).code).toBe(0);
    const apply = await cli('apply', '-auto-approve');
    expect(apply.code).toBe(1);
    expect(apply.err).toContain('Error: Resource postcondition failed');
    expect(apply.err).toContain('id is fake-1');
    // as terraform: the object exists, so the state keeps it
    expect(stack.state().resources[0].instances[0].attributes.id).toBe('fake-1');
  });

  it('a precondition on a value known only after apply is checked by apply, before the object is made', async () => {
    const pre = rule('${fake_thing.base.id == "nope"}', 'base is ${fake_thing.base.id}');
    stack.write(fakeStack({ base: { name: 'base' }, web: { name: 'web', lifecycle: { precondition: pre } } }));
    expect((await cli('plan')).code).toBe(0);
    const apply = await cli('apply', '-auto-approve');
    expect(apply.code).toBe(1);
    expect(apply.err).toContain('Error: Resource precondition failed');
    expect(apply.err).toContain('base is fake-1');
    expect(provider.writes()).toEqual(['create base']);
  });

  it('a failed check block assertion warns, at plan and at apply, and stops nothing', async () => {
    stack.write(withSize(1, { check: { big: { assert: rule('${fake_thing.web.size > 2}', 'web is small: ${fake_thing.web.size}') } } }));
    const plan = await cli('plan', '-detailed-exitcode');
    expect(plan.code).toBe(2);
    expect(plan.out + plan.err).toContain('Warning: Check block assertion failed');
    expect(plan.out + plan.err).toContain('web is small: 1');
    const apply = await cli('apply', '-auto-approve');
    expect(apply.code).toBe(0);
    expect(apply.out + apply.err).toContain('web is small: 1');
  });

  it('a failed variable validation refuses the value, from a default or from -var', async () => {
    const validation = rule('${var.size >= 2 && var.size <= 8}', 'size must be 2 to 8.');
    const doc = (size: number) =>
      fakeStack({ web: { name: 'web', size: '${var.size}' } }, { variable: { size: { type: 'number', default: size, validation } } });
    stack.write(doc(1));
    const plan = await cli('plan');
    expect(plan.code).toBe(1);
    expect(plan.err).toContain('Error: Invalid value for variable');
    expect(plan.err).toContain('size must be 2 to 8.');
    expect(plan.err).toContain('This was checked by the validation rule of variable "size".');
    stack.write(doc(4));
    expect((await cli('plan')).code).toBe(0);
    expect((await cli('plan', '-var', 'size=9')).err).toContain('size must be 2 to 8.');
  });

  it('a failed output precondition refuses the plan', async () => {
    const output = { o: { value: '${var.size}', precondition: rule('${var.size > 2}', 'the output needs size over 2') } };
    stack.write(withSize(1, { output }));
    const plan = await cli('plan');
    expect(plan.code).toBe(1);
    expect(plan.err).toContain('Error: Module output value precondition failed');
    expect(plan.err).toContain('the output needs size over 2');
  });

  it('refuses malformed conditions when reading the configuration', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ precondition: rule('${1 > 2}', 'x') }, 'Invalid precondition expression'],
      [{ precondition: [{ condition: '${var.size > 1}' }] }, 'Missing required argument'],
      [{ precondition: rule('${self.id != ""}', 'x') }, 'Invalid "self" reference'],
      [{ postcondition: [{ condition: '${self.id != ""}', error_message: 'x', extra: 1 }] }, 'Extraneous JSON object property'],
    ];
    for (const [lifecycle, summary] of cases) {
      stack.write(withSize(3, {}, lifecycle));
      const r = await cli('validate');
      expect(r.code).toBe(1);
      expect(r.err).toContain(`Error: ${summary}`);
    }
    stack.write(fakeStack({}, { variable: { a: { default: 1 }, b: { default: 2, validation: rule('${var.a > 0}', 'x') } } }));
    expect((await cli('validate')).err).toContain('The condition for variable "b" must refer to var.b');
    stack.write(fakeStack({}, { check: { empty: {} } }));
    expect((await cli('validate')).err).toContain('Error: Zero assert blocks');
  });
});

describeWithTerraform('custom conditions beside terraform', () => {
  const data = (x: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ resource: { terraform_data: { x } }, ...extra });
  const n = (value: unknown, validation?: unknown) => ({ variable: { n: { default: value, ...(validation ? { validation } : {}) } } });
  const cases: [string, unknown][] = [
    [
      'failed precondition',
      data({ input: '${var.n}', lifecycle: { precondition: rule('${var.n > 2}', 'n must be over 2, got ${var.n}.') } }, n(1)),
    ],
    ['passed precondition', data({ input: '${var.n}', lifecycle: { precondition: rule('${var.n > 0}', 'n must be over 0') } }, n(1))],
    ['precondition referring to nothing', data({ lifecycle: { precondition: rule('${1 > 2}', 'never') } })],
    ['precondition on self', data({ lifecycle: { precondition: rule('${self.id != ""}', 'x') } })],
    [
      'precondition with an extra argument',
      data({ lifecycle: { precondition: [{ condition: '${var.n > 0}', error_message: 'x', foo: 1 }] } }, n(1)),
    ],
    ['failed postcondition', data({ input: 'a', lifecycle: { postcondition: rule('${self.input == "b"}', 'input must be b.') } })],
    [
      'postcondition known only after apply',
      data({ input: 'a', lifecycle: { postcondition: rule('${self.output == "b"}', 'output must be b.') } }),
    ],
    ['failed check block', { ...n(1), check: { c: { assert: rule('${var.n > 2}', 'n small') } } }],
    ['check block without assert', { check: { c: {} } }],
    ['failed validation', n(1, rule('${var.n > 2}', 'n must be over 2.'))],
    ['validation referring to nothing', n(1, rule('${true}', 'x'))],
    [
      'validation not referring to its variable',
      { variable: { m: { default: 5 }, n: { default: 1, validation: rule('${var.m > 2}', 'x') } } },
    ],
    ['validation giving null', n(null, rule('${var.n}', 'x'))],
    ['validation giving a string', n('abc', rule('${var.n}', 'x'))],
    ['validation without error_message', n(1, [{ condition: '${var.n > 0}' }])],
    ['failed output precondition', { ...n(1), output: { o: { value: '${var.n}', precondition: rule('${var.n > 2}', 'bad o') } } }],
  ];
  for (const [name, doc] of cases) {
    it(
      name,
      async () => {
        const side = new SideBySide();
        try {
          const { terraform, gridform } = await side.plan(doc);
          expect({ code: gridform.code, changes: gridform.changes }).toEqual({ code: terraform.code, changes: terraform.changes });
          const first = (text: string, kind: string) => new RegExp(`${kind}: ([^\\n]+)`).exec(text)?.[1];
          expect(first(gridform.text, 'Error')).toBe(first(terraform.text, 'Error'));
          expect(first(gridform.text, 'Warning')).toBe(first(terraform.text, 'Warning'));
        } finally {
          side.remove();
        }
      },
      60_000,
    );
  }
});
