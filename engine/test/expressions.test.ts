// The HCL expression language of engine/src/expr: parsing, evaluation, Unknown propagation,
// errors naming the expression, references, and the function library (results checked against
// Terraform's documentation and behaviour).
import { evaluate, evaluateBody, type Scope } from '../src/expr/evaluate';
import { ExprError, parseExpression, parseTemplate, referencedAddress, references, type Expr } from '../src/expr/parse';
import { isUnknown, Unknown, type Value } from '../src/values';
import { bodyReferences } from '../src/graph/graph';

const RESOURCES: Record<string, Value> = {
  'grid_network.net': { id: 'n1', name: 'net', ip_range: '10.1.0.0/16', tags: null },
  'grid_deployment.vm': {
    vms: [
      { name: 'a', ip: '10.1.3.2' },
      { name: 'b', ip: '10.1.3.3' },
    ],
    single: { id: 's' },
  },
  'grid_vm.counted': [{ id: 'c0' }, { id: 'c1' }],
  'grid_vm.each': { x: { id: 'ex' }, y: { id: 'ey' } },
  'data.grid_nodes.all': { ids: [11, 12] },
  'grid_vm.pending': Unknown,
};
const VARIABLES: Record<string, Value> = {
  l: ['a', 'b'],
  nums: [3, 9, 4],
  m: { a: 1, b: 2 },
  s: 'hi',
  i: 1,
  nul: null,
  u: Unknown,
  objs: [
    { k: 'x', v: 1 },
    { k: 'y', v: 2 },
    { k: 'x', v: 3 },
  ],
};
const LOCALS: Record<string, Value> = { region: 'eu' };

const scope: Scope = {
  resource: (a) => RESOURCES[a],
  variable: (n) => VARIABLES[n],
  local: (n) => LOCALS[n],
};

const ev = (src: string, s: Scope = scope): Value => evaluate(parseExpression(src), s);
const tpl = (text: string, s: Scope = scope): Value => evaluate(parseTemplate(text), s);
const err = (src: string, s: Scope = scope): string => {
  try {
    ev(src, s);
  } catch (e) {
    expect(e).toBeInstanceOf(ExprError);
    return (e as Error).message;
  }
  throw new Error(`${src} did not fail`);
};
const refs = (src: string) => references(parseTemplate(src)).map((r) => [r.root, referencedAddress(r)]);

describe('parseTemplate', () => {
  it('keeps a string without interpolations as a literal', () => {
    expect(parseTemplate('plain text')).toEqual({ kind: 'literal', value: 'plain text' });
    expect(parseTemplate('')).toEqual({ kind: 'literal', value: '' });
  });

  it('turns $${ into a literal ${ and %%{ into %{', () => {
    expect(tpl('a $${b} %%{c}')).toBe('a ${b} %{c}');
  });

  it('returns the expression itself for a string that is exactly one interpolation, so the value keeps its type', () => {
    expect(parseTemplate('${var.x}')).toEqual({ kind: 'ref', root: 'var', steps: [{ kind: 'attr', name: 'x' }] });
    expect(tpl('${var.nums}')).toEqual([3, 9, 4]);
    expect(tpl('${var.i}')).toBe(1);
  });

  it('concatenates text and interpolations, printing numbers and bools', () => {
    expect(tpl('${var.s}-${var.i}-${true}-${1.5}')).toBe('hi-1-true-1.5');
    expect(parseTemplate('a ${b.c}')).toEqual({
      kind: 'template',
      parts: [
        { kind: 'literal', value: 'a ' },
        { kind: 'ref', root: 'b', steps: [{ kind: 'attr', name: 'c' }] },
      ],
    });
  });

  it('takes backslashes literally (JSON already decoded them) and braces inside strings inside interpolations', () => {
    expect(tpl('C:\\dir ${"}"}')).toBe('C:\\dir }');
  });

  it('refuses unclosed interpolations and unclosed directives with an ExprError naming the text', () => {
    expect(() => parseTemplate('%{ if true }x')).toThrow(/Invalid expression in "%\{ if true \}x": %\{if\} has no matching %\{endif\}/);
    expect(() => parseTemplate('${var.x')).toThrow(/Invalid expression in "\$\{var.x": the interpolation is not closed/);
  });
});

