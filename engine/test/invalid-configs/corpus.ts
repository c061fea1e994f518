// A generated corpus of invalid configurations, each with the refusal gridform must give: the
// summary of an error (and, for some, words of its detail). Every document uses only what needs
// no provider download (terraform_data, variables, locals, outputs, moved/import/removed/check
// blocks), so terraform can be asked about the same documents: it refuses each of them too.
// Variable type and default checks, cycles among locals and depends_on naming its own resource
// are left to their own tests.

export interface InvalidCase {
  readonly name: string;
  readonly doc: unknown;
  /** the summary of an error gridform gives ("Error: <summary>") */
  readonly summary: string;
  /** words the error's detail contains */
  readonly detail?: string;
}

type Json = Record<string, unknown>;

const data = (resources: Json, extra: Json = {}): Json => ({ resource: { terraform_data: resources }, ...extra });
const out = (value: unknown, extra: Json = {}): Json => ({ ...extra, output: { o: { value } } });
const sensitive = (value: unknown = 'x'): Json => ({ variable: { s: { default: value, sensitive: true } } });
const rule = (condition: unknown, message: unknown = 'failed') => [{ condition, error_message: message }];

/** Names terraform does not take for any block: not starting with a letter or underscore, or with other characters. */
const BAD_NAMES = ['1x', '9', 'a.b', 'a b', 'a/b', 'a:b', '$x', 'a$', '-x', 'a+b', '', 'a"b', 'ü!'];

function names(): InvalidCase[] {
  const cases: InvalidCase[] = [];
  for (const bad of BAD_NAMES) {
    const tag = JSON.stringify(bad);
    cases.push({ name: `resource name ${tag}`, doc: data({ [bad]: {} }), summary: 'Invalid resource name' });
    cases.push({ name: `variable name ${tag}`, doc: { variable: { [bad]: { default: 1 } } }, summary: 'Invalid variable name' });
    cases.push({ name: `output name ${tag}`, doc: { output: { [bad]: { value: 1 } } }, summary: 'Invalid output name' });
    cases.push({ name: `local name ${tag}`, doc: { locals: { [bad]: 1 } }, summary: 'Invalid local value name' });
    if (bad)
      cases.push({ name: `resource type name ${tag}`, doc: { resource: { [bad]: { x: {} } } }, summary: 'Invalid resource type name' });
  }
  for (const reserved of ['source', 'version', 'providers', 'count', 'for_each', 'lifecycle', 'depends_on', 'locals']) {
    cases.push({
      name: `reserved variable name ${reserved}`,
      doc: { variable: { [reserved]: { default: 1 } } },
      summary: 'Invalid variable name',
      detail: 'is reserved',
    });
  }
  return cases;
}

function topLevel(): InvalidCase[] {
  const unknown = [
    'resources',
    'outputs',
    'variables',
    'local',
    'providers',
    'datas',
    'modules',
    'move',
    'imports',
    'remove',
    'checks',
    'Resource',
    'foo',
    'terraform_data',
    'dynamic',
  ];
  return unknown.map((k) => ({
    name: `top-level block ${k}`,
    doc: { [k]: {} },
    summary: 'Extraneous JSON object property',
    detail: `named "${k}"`,
  }));
}

/** Module blocks (cdktf's TerraformHclModule) whose module cannot be read: not local, not there, or not a block. */
function modules(): InvalidCase[] {
  const NOT_FOUND = 'Module not found';
  const REMOTE = 'Module source not supported';
  const bodies: [string, unknown, string][] = [
    ['a local folder that is not there', { net: { source: './modules/net' } }, NOT_FOUND],
    ['a folder that does not exist', { net: { source: './nowhere' } }, NOT_FOUND],
    ['a registry module', { vpc: { source: 'terraform-aws-modules/vpc/aws', version: '5.0.0' } }, REMOTE],
    ['a git module', { m: { source: 'git::https://example.com/m.git' } }, REMOTE],
    ['a module with count', { m: { source: './m', count: 2 } }, NOT_FOUND],
    ['a module with for_each', { m: { source: './m', for_each: { a: 1 } } }, NOT_FOUND],
    ['a module with inputs', { m: { source: './m', cidr: '10.0.0.0/16', tags: { a: 'b' } } }, NOT_FOUND],
    ['a module list form', [{ m: { source: './m' } }], NOT_FOUND],
    ['two modules', { a: { source: './a' }, b: { source: './b' } }, NOT_FOUND],
    ['a module with depends_on', { m: { source: './m', depends_on: [] } }, NOT_FOUND],
    ['a module block that is a string', { m: './m' }, 'Invalid module call block'],
    ['a module section that is a string', './m', 'Invalid module section'],
  ];
  return bodies.map(([name, module, summary]) => ({ name: `module: ${name}`, doc: { module }, summary }));
}

