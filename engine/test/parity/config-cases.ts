// Configuration cases: variables (type constraints, optional() defaults, nullable, validation,
// sensitive), count/for_each and their transitions, lifecycle, outputs and depends_on. Each is
// one or more documents applied in turn.
import type { ConfigStep } from './case-types';

export interface ConfigSpec {
  category: string;
  steps: ConfigStep[];
}

const TYPES = [
  'string',
  'number',
  'bool',
  'list(string)',
  'set(string)',
  'map(number)',
  'map(string)',
  'tuple([string, number])',
  'any',
  'list(any)',
  'map(any)',
  'object({a = string, b = optional(number, 5)})',
  'object({a = optional(list(string), []), c = optional(string)})',
  'list(object({n = string, p = optional(number)}))',
  'set(number)',
  'object({a = string})',
  'map(object({x = optional(bool, true)}))',
];

const VALUES: unknown[] = [
  'x',
  1,
  true,
  ['a', 1],
  { a: 'x' },
  null,
  [],
  { a: 'x', b: '2', c: 3 },
  [{ n: 'a' }, { n: 'b', p: '1' }],
  '12',
  ['1', '1', '2'],
  { k: { x: false }, j: {} },
];

function withOutput(variable: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { variable: { v: variable }, output: { o: { value: '${var.v}' } }, ...extra };
}

function variableSpecs(): ConfigSpec[] {
  const out: ConfigSpec[] = [];
  for (const type of TYPES) {
    for (const value of VALUES) out.push({ category: 'variables:type', steps: [{ doc: withOutput({ type }), vars: { v: value } }] });
  }
  const defaults: [string, unknown][] = [
    ['string', 1],
    ['number', '5'],
    ['list(number)', ['1', 2]],
    ['object({a = optional(number, 1)})', {}],
    ['map(string)', { a: 1 }],
    ['object({a = optional(object({b = optional(string, "d")}), {})})', {}],
    ['set(string)', ['b', 'a']],
    ['number', 'x'],
    ['list(string)', null],
    ['any', [1, 'a']],
    ['any', { a: [1] }],
    ['tuple([number, bool])', ['1', 'true']],
    // defaults at every level (typeexpr.Defaults): inside list elements, a null taking the default, none for a missing list
    ['object({a = optional(list(object({b = optional(number, 7)})))})', { a: [{}, { b: 1 }] }],
    ['object({a = optional(list(object({b = optional(number, 7)})))})', {}],
    ['object({a = optional(string, "d")})', { a: null }],
    ['list(object({a = optional(set(string), ["x"])}))', [{}, { a: ['y', 'y'] }]],
    ['map(object({a = optional(number, 1), b = string}))', { k: { b: 'x' } }],
  ];
  for (const [type, def] of defaults) out.push({ category: 'variables:default', steps: [{ doc: withOutput({ type, default: def }) }] });
  const nullable: Record<string, unknown>[] = [
    { type: 'string', nullable: false, default: 'd' },
    { type: 'string', nullable: true, default: 'd' },
    { type: 'string', nullable: false },
    { type: 'number', default: null },
  ];
  for (const decl of nullable) {
    out.push({ category: 'variables:nullable', steps: [{ doc: withOutput(decl), vars: { v: null } }] });
    out.push({ category: 'variables:nullable', steps: [{ doc: withOutput(decl), vars: { v: '3' } }] });
  }
  const validations: [Record<string, unknown>, unknown][] = [
    [{ type: 'number', validation: [{ condition: '${var.v > 1}', error_message: 'Too small.' }] }, 0],
    [{ type: 'number', validation: [{ condition: '${var.v > 1}', error_message: 'Too small.' }] }, 5],
    [{ type: 'string', validation: [{ condition: '${length(var.v) > 2}', error_message: 'Short.' }] }, 'ab'],
    [{ type: 'string', validation: [{ condition: '${can(regex("^a", var.v))}', error_message: 'No a.' }] }, 'abc'],
    [{ type: 'list(string)', validation: [{ condition: '${alltrue([for x in var.v : x != ""])}', error_message: 'Empty.' }] }, ['a', '']],
    [{ type: 'string', validation: [{ condition: '${var.v}', error_message: 'Bad.' }] }, 'x'],
    [{ type: 'string', validation: [{ condition: '${var.v != null}', error_message: 'Null.' }] }, null],
    [
      {
        type: 'number',
        validation: [
          { condition: '${var.v > 1}', error_message: 'Too small.' },
          { condition: '${var.v < 3}', error_message: 'Big.' },
        ],
      },
      4,
    ],
  ];
  for (const [decl, value] of validations)
    out.push({ category: 'variables:validation', steps: [{ doc: withOutput(decl), vars: { v: value } }] });
  const sensitive: [Record<string, unknown>, Record<string, unknown>][] = [
    [{ type: 'string', sensitive: true, default: 's' }, { o: { value: '${var.v}' } }],
    [{ type: 'string', sensitive: true, default: 's' }, { o: { value: '${var.v}', sensitive: true } }],
    [{ type: 'string', sensitive: true, default: 's' }, { o: { value: '${length(var.v)}', sensitive: true } }],
    [{ type: 'string', sensitive: true, default: 's' }, { o: { value: '${nonsensitive(var.v)}' } }],
  ];
  for (const [decl, output] of sensitive) {
    out.push({ category: 'variables:sensitive', steps: [{ doc: { variable: { v: decl }, output } }] });
  }
  out.push({ category: 'variables:undeclared', steps: [{ doc: withOutput({ type: 'string', default: 'a' }), vars: { w: 1 } }] });
  out.push({ category: 'variables:missing', steps: [{ doc: withOutput({ type: 'string' }) }] });
  return out;
}