describe('parseExpression', () => {
  it('parses traversals into attr, index, indexExpr and splat steps', () => {
    expect(parseExpression('a.b[0]["k"][var.i].c')).toEqual({
      kind: 'ref',
      root: 'a',
      steps: [
        { kind: 'attr', name: 'b' },
        { kind: 'index', value: 0 },
        { kind: 'index', value: 'k' },
        { kind: 'indexExpr', expr: { kind: 'ref', root: 'var', steps: [{ kind: 'attr', name: 'i' }] } },
        { kind: 'attr', name: 'c' },
      ],
    });
    expect(parseExpression('a.list[*].id')).toEqual({
      kind: 'ref',
      root: 'a',
      steps: [{ kind: 'attr', name: 'list' }, { kind: 'splat' }, { kind: 'attr', name: 'id' }],
    });
  });

  it('reads legacy index steps a.0 and a.0.1', () => {
    expect(parseExpression('a.0.1')).toEqual({
      kind: 'ref',
      root: 'a',
      steps: [
        { kind: 'index', value: 0 },
        { kind: 'index', value: 1 },
      ],
    });
  });

  it('ends a legacy splat .* after its attribute names, so a following index applies to the result', () => {
    const e = parseExpression('a.b.*.id[0]');
    expect(e).toEqual({
      kind: 'traverse',
      target: { kind: 'ref', root: 'a', steps: [{ kind: 'attr', name: 'b' }, { kind: 'splat' }, { kind: 'attr', name: 'id' }] },
      steps: [{ kind: 'index', value: 0 }],
    });
  });

  it('allows dashes in identifiers, as HCL does', () => {
    expect(parseExpression('var.my-name')).toEqual({ kind: 'ref', root: 'var', steps: [{ kind: 'attr', name: 'my-name' }] });
  });

  it('reports a syntax error with the expression and position', () => {
    expect(() => parseExpression('1 +')).toThrow(
      'Invalid expression in ${1 +}: expected an expression but found the end of the expression',
    );
    expect(() => parseExpression('f(1 2)')).toThrow(/expected "," but found "2" \(at character 5\)/);
    expect(() => parseExpression('a @ b')).toThrow(/unexpected character "@"/);
  });
});

describe('literals, strings and operators', () => {
  it('evaluates number, string, bool and null literals', () => {
    expect(ev('42')).toBe(42);
    expect(ev('1.5e3')).toBe(1500);
    expect(ev('true')).toBe(true);
    expect(ev('null')).toBeNull();
    expect(ev('"a\\n\\"b\\" \\u00e9 \\\\"')).toBe('a\n"b" é \\');
  });

  it('interpolates inside quoted strings, nested to any depth', () => {
    expect(ev('"x-${var.s}-${"y-${local.region}"}"')).toBe('x-hi-y-eu');
    expect(ev('"${var.nums}"')).toEqual([3, 9, 4]);
  });

  it('applies HCL precedence: * / % over + -, over comparisons, over == !=, over &&, over ||', () => {
    expect(ev('1 + 2 * 3')).toBe(7);
    expect(ev('(1 + 2) * 3')).toBe(9);
    expect(ev('10 - 4 - 3')).toBe(3);
    expect(ev('7 % 4 * 2')).toBe(6);
    expect(ev('1 + 1 == 2 && 3 > 2')).toBe(true);
    expect(ev('true || false && false')).toBe(true);
    expect(ev('!true || !false')).toBe(true);
    expect(ev('-2 * -3')).toBe(6);
    expect(ev('-var.nums[0]')).toBe(-3);
    expect(ev('1 < 2 == 2 <= 2')).toBe(true);
  });

  it('converts numeric strings for arithmetic and refuses other strings', () => {
    expect(ev('"2" + 3')).toBe(5);
    expect(ev('"1.5" * 2')).toBe(3);
    expect(err('"a" + 1')).toBe('Invalid operand in ${"a" + 1}: the left operand of + must be a number, got "a"');
    expect(err('1 / 0')).toBe('Operation failed in ${1 / 0}: division by zero');
  });

  it('compares with == deeply and without converting types', () => {
    expect(ev('[1, {a = "x"}] == [1, {a = "x"}]')).toBe(true);
    expect(ev('{a = 1} == {a = 1, b = 2}')).toBe(false);
    expect(ev('1 == "1"')).toBe(false);
    expect(ev('null != var.s')).toBe(true);
  });

  it('evaluates only the branch a conditional takes, and nests to the right', () => {
    expect(ev('var.i > 0 ? "pos" : foo()')).toBe('pos');
    expect(ev('false ? 1 : true ? 2 : 3')).toBe(2);
    expect(err('null ? 1 : 2')).toBe('Invalid condition in ${null ? 1 : 2}: the condition must not be null');
  });

  it('builds tuples and objects with bare, quoted, colon and parenthesized keys', () => {
    expect(ev('[1, "a", [true], ]')).toEqual([1, 'a', [true]]);
    expect(ev('{ a = 1, "b" = 2, c: 3, (var.s) = 4, var = 5 }')).toEqual({ a: 1, b: 2, c: 3, hi: 4, var: 5 });
    expect(ev('{\n a = 1\n b = 2\n}')).toEqual({ a: 1, b: 2 });
    // terraform 1.11 keeps the last of a repeated key (seen in the parity corpus)
    expect(ev('{ a = 1, a = 2 }')).toEqual({ a: 2 });
  });

  it('calls functions, expanding a final list argument with ...', () => {
    expect(ev('max(var.nums...)')).toBe(9);
    expect(ev('max(1, var.nums...)')).toBe(9);
    expect(ev('upper(var.s)')).toBe('HI');
  });
});