function lifecycle(): InvalidCase[] {
  const cases: InvalidCase[] = [];
  const unknown = [
    'prevent_destroyy',
    'create_before_destory',
    'ignore_change',
    'replace_triggered',
    'destroy',
    'enabled',
    'timeouts',
    'depends_on',
    'count',
    'precondtion',
  ];
  for (const k of unknown) {
    cases.push({
      name: `lifecycle argument ${k}`,
      doc: data({ x: { lifecycle: { [k]: true } } }),
      summary: 'Extraneous JSON object property',
    });
  }
  for (const k of ['prevent_destroy', 'create_before_destroy']) {
    for (const v of [1, 'yes', [], { a: 1 }, 0]) {
      cases.push({
        name: `lifecycle ${k} = ${JSON.stringify(v)}`,
        doc: data({ x: { lifecycle: { [k]: v } } }),
        summary: 'Unsuitable value type',
      });
    }
  }
  for (const v of ['input', 5, { a: 1 }, true]) {
    cases.push({
      name: `ignore_changes = ${JSON.stringify(v)}`,
      doc: data({ x: { lifecycle: { ignore_changes: v } } }),
      summary: 'Invalid expression',
    });
  }
  for (const v of [[5], [{ a: 1 }], [true]]) {
    cases.push({
      name: `ignore_changes element ${JSON.stringify(v[0])}`,
      doc: data({ x: { lifecycle: { ignore_changes: v } } }),
      summary: 'Invalid expression',
    });
  }
  for (const path of ['nope', 'inputs', 'all', 'output_x']) {
    cases.push({
      name: `ignore_changes of no attribute ${path}`,
      doc: data({ x: { lifecycle: { ignore_changes: [path] } } }),
      summary: 'Unsupported attribute',
    });
  }
  for (const v of ['terraform_data.y', 5, { a: 1 }]) {
    cases.push({
      name: `replace_triggered_by = ${JSON.stringify(v)}`,
      doc: data({ x: { lifecycle: { replace_triggered_by: v } }, y: {} }),
      summary: 'Invalid expression',
    });
  }
  for (const ref of ['var.v', 'local.l', 'count.index']) {
    const doc = data({ x: { lifecycle: { replace_triggered_by: [ref] } } }, { variable: { v: { default: 1 } }, locals: { l: 1 } });
    cases.push({ name: `replace_triggered_by ${ref}`, doc, summary: 'Invalid reference in replace_triggered_by expression' });
  }
  for (const v of [5, 'x', true]) {
    cases.push({ name: `lifecycle = ${JSON.stringify(v)}`, doc: data({ x: { lifecycle: v } }), summary: 'Incorrect JSON value type' });
  }
  return cases;
}

function dependsOn(): InvalidCase[] {
  const cases: InvalidCase[] = [];
  for (const v of ['terraform_data.y', 5, { a: 1 }, true]) {
    cases.push({ name: `depends_on = ${JSON.stringify(v)}`, doc: data({ x: { depends_on: v }, y: {} }), summary: 'Invalid expression' });
  }
  for (const v of [5, { a: 1 }, '${upper("a")}', '"quoted"']) {
    cases.push({
      name: `depends_on element ${JSON.stringify(v)}`,
      doc: data({ x: { depends_on: [v] }, y: {} }),
      summary: 'Invalid expression',
    });
  }
  for (const ref of ['terraform_data.y.id', 'terraform_data.y.output', 'terraform_data.y.input', 'terraform_data.y[0].id']) {
    cases.push({
      name: `depends_on attribute ${ref}`,
      doc: data({ x: { depends_on: [ref] }, y: { count: 1 } }),
      summary: 'Invalid depends_on reference',
    });
  }
  for (const ref of ['terraform_data.nope', 'terraform_data.z', 'terraform_data.Y']) {
    cases.push({
      name: `depends_on undeclared ${ref}`,
      doc: data({ x: { depends_on: [ref] }, y: {} }),
      summary: `Reference to undeclared resource ${ref}`,
    });
  }
  for (const v of ['terraform_data.x', 5]) {
    cases.push({
      name: `output depends_on = ${JSON.stringify(v)}`,
      doc: { output: { o: { value: 1, depends_on: v } } },
      summary: 'Invalid expression',
    });
  }
  return cases;
}