function data(resources: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { resource: { terraform_data: resources }, ...extra };
}

function expansionSpecs(): ConfigSpec[] {
  const forms: Record<string, unknown>[] = [
    {},
    { count: 0 },
    { count: 1 },
    { count: 2 },
    { count: 3 },
    { for_each: '${toset(["a", "b"])}' },
    { for_each: '${toset(["b", "c"])}' },
    { for_each: { a: 1, b: 2 } },
    { for_each: { '0': 'z' } },
    { for_each: '${toset([])}' },
  ];
  const out: ConfigSpec[] = [];
  for (let i = 0; i < forms.length; i++) {
    for (let j = 0; j < forms.length; j++) {
      if (i === j) continue;
      if ((i + j) % 3 !== 0 && i !== 0 && j !== 0) continue;
      const input = (f: Record<string, unknown>) => ('count' in f ? '${count.index}' : 'for_each' in f ? '${each.key}' : 'single');
      const step = (f: Record<string, unknown>): ConfigStep => ({
        doc: data({ r: { ...f, input: input(f) } }, { output: { o: { value: '${terraform_data.r}' } } }),
      });
      out.push({ category: 'count-for_each:transition', steps: [step(forms[i]), step(forms[j])] });
    }
  }
  const invalid: Record<string, unknown>[] = [
    { count: -1 },
    { count: '${1.5}' },
    { count: 'x' },
    { for_each: ['a', 'b'] },
    { for_each: '${["a"]}' },
    { for_each: '${toset([1, 2])}' },
    { for_each: 'x' },
    { count: 1, for_each: { a: 1 } },
    { for_each: '${toset([null])}' },
    { for_each: '${{a = sensitive(1)}}' },
    { count: '${length(["a", "b"])}' },
    { for_each: '${{for x in ["a", "b"] : x => upper(x)}}' },
    { count: null },
    { for_each: null },
    { count: '${"2"}' },
    { for_each: '${tomap({a = "1"})}' },
    { for_each: '${toset(["a", "a"])}' },
    { count: true },
  ];
  for (const f of invalid) {
    out.push({
      category: 'count-for_each:value',
      steps: [{ doc: data({ r: { ...f, input: 'x' } }, { output: { o: { value: '${terraform_data.r}' } } }) }],
    });
  }
  out.push({
    category: 'count-for_each:reference',
    steps: [
      {
        doc: data({
          a: { count: 2, input: '${count.index}' },
          b: { for_each: '${toset([for x in terraform_data.a : tostring(x.input)])}', input: 'x' },
        }),
      },
    ],
  });
  out.push({
    category: 'count-for_each:reference',
    steps: [
      {
        doc: data({
          a: { count: 2, input: '${count.index}' },
          b: { count: '${length(terraform_data.a)}', input: '${terraform_data.a[count.index].output}' },
        }),
      },
    ],
  });
  return out;
}