describe('references to values', () => {
  it('reads variables, locals, count.index, each, path and terraform.workspace', () => {
    const inner: Scope = {
      ...scope,
      countIndex: 2,
      each: { key: 'k', value: { port: 80 } },
      paths: { module: 'mod', root: '.', cwd: '/w' },
    };
    expect(ev('var.m.b')).toBe(2);
    expect(ev('local.region')).toBe('eu');
    expect(ev('count.index + 1', inner)).toBe(3);
    expect(ev('"${each.key}:${each.value.port}"', inner)).toBe('k:80');
    expect(ev('[path.module, path.root, path.cwd]', inner)).toEqual(['mod', '.', '/w']);
    expect(ev('terraform.workspace')).toBe('default');
  });

  it('refuses undeclared variables and locals, count and each outside counted resources, and self', () => {
    expect(err('var.nope')).toBe('Reference to undeclared input variable in ${var.nope}: var.nope is not declared');
    expect(err('local.nope')).toMatch(/local.nope is not declared/);
    expect(err('count.index')).toBe('Invalid reference in ${count.index}: count.index is only valid in a resource with count');
    expect(err('each.key')).toMatch(/each.key is only valid in a resource with for_each/);
    expect(err('self.id')).toMatch(/self is available only in postcondition blocks/);
  });

  it('reads resources and data sources by address, with every kind of step', () => {
    expect(ev('grid_network.net.name')).toBe('net');
    expect(ev('grid_deployment.vm.vms[1].ip')).toBe('10.1.3.3');
    expect(ev('grid_deployment.vm.vms.0.name')).toBe('a');
    expect(ev('grid_deployment.vm.vms[var.i]["name"]')).toBe('b');
    expect(ev('data.grid_nodes.all.ids[0]')).toBe(11);
    expect(ev('grid_vm.counted[1].id')).toBe('c1');
    expect(ev('grid_vm.each["y"].id')).toBe('ey');
    expect(err('grid_vm.nope.id')).toBe('Reference to undeclared resource grid_vm.nope in ${grid_vm.nope.id}');
    expect(err('data.grid_nodes.none.ids')).toMatch(/^Reference to undeclared data source data.grid_nodes.none/);
  });

  it('maps the rest of the traversal over a list with a splat; null gives an empty list; a single value becomes a list', () => {
    expect(ev('grid_deployment.vm.vms[*].ip')).toEqual(['10.1.3.2', '10.1.3.3']);
    expect(ev('grid_vm.counted.*.id')).toEqual(['c0', 'c1']);
    expect(ev('grid_vm.counted.*.id[1]')).toBe('c1');
    expect(ev('grid_network.net.tags[*]')).toEqual([]);
    expect(ev('grid_deployment.vm.single[*].id')).toEqual(['s']);
    expect(ev('[[1, 2], [3]][*][0]')).toEqual([1, 3]);
  });

  it('names the expression in index and attribute errors', () => {
    expect(err('var.l[5]')).toBe('Invalid index in ${var.l[5]}: the list has 2 elements, so there is no element 5');
    expect(err('var.m["z"]')).toBe('Invalid index in ${var.m["z"]}: the map has no element for the key "z"');
    expect(err('grid_network.net.tags.x')).toBe(
      'Attempt to get attribute from null value in ${grid_network.net.tags.x}: cannot read "x" of null',
    );
    expect(err('grid_network.net.nope')).toBe('Unsupported attribute in ${grid_network.net.nope}: the object has no attribute "nope"');
    expect(err('var.l.x')).toMatch(/cannot read "x" of a list; use \[\*\]\.x/);
  });
});

describe('for expressions', () => {
  it('builds lists from lists, with an index variable and a filter', () => {
    expect(ev('[for x in var.nums : x * 2]')).toEqual([6, 18, 8]);
    expect(ev('[for i, x in var.l : "${i}=${x}"]')).toEqual(['0=a', '1=b']);
    expect(ev('[for x in var.nums : x if x > 3]')).toEqual([9, 4]);
  });

  it('iterates maps in key order and builds objects', () => {
    expect(ev('[for k, v in { b = 2, a = 1 } : "${k}${v}"]')).toEqual(['a1', 'b2']);
    expect(ev('{for k, v in var.m : upper(k) => v + 10}')).toEqual({ A: 11, B: 12 });
  });

  it('groups values under one key with ...', () => {
    expect(ev('{for o in var.objs : o.k => o.v...}')).toEqual({ x: [1, 3], y: [2] });
    expect(err('{for o in var.objs : o.k => o.v}')).toMatch(
      /^Duplicate object key in \$\{\{for o in var.objs : o.k => o.v\}\}: two elements produce the key "x"/,
    );
  });

  it('nests, and keeps the outer variable visible to the inner one', () => {
    expect(ev('[for a in [1, 2] : [for b in [10, 20] : a + b]]')).toEqual([
      [11, 21],
      [12, 22],
    ]);
  });

  it('refuses to iterate null or a string', () => {
    expect(err('[for x in var.nul : x]')).toBe('Iteration over null value in ${[for x in var.nul : x]}: var.nul is null');
    expect(err('[for x in "ab" : x]')).toMatch(/^Iteration over non-iterable value/);
  });
});