function requiredVersion(): InvalidCase[] {
  const cases: InvalidCase[] = [];
  for (const v of [
    '>= 99.0',
    '> 2.0',
    '< 1.0',
    '~> 0.12',
    '~> 1.12.0',
    '= 1.10.0',
    '1.10.0',
    '>= 1.12',
    '~> 2.0',
    '< 1.11.0',
    '>= 1.0, < 1.5',
    '0.15.5',
  ]) {
    cases.push({
      name: `required_version ${v}`,
      doc: { terraform: { required_version: v } },
      summary: 'Unsupported Terraform Core version',
    });
  }
  for (const v of ['banana', '>=', '1.x', '~>', '> = 1', '>= 1.0 <2.0', [' >= 1.0'], { v: 1 }]) {
    cases.push({
      name: `required_version ${JSON.stringify(v)}`,
      doc: { terraform: { required_version: v } },
      summary: 'Invalid version constraint',
    });
  }
  for (const k of ['requiredversion', 'required_provider', 'backends', 'foo']) {
    cases.push({ name: `terraform block argument ${k}`, doc: { terraform: { [k]: {} } }, summary: 'Extraneous JSON object property' });
  }
  return cases;
}

function outputs(): InvalidCase[] {
  const cases: InvalidCase[] = [];
  cases.push({ name: 'output without value', doc: { output: { o: { description: 'x' } } }, summary: 'Missing required argument' });
  cases.push({ name: 'output with sensitive only', doc: { output: { o: { sensitive: true } } }, summary: 'Missing required argument' });
  cases.push({ name: 'empty output', doc: { output: { o: {} } }, summary: 'Missing required argument' });
  for (const k of ['values', 'sensitiv', 'type', 'default', 'count']) {
    cases.push({ name: `output argument ${k}`, doc: { output: { o: { value: 1, [k]: 1 } } }, summary: 'Extraneous JSON object property' });
  }
  for (const v of ['maybe', 2, [true]])
    cases.push({
      name: `output sensitive = ${JSON.stringify(v)}`,
      doc: { output: { o: { value: 1, sensitive: v } } },
      summary: 'Unsuitable value type',
    });
  cases.push({
    name: 'output description object',
    doc: { output: { o: { value: 1, description: { a: 1 } } } },
    summary: 'Unsuitable value type',
  });
  cases.push({
    name: 'duplicate output',
    doc: { output: [{ o: { value: 1 } }, { o: { value: 2 } }] },
    summary: 'Duplicate output definition',
  });
  const exposed: [string, unknown, Json][] = [
    ['a sensitive variable', '${var.s}', sensitive()],
    ['an interpolated sensitive variable', 'x-${var.s}', sensitive()],
    ['a function of a sensitive variable', '${upper(var.s)}', sensitive()],
    ['the length of a sensitive value', '${length(var.s)}', sensitive()],
    ['a conditional on a sensitive value', '${var.s == "x" ? 1 : 2}', sensitive()],
    ['a conditional with a sensitive branch', '${true ? "a" : var.s}', sensitive()],
    ['an object with a sensitive part', { a: '${var.s}' }, sensitive()],
    ['a list with a sensitive part', ['${var.s}'], sensitive()],
    ['sensitive()', '${sensitive("x")}', {}],
    ['a local of a sensitive variable', '${local.l}', { ...sensitive(), locals: { l: '${var.s}' } }],
    ['a sensitive map key list', '${keys(var.s)}', sensitive({ a: 1 })],
    [
      'an attribute set from a sensitive value',
      '${terraform_data.x.input}',
      { ...sensitive(), resource: { terraform_data: { x: { input: '${var.s}' } } } },
    ],
    [
      'a resource with a sensitive attribute',
      '${terraform_data.x}',
      { ...sensitive(), resource: { terraform_data: { x: { input: '${var.s}' } } } },
    ],
    ['a for expression over a sensitive list', '${[for v in var.s : v]}', sensitive(['a'])],
  ];
  for (const [name, value, extra] of exposed) {
    cases.push({ name: `output of ${name}`, doc: out(value, extra), summary: 'Output refers to sensitive values' });
  }
  return cases;
}