function lifecycleSpecs(): ConfigSpec[] {
  const out: ConfigSpec[] = [];
  const pair = (category: string, a: Record<string, unknown>, b: Record<string, unknown>) =>
    out.push({ category, steps: [{ doc: a }, { doc: b }] });
  pair('lifecycle', data({ r: { input: 'a' } }), data({ r: { input: 'b' } }));
  pair('lifecycle', data({ r: { input: 'a', triggers_replace: ['1'] } }), data({ r: { input: 'a', triggers_replace: ['2'] } }));
  pair(
    'lifecycle',
    data({ r: { input: 'a', lifecycle: { create_before_destroy: true }, triggers_replace: 1 } }),
    data({ r: { input: 'a', lifecycle: { create_before_destroy: true }, triggers_replace: 2 } }),
  );
  pair('lifecycle', data({ r: { input: 'a', lifecycle: { prevent_destroy: true } } }), data({}));
  pair(
    'lifecycle',
    data({ r: { input: 'a', lifecycle: { prevent_destroy: true }, triggers_replace: 1 } }),
    data({ r: { input: 'a', lifecycle: { prevent_destroy: true }, triggers_replace: 2 } }),
  );
  pair(
    'lifecycle',
    data({ r: { input: 'a', lifecycle: { ignore_changes: ['input'] } } }),
    data({ r: { input: 'b', lifecycle: { ignore_changes: ['input'] } } }),
  );
  pair(
    'lifecycle',
    data({ r: { input: 'a', lifecycle: { ignore_changes: 'all' } } }),
    data({ r: { input: 'b', lifecycle: { ignore_changes: 'all' } } }),
  );
  pair(
    'lifecycle',
    data({ s: { input: '1' }, r: { input: 'a', lifecycle: { replace_triggered_by: ['terraform_data.s'] } } }),
    data({ s: { input: '2' }, r: { input: 'a', lifecycle: { replace_triggered_by: ['terraform_data.s'] } } }),
  );
  pair(
    'lifecycle',
    data({ s: { input: '1' }, r: { input: 'a', lifecycle: { replace_triggered_by: ['terraform_data.s.input'] } } }),
    data({ s: { input: '1' }, r: { input: 'a', lifecycle: { replace_triggered_by: ['terraform_data.s.input'] } } }),
  );
  pair('lifecycle', data({ r: { input: 1 } }), data({ r: { input: '1' } }));
  pair('lifecycle', data({ r: { input: [1, 2] } }), data({ r: { input: '${tolist([1, 2])}' } }));
  pair('lifecycle', data({ r: { input: { a: 1 } } }), data({ r: { input: '${tomap({a = 1})}' } }));
  pair('lifecycle', data({ r: { input: '${0.1 + 0.2}' } }), data({ r: { input: 0.3 } }));
  pair('lifecycle', data({ r: { input: null } }), data({ r: { input: 'x' } }));
  pair('lifecycle', data({ r: { input: 'x' } }), data({ r: { input: '${sensitive("x")}' } }));
  // a type or sensitivity recorded once is not a change again; taking it away is one
  const steps = (...inputs: unknown[]) =>
    out.push({ category: 'lifecycle', steps: inputs.map((input) => ({ doc: data({ r: { input } }) })) });
  steps([1, 2], '${tolist([1, 2])}', '${tolist([1, 2])}', [1, 2]);
  steps('x', '${sensitive("x")}', '${sensitive("x")}', 'x');
  steps({ a: 1 }, { a: '${sensitive(1)}' }, { a: 1 });
  steps('${toset(["a"])}', '${tolist(["a"])}', ['a']);
  out.push({ category: 'lifecycle', steps: [{ doc: data({ r: { input: 'a', lifecycle: { ignore_changes: ['nope'] } } }) }] });
  out.push({
    category: 'lifecycle',
    steps: [{ doc: data({ r: { input: 'a', lifecycle: { replace_triggered_by: ['terraform_data.none'] } } }) }],
  });
  out.push({
    category: 'lifecycle',
    steps: [{ doc: data({ r: { input: 'a', lifecycle: { precondition: [{ condition: '${1 > 2}', error_message: 'No.' }] } } }) }],
  });
  out.push({
    category: 'lifecycle',
    steps: [
      { doc: data({ r: { input: 'a', lifecycle: { postcondition: [{ condition: '${self.output == "a"}', error_message: 'No.' }] } } }) },
    ],
  });
  out.push({
    category: 'lifecycle',
    steps: [
      { doc: data({ r: { input: 'a', lifecycle: { postcondition: [{ condition: '${self.output == "b"}', error_message: 'No.' }] } } }) },
    ],
  });
  return out;
}