describe('values known only after apply', () => {
  it('makes a reference into an Unknown resource Unknown, whatever the attribute', () => {
    expect(isUnknown(ev('grid_vm.pending.anything[0].at.all'))).toBe(true);
    expect(isUnknown(tpl('ip: ${grid_vm.pending.ip}'))).toBe(true);
  });

  it('propagates through operators, constructors inside functions, splats and for expressions', () => {
    for (const src of [
      'var.u + 1',
      '-var.u',
      '!var.u',
      'var.u == 1',
      '[1, var.u] == [1, 2]',
      'var.u && true',
      'upper(var.u)',
      'length(var.u)',
      'jsonencode({a = var.u})',
      'var.u[*].id',
      '[for x in var.u : x]',
      '{for x in var.l : x => 1 if var.u}',
      'var.l[var.u]',
      '{(var.u) = 1}',
      'var.u ? 1 : 2',
      'max(var.u...)',
    ]) {
      expect([src, isUnknown(ev(src))]).toEqual([src, true]);
    }
  });

  it('keeps what is already decided: the taken branch, length of a list with unknown elements, coalesce and try', () => {
    expect(ev('true ? 1 : var.u')).toBe(1);
    expect(ev('length([var.u, 1])')).toBe(2);
    expect(ev('[var.u, 1]')).toEqual([Unknown, 1]);
    expect(ev('coalesce("", "a", var.u)')).toBe('a');
    expect(isUnknown(ev('coalesce("", var.u, "a")'))).toBe(true);
    expect(ev('try(var.nope, "fallback")')).toBe('fallback');
    expect(isUnknown(ev('try(var.u, "fallback")'))).toBe(true);
    expect(isUnknown(ev('can(var.u.x)'))).toBe(true);
  });
});

describe('errors from function calls', () => {
  it('name an unknown function and the call', () => {
    expect(err('foo(1)')).toBe('Call to unknown function "foo" in ${foo(1)}');
    expect(err('toString(1)')).toMatch(/^Call to unknown function "toString"/);
  });

  it('name wrong argument counts and types', () => {
    expect(err('upper("a", "b")')).toBe('Too many function arguments in ${upper("a", "b")}: function "upper" takes 1, got 2');
    expect(err('max()')).toBe('Not enough function arguments in ${max()}: function "max" needs at least 1, got 0');
    expect(err('upper([1])')).toBe('Call to function "upper" failed in ${upper([1])}: the string must be a string, got list');
    expect(err('max(var.s...)')).toMatch(/^Invalid expanding argument/);
  });

  it('refuses to print a number that is not finite', () => {
    expect(() => tpl('${log(0, 2)} items')).toThrow(
      'Invalid template interpolation value in ${"${log(0, 2)} items"}: -Infinity is not a valid number',
    );
  });

  it('name the expression of a failure inside an interpolation', () => {
    expect(() => tpl('x-${element([], 0)}')).toThrow(
      'Call to function "element" failed in ${element([], 0)}: cannot use element function with an empty list',
    );
  });
});

describe('references()', () => {
  it('finds references in function arguments, conditionals, templates, index expressions and object keys', () => {
    expect(refs('${join(",", [var.a, grid_vm.x.id])}-${local.b ? data.t.n.v : grid_network.n[count.index]}')).toEqual([
      ['var', undefined],
      ['grid_vm', 'grid_vm.x'],
      ['local', undefined],
      ['data', 'data.t.n'],
      ['grid_network', 'grid_network.n'],
      ['count', undefined],
    ]);
    expect(refs('${{(grid_a.k.v) = 1}[grid_b.i.j]}')).toEqual([
      ['grid_a', 'grid_a.k'],
      ['grid_b', 'grid_b.i'],
    ]);
  });

  it('finds references in for expressions but not the iterator variables', () => {
    expect(refs('${[for i, vm in grid_vm.all : vm.ip if vm.n > var.min && i < length(grid_vm.other)]}')).toEqual([
      ['grid_vm', 'grid_vm.all'],
      ['var', undefined],
      ['grid_vm', 'grid_vm.other'],
    ]);
    expect(refs('${{for k, v in var.m : "${k}-${each.key}" => v...}}')).toEqual([
      ['var', undefined],
      ['each', undefined],
    ]);
  });

  it('treats an iterator name as a reference again outside its for expression', () => {
    expect(refs('${[[for x in var.l : x], x.y.z]}')).toEqual([
      ['var', undefined],
      ['x', 'x.y'],
    ]);
  });
});