function variables(): InvalidCase[] {
  const cases: InvalidCase[] = [];
  for (const k of ['defaults', 'descripton', 'value', 'validations']) {
    cases.push({ name: `variable argument ${k}`, doc: { variable: { v: { [k]: 1 } } }, summary: 'Extraneous JSON object property' });
  }
  for (const [k, v] of [
    ['sensitive', 'yes'],
    ['sensitive', 3],
    ['nullable', 'no'],
    ['nullable', [1]],
  ] as const) {
    cases.push({
      name: `variable ${k} = ${JSON.stringify(v)}`,
      doc: { variable: { v: { default: 1, [k]: v } } },
      summary: 'Unsuitable value type',
    });
  }
  cases.push({ name: 'duplicate variable', doc: { variable: [{ v: {} }, { v: {} }] }, summary: 'Duplicate variable declaration' });
  const failing: [string, unknown, unknown, string][] = [
    ['a number too small', 1, rule('${var.n > 2}', 'n must be over 2.'), 'Invalid value for variable'],
    ['a string not matching', 'abc', rule('${can(regex("^[0-9]+$", var.n))}', 'n must be digits.'), 'Invalid value for variable'],
    ['a length', 'ab', rule('${length(var.n) >= 3}', 'n needs 3 characters.'), 'Invalid value for variable'],
    ['a list element', ['a', 'b'], rule('${contains(var.n, "c")}', 'n must hold c.'), 'Invalid value for variable'],
    [
      'the second of two rules',
      5,
      [...rule('${var.n > 0}', 'positive'), ...rule('${var.n < 3}', 'n must be under 3.')],
      'Invalid value for variable',
    ],
    ['a message with the value', 7, rule('${var.n == 1}', 'n is ${var.n}, not 1.'), 'Invalid value for variable'],
    ['a condition giving null', null, rule('${var.n}', 'x'), 'Invalid variable validation result'],
    ['a condition giving a string', 'abc', rule('${var.n}', 'x'), 'Invalid variable validation result'],
  ];
  for (const [name, value, validation, summary] of failing) {
    cases.push({ name: `variable validation: ${name}`, doc: { variable: { n: { default: value, validation } } }, summary });
  }
  const malformed: [string, unknown, string][] = [
    ['no error_message', [{ condition: '${var.n > 0}' }], 'Missing required argument'],
    ['no condition', [{ error_message: 'x' }], 'Missing required argument'],
    ['a condition referring to nothing', rule('${true}'), 'Invalid validation expression'],
    ['a constant condition', rule(true), 'Invalid validation expression'],
    ['a condition on another variable', rule('${var.m > 0}'), 'Invalid variable validation condition'],
    ['an extra argument', [{ condition: '${var.n > 0}', error_message: 'x', severity: 'warn' }], 'Extraneous JSON object property'],
    ['self in the condition', rule('${self.n > 0 && var.n > 0}'), 'Invalid "self" reference'],
  ];
  for (const [name, validation, summary] of malformed) {
    cases.push({
      name: `variable validation with ${name}`,
      doc: { variable: { m: { default: 1 }, n: { default: 1, validation } } },
      summary,
    });
  }
  return cases;
}

function conditions(): InvalidCase[] {
  const cases: InvalidCase[] = [];
  const n = { variable: { n: { default: 1 } } };
  const pre: [string, unknown][] = [
    ['a variable', rule('${var.n > 2}', 'n must be over 2.')],
    ['count.index', rule('${count.index > 5}', 'index ${count.index}')],
    ['a local', rule('${local.ok}', 'not ok')],
    ['a function', rule('${length(var.n) > 3}', 'short')],
    ['two rules, the second failing', [...rule('${var.n > 0}'), ...rule('${var.n > 5}', 'second')]],
  ];
  for (const [name, precondition] of pre) {
    const doc = { ...n, locals: { ok: '${var.n > 3}' }, ...data({ x: { count: 1, input: '${var.n}', lifecycle: { precondition } } }) };
    cases.push({
      name: `failing precondition on ${name}`,
      doc,
      summary: name === 'a function' ? 'Invalid expression' : 'Resource precondition failed',
    });
  }
  const post: [string, unknown][] = [
    ['its input', rule('${self.input == "b"}', 'input must be b.')],
    ['its triggers', rule('${self.triggers_replace != null}', 'needs triggers')],
    ['a variable and self', rule('${self.input == var.n}', 'input must be n')],
  ];
  for (const [name, postcondition] of post) {
    cases.push({
      name: `failing postcondition on ${name}`,
      doc: { ...n, ...data({ x: { input: 'a', lifecycle: { postcondition } } }) },
      summary: 'Resource postcondition failed',
    });
  }
  for (const [name, precondition] of [
    ['a variable', rule('${var.n > 2}', 'bad output')],
    ['a resource', rule('${terraform_data.x.input == "b"}', 'input must be b')],
    ['two rules', [...rule('${var.n > 0}'), ...rule('${var.n < 0}', 'neg')]],
  ] as const) {
    const doc = { ...n, ...data({ x: { input: 'a' } }), output: { o: { value: '${var.n}', precondition } } };
    cases.push({ name: `failing output precondition on ${name}`, doc, summary: 'Module output value precondition failed' });
  }
  const malformed: [string, Json, string][] = [
    ['a precondition referring to nothing', { precondition: rule('${1 > 2}') }, 'Invalid precondition expression'],
    ['a constant precondition', { precondition: rule(false) }, 'Invalid precondition expression'],
    ['a postcondition referring to nothing', { postcondition: rule('${true}') }, 'Invalid postcondition expression'],
    ['self in a precondition', { precondition: rule('${self.id != ""}') }, 'Invalid "self" reference'],
    ['a precondition without error_message', { precondition: [{ condition: '${var.n > 0}' }] }, 'Missing required argument'],
    ['a postcondition without condition', { postcondition: [{ error_message: 'x' }] }, 'Missing required argument'],
    [
      'a precondition with an extra argument',
      { precondition: [{ condition: '${var.n > 0}', error_message: 'x', when: 'always' }] },
      'Extraneous JSON object property',
    ],
  ];
  for (const [name, lifecycle, summary] of malformed) cases.push({ name, doc: { ...n, ...data({ x: { lifecycle } }) }, summary });
  cases.push({ name: 'a check block without assert', doc: { check: { c: {} } }, summary: 'Zero assert blocks' });
  cases.push({
    name: 'an assert referring to nothing',
    doc: { check: { c: { assert: rule('${true}') } } },
    summary: 'Invalid assert expression',
  });
  cases.push({
    name: 'an assert without error_message',
    doc: { ...n, check: { c: { assert: [{ condition: '${var.n > 0}' }] } } },
    summary: 'Missing required argument',
  });
  cases.push({
    name: 'a check block argument',
    doc: { ...n, check: { c: { assert: rule('${var.n > 0}'), when: 1 } } },
    summary: 'Extraneous JSON object property',
  });
  cases.push({
    name: 'a duplicate check block',
    doc: { ...n, check: [{ c: { assert: rule('${var.n > 0}') } }, { c: { assert: rule('${var.n > 0}') } }] },
    summary: 'Duplicate check "c" configuration',
  });
  for (const bad of ['1c', 'a.b', 'c d'])
    cases.push({
      name: `check name ${JSON.stringify(bad)}`,
      doc: { ...n, check: { [bad]: { assert: rule('${var.n > 0}') } } },
      summary: 'Invalid check block name',
    });
  return cases;
}