function outputAndDependsSpecs(): ConfigSpec[] {
  const out: ConfigSpec[] = [];
  const one = (category: string, doc: Record<string, unknown>) => out.push({ category, steps: [{ doc }] });
  one('depends_on', data({ a: { input: 'a' }, b: { input: 'b', depends_on: ['terraform_data.a'] } }));
  one('depends_on', data({ b: { input: 'b', depends_on: ['terraform_data.none'] } }));
  one('depends_on', data({ a: { input: 'a' }, b: { input: 'b', depends_on: ['terraform_data.a.output'] } }));
  one('depends_on', data({ a: { input: 'a' }, b: { input: 'b', depends_on: ['${terraform_data.a}'] } }));
  one('depends_on', data({ a: { input: 'a', count: 2 }, b: { input: 'b', depends_on: ['terraform_data.a[0]'] } }));
  one('depends_on', data({ a: { input: 'a' }, b: { input: 'b', depends_on: ['var.x'] } }, { variable: { x: { default: 1 } } }));
  one('depends_on', data({ a: { input: 'a' } }, { output: { o: { value: '1', depends_on: ['terraform_data.a'] } } }));
  one('depends_on', data({ a: { input: '${terraform_data.b.output}' }, b: { input: '${terraform_data.a.output}' } }));
  one('depends_on', data({ a: { input: 'a', depends_on: ['terraform_data.a'] } }));
  one('outputs', data({ a: { input: 'a' } }, { output: { o: { value: '${terraform_data.a}' } } }));
  one('outputs', data({ a: { input: { x: [1, 'a'] } } }, { output: { o: { value: '${terraform_data.a.output}' } } }));
  one('outputs', data({ a: { input: 'a' } }, { output: { o: { value: '${terraform_data.a.id == ""}' } } }));
  one(
    'outputs',
    data(
      { a: { input: 'a' } },
      { output: { o: { value: 'x', precondition: [{ condition: '${terraform_data.a.input == "b"}', error_message: 'No.' }] } } },
    ),
  );
  one('outputs', data({ a: { input: 'a' } }, { output: { o: { value: '${terraform_data.a.nope}' } } }));
  one('outputs', data({ a: { input: 'a', count: 2 } }, { output: { o: { value: '${terraform_data.a[*].input}' } } }));
  one('outputs', data({ a: { input: 'a', for_each: { x: 1 } } }, { output: { o: { value: '${terraform_data.a}' } } }));
  one('outputs', data({ a: { input: '${123456789 * 987654321}' } }, { output: { o: { value: '${terraform_data.a.output}' } } }));
  one('outputs', data({ a: { input: '${1 / 3}' } }, { output: { o: { value: '${terraform_data.a.output * 3}' } } }));
  one('outputs', data({ a: { input: '${pow(2, 100)}' } }, { output: { o: { value: '${terraform_data.a.output}' } } }));
  one(
    'outputs',
    data({ a: { input: '${parseint("123456789012345678901234567890", 10)}' } }, { output: { o: { value: '${terraform_data.a.output}' } } }),
  );
  one('outputs', { output: { o: { value: '${1e300 * 1e300}' } } });
  one('outputs', { locals: { a: '${local.b}', b: '${local.a}' }, output: { o: { value: '${local.a}' } } });
  one('outputs', { output: { o: { value: 5, description: 'd' } } });
  one('outputs', { output: { o: { value: [1, 'a', true, null] } } });
  one('outputs', { output: { o: { value: { a: { b: [] } } } } });
  return out;
}

export function configSpecs(): ConfigSpec[] {
  return [...variableSpecs(), ...expansionSpecs(), ...lifecycleSpecs(), ...outputAndDependsSpecs()];
}