describe('referencedAddress()', () => {
  const addr = (src: string) => referencedAddress(parseExpression(src) as Expr & { kind: 'ref' });
  it('gives TYPE.NAME for resources and data.TYPE.NAME for data sources', () => {
    expect(addr('grid_vm.a.vms[0].ip')).toBe('grid_vm.a');
    expect(addr('grid_vm.a[*].id')).toBe('grid_vm.a');
    expect(addr('data.grid_nodes.all.ids')).toBe('data.grid_nodes.all');
  });

  it('gives undefined for var, local, each, count, path, self, terraform and bare names', () => {
    for (const src of [
      'var.x',
      'local.x',
      'each.key',
      'count.index',
      'path.module',
      'self.id',
      'terraform.workspace',
      'grid_vm',
      'data.x',
      'grid_vm[0]',
    ])
      expect(addr(src)).toBeUndefined();
  });
});

describe('evaluateBody()', () => {
  it('evaluates every string with ${ in nested lists and objects and leaves other values alone', () => {
    expect(
      evaluateBody({ a: '${var.i + 1}', b: ['x', '${var.s}!', { c: '${var.nums}', d: 5, e: null, f: true }], g: 'no $ here' }, scope),
    ).toEqual({
      a: 2,
      b: ['x', 'hi!', { c: [3, 9, 4], d: 5, e: null, f: true }],
      g: 'no $ here',
    });
  });

  it('reads property names as templates, as HCL JSON does (a map cdktf keys by a token)', () => {
    expect(evaluateBody({ m: { '${format("%s", var.i)}': 'key-for-1', '${var.s}-x': true, plain: 2 } }, scope)).toEqual({
      m: { '1': 'key-for-1', 'hi-x': true, plain: 2 },
    });
  });

  it('makes an object unknown while one of its property names is not known yet', () => {
    const out = evaluateBody({ m: { '${var.u}': 'v', other: 'w' }, n: 'kept' }, scope) as Record<string, Value>;
    expect(isUnknown(out.m)).toBe(true);
    expect(out.n).toBe('kept');
  });

  it('refuses a property name that is null or evaluates to one the object already has, naming it', () => {
    expect(() => evaluateBody({ m: { '${var.nul}': 'v' } }, scope)).toThrow(
      'Invalid object key expression: the property name "${var.nul}" is null, which cannot be a key',
    );
    expect(() => evaluateBody({ m: { a: 1, '${var.l[0]}': 2 } }, scope)).toThrow(
      'Duplicate object attribute: "${var.l[0]}" gives "a", which this object already has',
    );
    expect(() => evaluateBody({ m: { '${var.l[0]}': 2, a: 1 } }, scope)).toThrow('Duplicate object attribute: "a" is defined twice');
    expect(() => evaluateBody({ m: { '${var.l}': 2 } }, scope)).toThrow('Invalid object key expression');
  });
});

describe("evaluateBody(): an object's keys are templates too (HCL's JSON syntax)", () => {
  it('evaluates a key with ${ to its string, as cdktf writes a token used as a map key', () => {
    expect(evaluateBody({ m: { '${format("%s", var.i)}': 'k1', '${var.s}-x': 'k2', plain: 3 } }, scope)).toEqual({
      m: { '1': 'k1', 'hi-x': 'k2', plain: 3 },
    });
  });
  it('leaves the whole object unknown while a key is known only after apply, and the body around it known', () => {
    const out = evaluateBody({ m: { '${var.u}': 'k', other: 'v' }, n: 'kept' }, scope) as Record<string, Value>;
    expect(isUnknown(out.m)).toBe(true);
    expect(out.n).toBe('kept');
  });
  it('refuses a null key and two keys that evaluate to the same string, naming the key expression', () => {
    const fails = (body: unknown) => {
      try {
        evaluateBody(body, scope);
      } catch (e) {
        expect(e).toBeInstanceOf(ExprError);
        return (e as Error).message;
      }
      throw new Error('did not fail');
    };
    expect(fails({ m: { '${var.nul}': 'k' } })).toMatch(/Invalid object key expression: the property name "\$\{var\.nul\}" is null/);
    expect(fails({ m: { '${var.s}': 'a', '${"hi"}': 'b' } })).toMatch(/Duplicate object attribute.*"hi"/);
    // whichever comes first, a literal key and a templated one with the same string
    expect(fails({ m: { hi: 'a', '${var.s}': 'b' } })).toMatch(/Duplicate object attribute.*"hi"/);
    expect(fails({ m: { '${var.s}': 'b', hi: 'a' } })).toMatch(/Duplicate object attribute.*"hi"/);
  });
  it('counts a reference in a key as a dependency of the resource', () => {
    const found = bodyReferences({ mycelium_keys: { '${format("%s", grid_scheduler.sched.nodes["a"])}': 'k' } });
    expect([...found]).toEqual(['grid_scheduler.sched']);
  });
});