function repetition(): InvalidCase[] {
  const cases: InvalidCase[] = [];
  const each = (forEach: unknown, extra: Json = {}) => data({ x: { for_each: forEach } }, extra);
  const lists: [string, unknown, Json][] = [
    ['a JSON list', ['a', 'b'], {}],
    ['an empty JSON list', [], {}],
    ['a tuple expression', '${["a", "b"]}', {}],
    ['tolist()', '${tolist(["a"])}', {}],
    ['concat()', '${concat(["a"], ["b"])}', {}],
    ['split()', '${split(",", "a,b")}', {}],
    ['keys()', '${keys({a = 1})}', {}],
    ['a list variable', '${var.l}', { variable: { l: { type: 'list(string)', default: ['a'] } } }],
    ['an untyped list variable', '${var.l}', { variable: { l: { default: ['a'] } } }],
    ['a for expression giving a list', '${[for k in ["a"] : k]}', {}],
  ];
  for (const [name, v, extra] of lists)
    cases.push({ name: `for_each over ${name}`, doc: each(v, extra), summary: 'Invalid for_each argument', detail: 'list or tuple' });
  for (const v of ['${toset([1, 2])}', '${toset([true])}', '${toset([["a"]])}'])
    cases.push({ name: `for_each over ${v}`, doc: each(v), summary: 'Invalid for_each set argument' });
  for (const v of [null, 'abc', 5, true, '${"a"}'])
    cases.push({ name: `for_each = ${JSON.stringify(v)}`, doc: each(v), summary: 'Invalid for_each argument' });
  const secret: [string, unknown, Json][] = [
    ['a sensitive map', '${var.s}', sensitive({ a: 1 })],
    ['a set from a sensitive map', '${toset(keys(var.s))}', sensitive({ a: 1 })],
    ['a sensitive set variable', '${var.s}', { variable: { s: { type: 'set(string)', default: ['a'], sensitive: true } } }],
    ['sensitive()', '${sensitive({a = 1})}', {}],
    ['a merge with a sensitive map', '${merge(var.s, {b = 2})}', sensitive({ a: 1 })],
  ];
  for (const [name, v, extra] of secret)
    cases.push({
      name: `for_each over ${name}`,
      doc: each(v, extra),
      summary: 'Invalid for_each argument',
      detail: 'cannot be used as for_each arguments',
    });
  for (const v of [-1, -5, '${-1}'])
    cases.push({ name: `count = ${JSON.stringify(v)}`, doc: data({ x: { count: v } }), summary: 'Invalid count argument' });
  for (const v of [1.5, '2.5', '${1 / 3}'])
    cases.push({ name: `count = ${JSON.stringify(v)}`, doc: data({ x: { count: v } }), summary: 'Invalid count argument' });
  for (const v of ['abc', null, true, ['a'], { a: 1 }])
    cases.push({ name: `count = ${JSON.stringify(v)}`, doc: data({ x: { count: v } }), summary: 'Invalid count argument' });
  cases.push({
    name: 'count and for_each together',
    doc: data({ x: { count: 1, for_each: { a: 1 } } }),
    summary: 'Invalid combination of "count" and "for_each"',
  });
  cases.push({ name: 'count.index in an output', doc: out('${count.index}'), summary: 'Invalid value for output o' });
  cases.push({ name: 'count.index without count', doc: data({ x: { input: '${count.index}' } }), summary: 'Invalid expression' });
  cases.push({
    name: 'count.index with for_each',
    doc: data({ x: { for_each: { a: 1 }, input: '${count.index}' } }),
    summary: 'Invalid expression',
  });
  cases.push({ name: 'each.key without for_each', doc: data({ x: { input: '${each.key}' } }), summary: 'Invalid expression' });
  cases.push({ name: 'each.value with count', doc: data({ x: { count: 1, input: '${each.value}' } }), summary: 'Invalid expression' });
  cases.push({ name: 'each in an output', doc: out('${each.key}'), summary: 'Invalid value for output o' });
  return cases;
}