describe('functions: numbers', () => {
  it.each([
    ['abs(-12.4)', 12.4],
    ['ceil(5.1)', 6],
    ['floor(-4.9)', -5],
    ['log(16, 2)', 4],
    ['max(12, 54, 3)', 54],
    ['min(12, "4", 3)', 3],
    ['pow(3, 2)', 9],
    ['signum(-13)', -1],
    ['parseint("100", 10)', 100],
    ['parseint("FF", 16)', 255],
    ['parseint("-10", 2)', -2],
    ['parseint("zz", 36)', 1295],
  ])('%s = %j', (src, want) => expect(ev(src)).toBe(want));

  it('refuses a number that is not in the base', () => {
    expect(err('parseint("12", 2)')).toMatch(/cannot parse "12" as a base 2 integer/);
  });
});

describe('functions: strings', () => {
  it.each([
    ['chomp("hello\\n\\r\\n")', 'hello'],
    ['endswith("hello", "lo")', true],
    ['startswith("hello", "x")', false],
    ['indent(2, "[\\n  foo,\\n]")', '[\n    foo,\n  ]'],
    ['join(", ", ["foo", "bar"], ["baz"])', 'foo, bar, baz'],
    ['lower("HELLO")', 'hello'],
    ['upper("hello")', 'HELLO'],
    ['regex("[a-z]+", "53453453.345345aaabbbccc23454")', 'aaabbbccc'],
    ['regex("(\\\\d\\\\d\\\\d\\\\d)-(\\\\d\\\\d)-(\\\\d\\\\d)", "2019-02-01")', ['2019', '02', '01']],
    [
      'regex("^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?", "https://terraform.io/docs/")',
      { scheme: 'https', authority: 'terraform.io' },
    ],
    ['regexall("[a-z]+", "1234abcd5678efgh9")', ['abcd', 'efgh']],
    ['replace("1 + 2 + 3", "+", "-")', '1 - 2 - 3'],
    ['replace("hello world", "/w.*d/", "everybody")', 'hello everybody'],
    ['replace("ab-cd", "/(\\\\w+)-(\\\\w+)/", "$2-$1")', 'cd-ab'],
    ['replace("ab-cd", "/(?P<x>\\\\w+)-(\\\\w+)/", "$2:$${x}$$")', 'cd:ab$'],
    ['split(",", "foo,bar,baz")', ['foo', 'bar', 'baz']],
    ['strrev("hello")', 'olleh'],
    ['substr("hello world", 1, 4)', 'ello'],
    ['substr("hello world", -5, -1)', 'world'],
    ['substr("🤔🤷", 0, 1)', '🤔'],
    ['title("hello world")', 'Hello World'],
    ['trim("?!hello?!", "!?")', 'hello'],
    ['trimprefix("helloworld", "hello")', 'world'],
    ['trimsuffix("helloworld", "world")', 'hello'],
    ['trimspace("  hello\\n\\n")', 'hello'],
    ['length("💃 ok")', 4],
  ])('%s = %j', (src, want) => expect(ev(src)).toEqual(want));

  it('refuses a regex that does not match', () => {
    expect(err('regex("x", "abc")')).toMatch(/pattern did not match/);
  });
});

describe('functions: format and formatlist', () => {
  it.each([
    ['format("%05.1f|%q", 3.14159, "x")', '003.1|"x"'],
    ['format("Hello, %s!", "Ander")', 'Hello, Ander!'],
    ['format("There are %d lights", 4)', 'There are 4 lights'],
    ['format("%-6s|%6s|", "ab", "cd")', 'ab    |    cd|'],
    ['format("%v %v %v %v", 1.5, true, "s", [1, "a"])', '1.5 true s [1,"a"]'],
    ['format("%x %X %o %b %#x", 255, 255, 8, 5, 255)', 'ff FF 10 101 0xff'],
    ['format("%e|%.2e", 1234.5678, 0.000123)', '1.234568e+03|1.23e-04'],
    ['format("%g|%g|%.3g", 1000000, 123.45, 3.14159)', '1e+06|123.45|3.14'],
    ['format("%.3s|%+d|%5.2f%%", "abcdef", 5, 2.5)', 'abc|+5| 2.50%'],
    ['format("%[2]s %[1]s", "a", "b")', 'b a'],
    ['format("%t", true)', 'true'],
  ])('%s = %j', (src, want) => expect(ev(src)).toBe(want));

  it('formats each element of list arguments', () => {
    expect(ev('formatlist("Hello, %s!", ["Valentina", "Ander"])')).toEqual(['Hello, Valentina!', 'Hello, Ander!']);
    expect(ev('formatlist("%s=%d", ["a", "b"], 7)')).toEqual(['a=7', 'b=7']);
  });

  it('refuses fractional %d, missing and extra arguments', () => {
    expect(err('format("%d", 1.5)')).toMatch(/whole number/);
    expect(err('format("%s %s", "a")')).toMatch(/not enough arguments for %s/);
    expect(err('format("%s", "a", "b")')).toMatch(/too many arguments/);
  });
});

describe('functions: collections', () => {
  it.each([
    ['alltrue(["true", true])', true],
    ['alltrue([true, false])', false],
    ['anytrue([])', false],
    ['chunklist(["a", "b", "c", "d", "e"], 2)', [['a', 'b'], ['c', 'd'], ['e']]],
    ['coalesce("", "b")', 'b'],
    ['coalesce(null, 1, 2)', 1],
    ['coalescelist([], ["c"])', ['c']],
    ['compact(["a", "", "b", null, "c"])', ['a', 'b', 'c']],
    ['concat(["a", ""], ["b", "c"])', ['a', '', 'b', 'c']],
    ['contains(["a", "b"], "b")', true],
    ['distinct(["a", "b", "a", "c", "d", "b"])', ['a', 'b', 'c', 'd']],
    ['element(["a", "b", "c"], 3)', 'a'],
    ['flatten([["a", "b"], [], [["c"]]])', ['a', 'b', 'c']],
    ['index(["a", "b", "c"], "b")', 1],
    ['keys({a = 1, c = 2, b = 3})', ['a', 'b', 'c']],
    ['values({a = 3, c = 2, b = 1})', [3, 1, 2]],
    ['length({a = 1, b = 2})', 2],
    ['list("a", "b")', ['a', 'b']],
    ['map("a", 1, "b", 2)', { a: 1, b: 2 }],
    ['lookup({a = "ay", b = "bee"}, "a", "what?")', 'ay'],
    ['lookup({a = "ay", b = "bee"}, "c", "what?")', 'what?'],
    ['matchkeys(["i-123", "i-abc", "i-def"], ["us-west", "us-east", "us-east"], ["us-east"])', ['i-abc', 'i-def']],
    ['merge({a = "b", c = "d"}, null, {e = "f", c = "z"})', { a: 'b', c: 'z', e: 'f' }],
    ['one([])', null],
    ['one(["x"])', 'x'],
    ['range(3)', [0, 1, 2]],
    ['range(1, 8, 2)', [1, 3, 5, 7]],
    ['range(4, 1)', [4, 3, 2]],
    ['reverse([1, 2, 3])', [3, 2, 1]],
    ['setintersection(["a", "b"], ["b", "c"], ["b", "d"])', ['b']],
    [
      'setproduct(["dev", "stg"], ["app1", "app2"])',
      [
        ['dev', 'app1'],
        ['dev', 'app2'],
        ['stg', 'app1'],
        ['stg', 'app2'],
      ],
    ],
    ['setsubtract(["a", "b", "c"], ["a", "c"])', ['b']],
    ['setunion(["b", "a"], ["b", "c"], ["d"])', ['a', 'b', 'c', 'd']],
    ['slice(["a", "b", "c", "d"], 1, 3)', ['b', 'c']],
    ['sort(["e", "d", "a", "x"])', ['a', 'd', 'e', 'x']],
    ['sort([10, 9])', ['10', '9']],
    ['sum([10, 13, 6, 4.5])', 33.5],
    ['transpose({a = ["1", "2"], b = ["2", "3"]})', { '1': ['a'], '2': ['a', 'b'], '3': ['b'] }],
    ['zipmap(["a", "b"], [1, 2])', { a: 1, b: 2 }],
  ])('%s = %j', (src, want) => expect(ev(src)).toEqual(want));

  it('refuses what Terraform refuses', () => {
    expect(err('lookup({a = 1}, "b")')).toMatch(/lookup failed to find key "b"/);
    expect(err('one([1, 2])')).toMatch(/zero or one elements/);
    expect(err('coalesce(null, "")')).toMatch(/no non-null, non-empty-string arguments/);
    expect(err('index(["a"], "z")')).toMatch(/item not found/);
    expect(err('sum([])')).toMatch(/cannot sum an empty list/);
    expect(err('slice([1], 0, 2)')).toMatch(/cannot slice/);
  });
});