function refactoring(): InvalidCase[] {
  const cases: InvalidCase[] = [];
  const x = (extra: Json) => data({ x: { input: 'a' } }, extra);
  cases.push({
    name: 'removed of a data source',
    doc: { removed: [{ from: 'data.terraform_data.x' }] },
    summary: 'Data source address not allowed',
  });
  cases.push({ name: 'removed without from', doc: { removed: [{ lifecycle: { destroy: false } }] }, summary: 'Missing required argument' });
  cases.push({
    name: 'removed lifecycle prevent_destroy',
    doc: { removed: [{ from: 'terraform_data.y', lifecycle: { destroy: false, prevent_destroy: true } }] },
    summary: 'Extraneous JSON object property',
  });
  for (const v of ['nope', 1, [false]])
    cases.push({
      name: `removed destroy = ${JSON.stringify(v)}`,
      doc: { removed: [{ from: 'terraform_data.y', lifecycle: { destroy: v } }] },
      summary: 'Unsuitable value type',
    });
  cases.push({
    name: 'removed extra argument',
    doc: { removed: [{ from: 'terraform_data.y', to: 'terraform_data.z' }] },
    summary: 'Extraneous JSON object property',
  });
  cases.push({
    name: 'removed of a declared resource',
    doc: x({ removed: [{ from: 'terraform_data.x', lifecycle: { destroy: false } }] }),
    summary: 'Removed resource still exists',
  });
  cases.push({
    name: 'removed of an instance',
    doc: { removed: [{ from: 'terraform_data.y[0]' }] },
    summary: 'Resource instance keys not allowed',
  });
  cases.push({
    name: 'removed of a keyed instance',
    doc: { removed: [{ from: 'terraform_data.y["a"]' }] },
    summary: 'Resource instance keys not allowed',
  });
  cases.push({
    name: 'moved to itself',
    doc: x({ moved: [{ from: 'terraform_data.x', to: 'terraform_data.x' }] }),
    summary: 'Redundant move statement',
  });
  cases.push({
    name: 'moved from a declared instance',
    doc: data({ x: { count: 2 } }, { moved: [{ from: 'terraform_data.x[0]', to: 'terraform_data.x[1]' }] }),
    summary: 'Moved object still exists',
  });
  cases.push({
    name: 'moved from a declared keyless instance',
    doc: x({ moved: [{ from: 'terraform_data.x', to: 'terraform_data.x[0]' }] }),
    summary: 'Moved object still exists',
  });
  cases.push({
    name: 'moved from a declared resource',
    doc: data({ x: {}, y: {} }, { moved: [{ from: 'terraform_data.x', to: 'terraform_data.y' }] }),
    summary: 'Moved object still exists',
  });
  cases.push({
    name: 'moved ambiguously',
    doc: data(
      { x: {}, y: {} },
      {
        moved: [
          { from: 'terraform_data.a', to: 'terraform_data.x' },
          { from: 'terraform_data.a', to: 'terraform_data.y' },
        ],
      },
    ),
    summary: 'Ambiguous move statements',
  });
  cases.push({
    name: 'moved in a cycle',
    doc: {
      moved: [
        { from: 'terraform_data.a', to: 'terraform_data.b' },
        { from: 'terraform_data.b', to: 'terraform_data.a' },
      ],
    },
    summary: 'Cyclic dependency in move statements',
  });
  cases.push({ name: 'moved without from', doc: { moved: [{ to: 'terraform_data.b' }] }, summary: 'Missing required argument' });
  cases.push({ name: 'moved without to', doc: { moved: [{ from: 'terraform_data.b' }] }, summary: 'Missing required argument' });
  cases.push({
    name: 'moved extra argument',
    doc: data({ b: {} }, { moved: [{ from: 'terraform_data.a', to: 'terraform_data.b', x: 1 }] }),
    summary: 'Extraneous JSON object property',
  });
  cases.push({ name: 'import without to', doc: { import: [{ id: 'x' }] }, summary: 'Missing required argument' });
  cases.push({
    name: 'import into an undeclared resource',
    doc: { import: [{ to: 'terraform_data.x', id: 'x' }] },
    summary: 'Configuration for import target does not exist',
  });
  cases.push({
    name: 'import twice into one resource',
    doc: x({
      import: [
        { to: 'terraform_data.x', id: 'a' },
        { to: 'terraform_data.x', id: 'b' },
      ],
    }),
    summary: 'Duplicate import configuration for "terraform_data.x"',
  });
  cases.push({
    name: 'import with an empty id',
    doc: x({ import: [{ to: 'terraform_data.x', id: '' }] }),
    summary: 'Invalid import id argument',
  });
  cases.push({
    name: 'import into a data source',
    doc: { import: [{ to: 'data.terraform_data.x', id: 'a' }] },
    summary: 'Invalid import address',
  });
  cases.push({
    name: 'import extra argument',
    doc: x({ import: [{ to: 'terraform_data.x', id: 'a', x: 1 }] }),
    summary: 'Extraneous JSON object property',
  });
  return cases;
}

function expressions(): InvalidCase[] {
  const cases: InvalidCase[] = [];
  const failing: [string, string][] = [
    ['an unknown function', '${nofn(1)}'],
    ['an unknown function like a known one', '${uper("a")}'],
    ['too many arguments', '${upper("a", "b")}'],
    ['too few arguments', '${join(",")}'],
    ['no arguments', '${length()}'],
    ['a syntax error', '${1 +}'],
    ['an unclosed call', '${upper("a"}'],
    ['an unclosed template', '${upper("a")'],
    ['an unclosed string', '${"abc}'],
    ['a stray operator', '${* 2}'],
    ['two values in a row', '${1 2}'],
    ['an undeclared variable', '${var.nope}'],
    ['an undeclared local', '${local.nope}'],
    ['an undeclared resource', '${terraform_data.nope.id}'],
    ['an undeclared data source', '${data.terraform_data.nope.id}'],
    ['a missing attribute', '${terraform_data.x.nope}'],
    ['an attribute of a counted resource without index', '${terraform_data.c.id}'],
    ['an index past the end', '${[1, 2][5]}'],
    ['a negative index', '${[1, 2][-1]}'],
    ['a missing map key', '${{a = 1}["b"]}'],
    ['an attribute of an object that lacks it', '${{a = 1}.b}'],
    ['an attribute of a string', '${"abc".b}'],
    ['an attribute of null', '${var.null_value.a}'],
    ['arithmetic on a string', '${1 + "a"}'],
    ['not of a string', '${!"abc"}'],
    ['a non-bool condition', '${"abc" ? 1 : 2}'],
    ['an object in a template', 'x-${{a = 1}}'],
    ['a list in a template', 'x-${[1]}'],
    ['null in a template', 'x-${var.null_value}'],
    ['indent with a negative count', '${indent(-1, "a\\nb")}'],
    ['tonumber of words', '${tonumber("abc")}'],
    ['tobool of words', '${tobool("maybe")}'],
    ['jsondecode of broken JSON', '${jsondecode("{")}'],
    ['base64decode of non-base64', '${base64decode("%%%")}'],
    ['cidrsubnet out of space', '${cidrsubnet("10.0.0.0/8", 40, 1)}'],
    ['cidrhost of a bad prefix', '${cidrhost("10.0.0.0/33", 1)}'],
    ['regex with a bad pattern', '${regex("[", "a")}'],
    ['regex with no match', '${regex("x", "abc")}'],
    ['element of an empty list', '${element([], 0)}'],
    ['index of a missing element', '${index(["a"], "b")}'],
    ['lookup of a missing key', '${lookup({a = 1}, "b")}'],
    ['format with a bad verb for the value', '${format("%d", "a")}'],
    ['format with too few values', '${format("%s %s", "a")}'],
    ['keys of a string', '${keys("a")}'],
    ['length of a number', '${length(1)}'],
    ['zipmap of unequal lists', '${zipmap(["a"], [])}'],
    ['range with a zero step', '${range(0, 10, 0)}'],
    ['chunklist with a negative size', '${chunklist([1], -1)}'],
    ['slice past the end', '${slice([1, 2], 0, 5)}'],
    ['parseint of a non-number', '${parseint("z", 10)}'],
    ['upper of a list', '${upper([1])}'],
    ['join of a non-list', '${join(",", "a")}'],
    ['one of a longer list', '${one([1, 2])}'],
    ['try of failures only', '${try(var.nope2, local.nope2)}'],
    ['a for over a number', '${[for v in 5 : v]}'],
    ['a for over null', '${[for v in var.null_value : v]}'],
    ['duplicate keys from a for', '${{for v in ["a", "a"] : v => v}}'],
    ['coalesce of nothing usable', '${coalesce(null, "")}'],
    ['max of no numbers', '${max()}'],
  ];
  const extra = { variable: { null_value: { default: null } }, resource: { terraform_data: { x: {}, c: { count: 2 } } } };
  for (const [name, value] of failing)
    cases.push({ name: `expression: ${name}`, doc: out(value, extra), summary: 'Invalid value for output o' });
  return cases;
}