describe('functions: encoding and hashing', () => {
  it.each([
    ['base64encode("Hello World")', 'SGVsbG8gV29ybGQ='],
    ['base64decode("SGVsbG8gV29ybGQ=")', 'Hello World'],
    [
      'csvdecode("a,b,c\\n1,2,3\\n\\"4,x\\",5,\\"6\\"\\"\\"\\n")',
      [
        { a: '1', b: '2', c: '3' },
        { a: '4,x', b: '5', c: '6"' },
      ],
    ],
    ['jsondecode("{\\"hello\\": [1, true, null]}")', { hello: [1, true, null] }],
    ['jsonencode({b = 1, a = [true, null]})', '{"a":[true,null],"b":1}'],
    ['jsonencode("<b> & 1e21")', '"\\u003cb\\u003e \\u0026 1e21"'],
    ['jsonencode(1e21)', '1000000000000000000000'],
    ['urlencode("Hello World!")', 'Hello+World%21'],
    ['urlencode("foo:bar@localhost?foo=bar&bar=baz ☃")', 'foo%3Abar%40localhost%3Ffoo%3Dbar%26bar%3Dbaz+%E2%98%83'],
    ['md5("hello world")', '5eb63bbbe01eeed093cb22bb8f5acdc3'],
    ['sha1("hello world")', '2aae6c35c94fcfb415dbe95f408b9ce91ee846ed'],
    ['sha256("hello world")', 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9'],
    ['base64sha256("hello world")', 'uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek='],
  ])('%s = %j', (src, want) => expect(ev(src)).toEqual(want));

  it('hashes with sha512 and makes random v4 uuids', () => {
    expect(ev('sha512("hello world")')).toBe(
      '309ecc489c12d6eb4cc40f50c902f2b4d0ed77ee511a7c7a9bcd3ca86d4cd86f989dd35bc5ff499670da34255b45b0cfd830e81f605dcf7dc5542e93ae9cd76f',
    );
    expect(ev('uuid()')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ev('uuid()')).not.toBe(ev('uuid()'));
  });

  it('refuses invalid base64 and JSON, and the functions it does not support', () => {
    expect(err('base64decode("not base64!")')).toMatch(/not valid base64/);
    expect(err('jsondecode("{")')).toMatch(/invalid JSON/);
    expect(err('rsadecrypt("x", "k")')).toMatch(/unknown function/);
    expect(err('file("x.txt")')).toBe('Call to function "file" failed in ${file("x.txt")}: file is not supported offline by gridform');
    expect(err('fileexists("x.txt")')).toMatch(/not supported offline/);
    expect(err('templatefile("t", {})')).toMatch(/not supported offline/);
  });
});

describe('functions: networks', () => {
  it.each([
    ['cidrsubnet("10.0.0.0/16", 8, 2)', '10.0.2.0/24'],
    ['cidrsubnet("172.16.0.0/12", 4, 2)', '172.18.0.0/16'],
    ['cidrsubnet("10.1.2.0/24", 4, 15)', '10.1.2.240/28'],
    ['cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)', 'fd00:fd12:3456:7800:a200::/72'],
    ['cidrhost("10.0.0.0/24", 5)', '10.0.0.5'],
    ['cidrhost("10.12.112.0/20", 268)', '10.12.113.12'],
    ['cidrhost("10.0.0.0/24", -1)', '10.0.0.255'],
    ['cidrhost("fd00:fd12:3456:7890:00a2::/72", 34)', 'fd00:fd12:3456:7890::22'],
    ['cidrnetmask("172.16.0.0/12")', '255.240.0.0'],
    ['cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)', ['10.1.0.0/20', '10.1.16.0/20', '10.1.32.0/24', '10.1.48.0/20']],
    [
      'cidrsubnets("fd00:fd12:3456:7890::/56", 16, 16, 16, 32)',
      ['fd00:fd12:3456:7800::/72', 'fd00:fd12:3456:7800:100::/72', 'fd00:fd12:3456:7800:200::/72', 'fd00:fd12:3456:7800:300::/88'],
    ],
  ])('%s = %j', (src, want) => expect(ev(src)).toEqual(want));

  it('refuses hosts and subnets that do not fit', () => {
    expect(err('cidrhost("10.0.0.0/24", 256)')).toMatch(/prefix of 24 does not accommodate a host numbered 256/);
    expect(err('cidrsubnet("10.0.0.0/16", 2, 4)')).toMatch(/prefix extension of 2 does not accommodate a subnet numbered 4/);
    expect(err('cidrsubnet("10.0.0.0/30", 4, 0)')).toMatch(/insufficient address space/);
    expect(err('cidrsubnets("10.0.0.0/24", 1, 1, 1)')).toMatch(/not enough remaining address space/);
    expect(err('cidrnetmask("fd00::/64")')).toMatch(/IPv6/);
    expect(err('cidrhost("10.0.0/24", 1)')).toMatch(/invalid CIDR address/);
  });
});

describe('functions: conversions, try and can', () => {
  it.each([
    ['tobool("true")', true],
    ['tonumber("1.5")', 1.5],
    ['tostring(12)', '12'],
    ['tostring(null)', null],
    ['tolist(["a", 1, true])', ['a', '1', 'true']],
    ['toset(["c", "b", "c"])', ['b', 'c']],
    ['toset([3, 1, 3])', [1, 3]],
    ['tomap({a = 1, b = "x"})', { a: '1', b: 'x' }],
  ])('%s = %j', (src, want) => expect(ev(src)).toEqual(want));

  it('refuses impossible conversions', () => {
    expect(err('tonumber("no")')).toMatch(/must be a number, got "no"/);
    expect(err('tostring([1])')).toMatch(/must be a string, got list/);
    expect(err('tobool(1)')).toMatch(/must be a bool/);
  });

  it('try returns the first argument that evaluates, can says whether one does', () => {
    expect(ev('try(var.m.z, var.l[9], "d")')).toBe('d');
    expect(ev('try(var.m.a, "d")')).toBe(1);
    expect(ev('can(var.m.a)')).toBe(true);
    expect(ev('can(var.l[9])')).toBe(false);
    expect(err('try(var.l[9], var.m.z)')).toMatch(
      /^Call to function "try" failed in \$\{try\(var.l\[9\], var.m.z\)\}: no expression succeeded/,
    );
  });
});