function structure(): InvalidCase[] {
  const cases: InvalidCase[] = [];
  cases.push({ name: 'a resource type with no blocks', doc: { resource: { terraform_data: {} } }, summary: 'Missing block label' });
  cases.push({ name: 'a data source type with no blocks', doc: { data: { terraform_data: {} } }, summary: 'Missing block label' });
  for (const v of [5, 'x', true])
    cases.push({ name: `a resource body ${JSON.stringify(v)}`, doc: data({ x: v }), summary: 'terraform_data.x is not an object' });
  for (const v of [5, 'x'])
    cases.push({
      name: `a resource type group ${JSON.stringify(v)}`,
      doc: { resource: { terraform_data: v } },
      summary: 'Incorrect JSON value type',
    });
  cases.push({
    name: 'a resource declared twice in lists',
    doc: { resource: [{ terraform_data: { x: {} } }, { terraform_data: { x: {} } }] },
    summary: 'Duplicate resource "terraform_data" configuration',
  });
  cases.push({
    name: 'a resource with two bodies',
    doc: data({ x: [{ input: 'a' }, { input: 'b' }] }),
    summary: 'Duplicate resource "terraform_data" configuration',
  });
  cases.push({
    name: 'a resource declared twice in a type list',
    doc: { resource: { terraform_data: [{ x: {} }, { x: {} }] } },
    summary: 'Duplicate resource "terraform_data" configuration',
  });
  cases.push({ name: 'a local defined twice', doc: { locals: [{ a: 1 }, { a: 2 }] }, summary: 'Duplicate local value definition' });
  for (const alias of ['terraform.foo', 'terraform.bar']) {
    cases.push({
      name: `the provider ${alias} not declared`,
      doc: data({ x: { provider: alias } }),
      summary: 'Provider configuration not present',
    });
  }
  for (const arg of ['inputs', 'trigger_replace', 'name', 'tags']) {
    cases.push({ name: `terraform_data argument ${arg}`, doc: data({ x: { [arg]: 'a' } }), summary: 'Unsupported argument' });
  }
  cases.push({
    name: 'a data source of terraform_data',
    doc: { data: { terraform_data: { x: {} } } },
    summary: 'Unknown data source type terraform_data',
  });
  cases.push({
    name: 'a resource referring to itself',
    doc: data({ x: { input: '${terraform_data.x.id}' } }),
    // the words after these are another change's to settle (terraform says "Self-referential block")
    summary: 'Self-referential',
  });
  cases.push({
    name: 'two resources referring to each other',
    doc: data({ a: { input: '${terraform_data.b.id}' }, b: { input: '${terraform_data.a.id}' } }),
    summary: 'Cycle',
  });
  cases.push({
    name: 'three resources in a loop',
    doc: data({ a: { input: '${terraform_data.c.id}' }, b: { input: '${terraform_data.a.id}' }, c: { input: '${terraform_data.b.id}' } }),
    summary: 'Cycle',
  });
  cases.push({
    name: 'a loop through depends_on',
    doc: data({ a: { depends_on: ['terraform_data.b'] }, b: { input: '${terraform_data.a.id}' } }),
    summary: 'Cycle',
  });
  cases.push({ name: 'a cloud block', doc: { terraform: { cloud: { organization: 'x' } } }, summary: 'HCP Terraform is not supported' });
  return cases;
}

/** Every case of the corpus. */
export function invalidConfigurations(): InvalidCase[] {
  return [
    names(),
    topLevel(),
    modules(),
    lifecycle(),
    dependsOn(),
    requiredVersion(),
    outputs(),
    variables(),
    conditions(),
    repetition(),
    refactoring(),
    expressions(),
    structure(),
  ].flat();
}
