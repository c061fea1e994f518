// The configuration corpus: cdk.tf.json documents as a careless or hostile author could write
// them, each with the refusal expected of it (naming the resource, attribute, variable, local or
// output), and the conversions terraform makes that must be accepted. Generated from tables
// where one rule meets many values.
import { fakeStack } from '../support/engine-cli';
import type { CliResult, StackFolder } from '../support/engine-cli';
import type { AdversarialCase } from './verdict';
import { esc, placedAt } from './placed-at';
import { stackCase, type StackInput } from './stack-input';

const CONFIG = 'configuration';
const at = placedAt;
const thing = (body: Record<string, unknown>, extra: Record<string, unknown> = {}) => fakeStack({ a: { name: 'a', ...body } }, extra);

function input(name: string, refusal: RegExp | undefined, rest: Omit<StackInput, 'group' | 'name' | 'refusal'>): AdversarialCase {
  return stackCase({ group: CONFIG, name, refusal, ...rest });
}

/** Unknown arguments: at the top of a resource, inside a nested block, in the provider block. */
function unknownArguments(): AdversarialCase[] {
  const names = ['sise', 'nmae', 'flavour', 'Name', 'name ', 'count_', '__proto__', 'constructor', 'toString'];
  const top = names.map((n) =>
    input(
      `an unknown argument ${JSON.stringify(n)} in a resource`,
      at('fake_thing.a', undefined, `An argument named ${esc(JSON.stringify(n))} is not expected here`),
      {
        configText: JSON.stringify(thing({})).replace('"name":"a"', `"name":"a",${JSON.stringify(n)}:1`),
      },
    ),
  );
  return [
    ...top,
    input(
      'an unknown argument in a nested block',
      at('fake_thing.a', 'rule[0].colour', 'An argument named "colour" is not expected here'),
      {
        config: thing({ rule: [{ port: 80, colour: 'red' }] }),
      },
    ),
    input('an unknown argument in the second nested block', at('fake_thing.a', 'rule[1].prot', 'Did you mean "proto"'), {
      config: thing({ rule: [{ port: 80 }, { port: 81, prot: 'tcp' }] }),
    }),
    input('an unknown block', at('fake_thing.a', 'rules', 'An argument named "rules" is not expected here. Did you mean "rule"'), {
      config: thing({ rules: [{ port: 80 }] }),
    }),
    input('an unknown argument in the provider block', at('provider.fake', 'region', 'An argument named "region" is not expected here'), {
      config: { ...(thing({}) as object), provider: { fake: [{ region: 'eu' }] } },
    }),
    input(
      'an unknown argument in an aliased provider block',
      at('provider.fake.eu', 'zone', 'An argument named "zone" is not expected here'),
      {
        config: { ...(thing({ provider: 'fake.eu' }) as object), provider: { fake: [{}, { alias: 'eu', zone: 'x' }] } },
      },
    ),
  ];
}

/** Values of the wrong type, for each attribute type of the schema. */
function badTypes(): AdversarialCase[] {
  const table: [string, string, unknown, string][] = [
    ['size', 'a word', 'abc', 'a number is required'],
    ['size', 'a list', [1], 'a number is required'],
    ['size', 'an object', { n: 1 }, 'a number is required'],
    ['size', 'a bool', true, 'a number is required'],
    ['size', 'a number with a unit', '10GB', 'a number is required'],
    ['size', 'hexadecimal', '0x10', 'a number is required'],
    ['name', 'a list', ['a'], 'string required'],
    ['name', 'an object', { a: 1 }, 'string required'],
    ['zone', 'an empty list', [], 'string required'],
  ];
  const cases = table.map(([attr, what, value, words]) =>
    input(
      `${attr} given ${what} (${JSON.stringify(value)})`,
      at('fake_thing.a', attr, `Inappropriate value for attribute "${attr}": ${words}`),
      { config: thing({ [attr]: value }) },
    ),
  );
  const nested: [string, unknown, RegExp][] = [
    ['a nested block given a string', 'tcp', at('fake_thing.a', 'rule', 'Inappropriate value for block "rule"')],
    ['a nested block given a number', 5, at('fake_thing.a', 'rule', 'Inappropriate value for block "rule"')],
    ['a nested block item that is a string', ['tcp'], at('fake_thing.a', 'rule[0]', 'each rule block must be an object')],
    ['a nested block item that is null', [null], at('fake_thing.a', 'rule[0]', 'each rule block must be an object')],
    ['a port that is a word in a nested block', [{ port: 'http' }], at('fake_thing.a', 'rule[0].port', 'a number is required')],
  ];
  return [...cases, ...nested.map(([name, value, re]) => input(name, re, { config: thing({ rule: value }) }))];
}

function requiredAndComputed(): AdversarialCase[] {
  return [
    input('a required argument missing', at('fake_thing.x', 'name', 'The argument "name" is required'), {
      config: fakeStack({ x: { size: 1 } }),
    }),
    input('a required argument set to null', at('fake_thing.x', 'name', 'The argument "name" is required'), {
      config: fakeStack({ x: { name: null } }),
    }),
    input('a required argument missing in a nested block', at('fake_thing.a', 'rule[0].port', 'The argument "port" is required'), {
      config: thing({ rule: [{ proto: 'tcp' }] }),
    }),
    input('a computed-only attribute set', at('fake_thing.a', 'id', `Can't configure a value for "id"`), { config: thing({ id: 'mine' }) }),
    input('a computed-only attribute set from a variable', at('fake_thing.a', 'id', `Can't configure a value for "id"`), {
      config: thing({ id: '${var.v}' }, { variable: { v: { type: 'string', default: 'x' } } }),
    }),
    input('a resource that is not an object', /fake_thing\.a is not an object/, { config: fakeStack({ a: 'name=a' }) }),
    input('a resource that is null', /fake_thing\.a is not an object/, { config: fakeStack({ a: null }) }),
    input('a resource of a type the provider does not have', at('fake_nothing.a', undefined, 'Unknown resource type fake_nothing'), {
      config: { ...(fakeStack({}) as object), resource: { fake_nothing: { a: { name: 'a' } } } },
    }),
    input('a resource of a provider not declared', /provider nope of nope_thing\.a is not declared/, {
      config: { ...(fakeStack({}) as object), resource: { nope_thing: { a: { name: 'a' } } } },
    }),
    input('a provisioner', at('fake_thing.a', 'provisioner', 'provisioner is not supported'), {
      config: thing({ provisioner: [{ 'local-exec': { command: 'rm -rf /' } }] }),
    }),
  ];
}

/** count and for_each: too large, negative, fractional, not numbers, unknown. */
function expansion(): AdversarialCase[] {
  const counts: [string, unknown, string][] = [
    ['count = 10000000', 10_000_000, 'asks for 10000000 instances, over the limit of 100000'],
    ['count = 1e9 as an expression', '${1000000000}', 'asks for 1000000000 instances'],
    ['count = -1', -1, 'must be a whole number of zero or more, not -1'],
    ['count = 1.5', 1.5, 'must be a whole number of zero or more, not 1.5'],
    ['count = "abc"', 'abc', 'must be a whole number of zero or more, not "abc"'],
    ['count = true', true, 'must be a whole number of zero or more, not true'],
    ['count = a list', [1, 2], 'must be a whole number of zero or more'],
    ['count = null', null, 'count of fake_thing.many'],
    ['count = Infinity by division', '${1/0}', 'division by zero'],
  ];
  const eachs: [string, unknown, string][] = [
    ['for_each = 5', 5, 'must be a map or a set of strings, not number'],
    ['for_each = "abc"', 'abc', 'must be a map or a set of strings, not string'],
    ['for_each = null', null, 'is null; use an empty map or set'],
    ['for_each = a list of numbers', [1, 2], 'you have provided a list or tuple'],
  ];
  const manyKeys = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`k${i}`, i]));
  return [
    ...counts.map(([name, count, words]) =>
      input(name, at('fake_thing.many', 'count', esc(words)), { config: fakeStack({ many: { name: 'x', count } }) }),
    ),
    ...eachs.map(([name, forEach, words]) =>
      input(name, at('fake_thing.many', 'for_each', esc(words)), { config: fakeStack({ many: { name: 'x', for_each: forEach } }) }),
    ),
    input(
      'for_each of 150 keys over GRIDFORM_MAX_INSTANCES=100',
      at('fake_thing.many', 'for_each', 'asks for 150 instances, over the limit of 100'),
      {
        config: fakeStack({ many: { name: 'x', for_each: manyKeys } }),
        env: { GRIDFORM_MAX_INSTANCES: '100' },
      },
    ),
    input('both count and for_each', at('fake_thing.many', 'count', 'sets both; use one of them'), {
      config: fakeStack({ many: { name: 'x', count: 1, for_each: { a: 1 } } }),
    }),
    input('count from a value known only after apply', at('fake_thing.many', 'count', 'depends on values known only after apply'), {
      config: fakeStack({ a: { name: 'a' }, many: { name: 'x', count: '${length(fake_thing.a.id)}' } }),
    }),
    input('GRIDFORM_MAX_INSTANCES that is not a number', /GRIDFORM_MAX_INSTANCES must be a positive whole number, not "lots"/, {
      env: { GRIDFORM_MAX_INSTANCES: 'lots' },
    }),
  ];
}

/** Inputs built to exhaust time, memory or the stack. */
function limits(): AdversarialCase[] {
  const deep = (n: number) => `\${${'('.repeat(n)}1${')'.repeat(n)}}`;
  const deepJson = () => JSON.stringify(thing({ ref: 'DEEP' })).replace('"DEEP"', `${'['.repeat(100_000)}"leaf"${']'.repeat(100_000)}`);
  return [
    input('5,000 nested parentheses', at('fake_thing.a', undefined, 'nested more than 256 levels deep'), {
      config: thing({ ref: deep(5000) }),
    }),
    input('5,000 nested lists in an expression', at('fake_thing.a', undefined, 'nested more than 256 levels deep'), {
      config: thing({ ref: `\${${'['.repeat(5000)}${']'.repeat(5000)}}` }),
    }),
    input('5,000 nested conditionals', at('fake_thing.a', undefined, 'nested more than 256 levels deep'), {
      config: thing({ ref: `\${${'true ? '.repeat(5000)}1${' : 0'.repeat(5000)}}` }),
    }),
    input('a JSON document nested 100,000 levels', /cdk\.tf\.json is nested too deeply/, { configText: deepJson() }),
    input('a computed string past 16 MiB', at('fake_thing.a', undefined, 'String too long'), {
      config: thing({ ref: '${join("", [for i in range(1000) : format("%020000d", i)])}' }),
    }),
    input('a range of 100 million numbers', at('fake_thing.a', undefined, 'more than 1024 numbers'), {
      config: thing({ ref: '${length(range(100000000))}' }),
    }),
    input('a setproduct of a billion combinations', at('fake_thing.a', undefined, 'setproduct'), {
      config: thing({ ref: '${length(setproduct(range(1000), range(1000), range(1000)))}' }),
    }),
    input('for expressions nested three deep over 1,000 numbers each', at('fake_thing.a', undefined, 'iterate more than 1000000 times'), {
      config: thing({ ref: '${length(flatten([for a in range(1000) : [for b in range(1000) : [for c in range(1000) : c]]]))}' }),
    }),
    input('a format with 500 digits of precision', at('fake_thing.a', undefined, 'precision 500 of %f is over the limit of 100 digits'), {
      config: thing({ ref: '${format("%.500f", 1)}' }),
    }),
    input('a format padded to a billion characters', at('fake_thing.a', undefined, 'width 999999999 of %d is over the limit'), {
      config: thing({ ref: '${format("%0999999999d", 1)}' }),
    }),
    input('a 20 MiB literal string', at('fake_thing.a', 'ref', 'over the limit of 16777216'), {
      config: thing({ ref: 'x'.repeat(20 * 2 ** 20) }),
    }),
  ];
}

/** Variables: defaults that do not match their type, failed validations, bad values from the command line. */
function variables(): AdversarialCase[] {
  const withVar = (decl: Record<string, unknown>, use = '${var.v}') => thing({ ref: use }, { variable: { v: decl } });
  const defaults: [string, Record<string, unknown>, string][] = [
    ['a number variable whose default is a word', { type: 'number', default: 'abc' }, 'a number is required'],
    ['a bool variable whose default is "maybe"', { type: 'bool', default: 'maybe' }, 'a bool is required'],
    ['a string variable whose default is a list', { type: 'string', default: ['a'] }, 'string required'],
    ['a list(string) variable whose default is a string', { type: 'list(string)', default: 'a' }, 'list of string required'],
    [
      'a list(number) variable with a word in its default',
      { type: 'list(number)', default: [1, 'two'] },
      'element 1: a number is required',
    ],
    [
      'a map(number) variable with a word in its default',
      { type: 'map(number)', default: { a: 'x' } },
      'element "a": a number is required',
    ],
    [
      'an object variable missing an attribute in its default',
      { type: 'object({ name = string, size = number })', default: { name: 'a' } },
      'attribute "size" is required',
    ],
  ];
  const flags: [string, Record<string, unknown>, string[], Record<string, string>, string][] = [
    ['-var of a word for a number variable', { type: 'number' }, ['-var', 'v=abc'], {}, 'Invalid value for variable v'],
    ['TF_VAR_ of a word for a number variable', { type: 'number' }, [], { TF_VAR_v: 'abc' }, 'Invalid value for variable v'],
    ['-var for a variable not declared', { type: 'string', default: 'x' }, ['-var', 'w=1'], {}, 'Value for undeclared variable w'],
    ['-var without a value', { type: 'string', default: 'x' }, ['-var', 'v'], {}, 'Invalid -var option "v"'],
    ['a variable without a value', { type: 'string' }, [], {}, 'No value for required variable v'],
    ['null for a variable that is not nullable', { type: 'string', nullable: false, default: null }, [], {}, 'Variable v must not be null'],
  ];
  return [
    ...defaults.map(([name, decl, words]) =>
      input(name, new RegExp(`Invalid default value for variable v[\\s\\S]*${esc(words)}`), { config: withVar(decl) }),
    ),
    ...flags.map(([name, decl, args, env, words]) =>
      input(name, new RegExp(esc(words)), { config: withVar(decl), args: ['plan', ...args], env }),
    ),
    input('a variable type that does not exist', /Invalid type for variable v[\s\S]*strin/, {
      config: withVar({ type: 'strin', default: 'x' }),
    }),
    input(
      'a variable validation that fails',
      at('var.v', undefined, 'Error: Invalid value for variable\\n[\\s\\S]*size must be below 10'),
      {
        config: withVar({
          type: 'number',
          default: 12,
          validation: [{ condition: '${var.v < 10}', error_message: 'size must be below 10.' }],
        }),
      },
    ),
    input(
      'a variable validation that fails for a -var value',
      at('var.v', undefined, 'Error: Invalid value for variable\\n[\\s\\S]*must start with web'),
      {
        config: withVar({
          type: 'string',
          default: 'web1',
          validation: [{ condition: '${startswith(var.v, "web")}', error_message: 'The name must start with web.' }],
        }),
        args: ['plan', '-var', 'v=db1'],
      },
    ),
    input(
      'a variable validation whose condition is not a bool',
      at('var.v', undefined, 'Error: Invalid variable validation result\\n[\\s\\S]*a bool is required \\(got 1\\)'),
      {
        config: withVar({ type: 'number', default: 1, validation: [{ condition: '${var.v}', error_message: 'no.' }] }),
      },
    ),
    input(
      'a variable validation without error_message',
      at(
        'var.v',
        undefined,
        'Error: Missing required argument\\n[\\s\\S]*validation block 1 of variable "v": the argument "error_message" is required',
      ),
      {
        config: withVar({ type: 'number', default: 1, validation: [{ condition: '${var.v > 0}' }] }),
      },
    ),
    input('a reference to an undeclared variable', at('fake_thing.a', undefined, 'var\\.nope'), { config: thing({ ref: '${var.nope}' }) }),
    input('a -var-file that is not JSON', /Invalid JSON in vars\.tfvars\.json/, {
      config: withVar({ type: 'string', default: 'x' }),
      files: { 'vars.tfvars.json': '{"v": ' },
      args: ['plan', '-var-file=vars.tfvars.json'],
    }),
    input('a -var-file that does not exist', /Cannot read variables file missing\.tfvars/, { args: ['plan', '-var-file=missing.tfvars'] }),
    input('a -var-file line that is not name = value', /Cannot read line 1 of vars\.tfvars/, {
      files: { 'vars.tfvars': 'just words\n' },
      args: ['plan', '-var-file=vars.tfvars'],
    }),
  ];
}

/** References that loop, or lead nowhere. */
function references(): AdversarialCase[] {
  return [
    input('two locals that refer to each other', /Cycle[\s\S]*local\.a[\s\S]*local\.b/, {
      config: thing({ ref: '${local.a}' }, { locals: { a: '${local.b}', b: '${local.a}' } }),
    }),
    input('a local that refers to itself', /local\.a refers to itself/, {
      config: thing({ ref: '${local.a}' }, { locals: { a: '${local.a}x' } }),
    }),
    input('a cycle of three locals through a function', /Cycle[\s\S]*local\.a[\s\S]*local\.c/, {
      config: thing({ ref: '${local.a}' }, { locals: { a: '${upper(local.b)}', b: '${local.c}', c: '${lower(local.a)}' } }),
    }),
    input('a local cycle no resource uses', /Cycle[\s\S]*local\.x/, {
      config: thing({}, { locals: { x: '${local.y}', y: '${local.x}' } }),
    }),
    input('a reference to an undeclared local', at('fake_thing.a', undefined, 'local\\.nope'), { config: thing({ ref: '${local.nope}' }) }),
    // terraform 1.11 accepts a depends_on naming the resource itself (the parity corpus holds the case), but not a template
    input('a depends_on written as a template', /single static variable reference is required/, {
      config: fakeStack({ a: { name: 'a' }, b: { name: 'b', depends_on: ['${fake_thing.a}'] } }),
    }),
    input('a resource that refers to itself', /with fake_thing\.a[\s\S]*fake_thing\.a refers to itself/, {
      config: thing({ ref: '${fake_thing.a.id}' }),
    }),
    input('two resources that depend on each other', /Cycle in the configuration[\s\S]*fake_thing\.a -> fake_thing\.b -> fake_thing\.a/, {
      config: fakeStack({ a: { name: 'a', depends_on: ['fake_thing.b'] }, b: { name: 'b', ref: '${fake_thing.a.id}' } }),
    }),
    input('depends_on an undeclared resource', /with fake_thing\.a[\s\S]*refers to fake_thing\.ghost, which is not in the configuration/, {
      config: thing({ depends_on: ['fake_thing.ghost'] }),
    }),
    input('depends_on that is a string, not a list', at('fake_thing.a', 'depends_on', 'must be a list'), {
      config: thing({ depends_on: 'fake_thing.b' }),
    }),
    input('depends_on holding a number', at('fake_thing.a', 'depends_on', 'must be a list of resource addresses'), {
      config: thing({ depends_on: [42] }),
    }),
    input('a reference to an undeclared resource', /with fake_thing\.a[\s\S]*refers to fake_thing\.ghost/, {
      config: thing({ ref: '${fake_thing.ghost.id}' }),
    }),
    input('a reference to an attribute the resource does not have', at('fake_thing.b', undefined, 'the object has no attribute "nope"'), {
      config: fakeStack({ a: { name: 'a' }, b: { name: 'b', ref: '${fake_thing.a.nope}' } }),
    }),
  ];
}

/** Outputs that are not what an output block is. */
function outputs(): AdversarialCase[] {
  const out = (o: unknown) => thing({}, { output: o });
  return [
    input('an output that is a string, not a block', /output x is not an object/, { config: out({ x: 'hello' }) }),
    input('an output that is null', /output x is not an object/, { config: out({ x: null }) }),
    input('an output without value', /output x has no value/, { config: out({ x: { description: 'x' } }) }),
    input('an output block that is a list', /Incorrect JSON value type[\s\S]*cdk\.tf\.json, output must be an object of named outputs/, {
      config: out(['x']),
    }),
    input('an output referring to an undeclared resource', /output x[\s\S]*fake_thing\.ghost/, {
      config: out({ x: { value: '${fake_thing.ghost.id}' } }),
    }),
    input('an output with an unknown argument', /with output\.x[\s\S]*No argument or block type is named "valeu" in output "x"/, {
      config: out({ x: { value: 1, valeu: 2 } }),
    }),
    input('an output whose sensitive is a word', /output x[\s\S]*sensitive must be true or false/, {
      config: out({ x: { value: 1, sensitive: 'yes' } }),
    }),
  ];
}

/** Expressions: function calls and templates that cannot work, each with a message naming them. */
function expressions(): AdversarialCase[] {
  const table: [string, string, string][] = [
    ['an unknown function', '${nosuch(1)}', 'nosuch'],
    ['substr with two arguments', '${substr("abc", 1)}', 'substr'],
    ['substr with a word as offset', '${substr("abc", "x", 1)}', 'substr'],
    ['substr with a negative length', '${substr("abc", 0, -5)}', 'the length must be -1'],
    ['element of an empty list', '${element([], 0)}', 'element'],
    ['an index past the end of a list', '${[1, 2][5]}', 'index'],
    ['tonumber of a word', '${tonumber("abc")}', 'tonumber'],
    ['jsondecode of broken JSON', '${jsondecode("{")}', 'jsondecode'],
    ['cidrsubnet of a non-address', '${cidrsubnet("nope", 8, 1)}', 'cidrsubnet'],
    ['lookup of a missing key without default', '${lookup({a = 1}, "b")}', 'lookup'],
    ['format with a verb that does not fit', '${format("%d", "x")}', 'format'],
    ['join of a number', '${join(",", 5)}', 'join'],
    ['file, which reads the disk', '${file("/etc/passwd")}', 'file is not supported offline'],
    ['filebase64, which reads the disk', '${filebase64("/etc/passwd")}', 'filebase64 is not supported offline'],
    ['an unterminated template', '${var.x', 'Invalid expression'],
    ['an empty template', '${}', 'Invalid expression'],
    ['a dangling operator', '${1 +}', 'Invalid expression'],
    ['a stray character', '${1 # 2}', 'Invalid expression'],
    ['adding a word to a number', '${1 + "x"}', 'Invalid operand'],
    ['a condition that is a word', '${"x" ? 1 : 2}', 'Invalid condition'],
    ['a template directive left open', '%{ if true }x', 'Invalid expression'],
    ['a for expression over a number', '${[for x in 5 : x]}', 'for'],
    ['a splat of a string', '${"abc"[*].x}', 'cannot read "x" of a string'],
    ['regex with a broken pattern', '${regex("(", "x")}', 'regex'],
    ['an attribute of a number', '${(5).x}', 'x'],
  ];
  return table.map(([name, expr, words]) => input(name, at('fake_thing.a', undefined, esc(words)), { config: thing({ ref: expr }) }));
}

/** The document itself: not JSON, not an object, sections of the wrong shape. */
function documents(): AdversarialCase[] {
  return [
    input('a cdk.tf.json that is not JSON', /Cannot read .*cdk\.tf\.json[\s\S]*not JSON/, { configText: '{"resource": {' }),
    input('a cdk.tf.json that is empty', /Cannot read .*cdk\.tf\.json[\s\S]*not JSON/, { configText: '' }),
    input('a cdk.tf.json that is null', /cdk\.tf\.json is not a JSON object/, { configText: 'null' }),
    input('a cdk.tf.json that is a list', /cdk\.tf\.json is not a JSON object/, { configText: '[]' }),
    input('a resource section that is a list', /cdk\.tf\.json[\s\S]*resource must be an object/, {
      config: { ...(fakeStack({}) as object), resource: [1] },
    }),
    input('a resource type whose value is a string', /cdk\.tf\.json[\s\S]*resource\.fake_thing must be an object/, {
      config: { ...(fakeStack({}) as object), resource: { fake_thing: 'a' } },
    }),
    input('a provider section that is a string', /cdk\.tf\.json[\s\S]*provider must be an object/, {
      config: { ...(thing({}) as object), provider: 'fake' },
    }),
    input('a provider block that is a number', /provider\.fake[\s\S]*must be an object/, {
      config: { ...(thing({}) as object), provider: { fake: [5] } },
    }),
    input('a variable section that is a list', /cdk\.tf\.json[\s\S]*variable must be an object/, {
      config: thing({}, { variable: ['v'] }),
    }),
    input('a variable declared as a string', /variable v is not an object/, { config: thing({}, { variable: { v: 'string' } }) }),
    input('locals that are a list', /cdk\.tf\.json[\s\S]*locals must be an object/, { config: thing({}, { locals: ['a'] }) }),
    input('lifecycle that is a string', at('fake_thing.a', 'lifecycle', 'must be an object'), { config: thing({ lifecycle: 'keep' }) }),
    input('prevent_destroy that is a word', at('fake_thing.a', 'lifecycle.prevent_destroy', 'must be true or false'), {
      config: thing({ lifecycle: { prevent_destroy: 'yes' } }),
    }),
    input('ignore_changes that is a number', at('fake_thing.a', 'lifecycle.ignore_changes', 'must be a list of attribute names or "all"'), {
      config: thing({ lifecycle: { ignore_changes: 5 } }),
    }),
    input('a moved block without to', /Missing required argument[\s\S]*moved block 1: the argument "to" is required/, {
      config: thing({}, { moved: [{ from: 'fake_thing.b' }] }),
    }),
    input('an import block with an expression as id', /Invalid import id/, {
      config: thing({}, { import: [{ to: 'fake_thing.a', id: '${var.x}' }] }),
    }),
    input('an import block into an undeclared resource', /Configuration for import target does not exist/, {
      config: thing({}, { import: [{ to: 'fake_thing.z', id: '1' }] }),
    }),
    input('a -target that is not an address', /-target=not an address is not a resource address/, {
      args: ['plan', '-target=not an address'],
    }),
    input('a -lock-timeout that is not a duration', /lock-timeout/, { args: ['plan', '-lock-timeout=soon'] }),
  ];
}

const attributesOf = (folder: StackFolder) => folder.state().resources[0].instances[0].attributes;

/** What terraform converts must be converted, not refused. */
function conversions(): AdversarialCase[] {
  const accepted = (
    name: string,
    config: unknown,
    check: (r: CliResult, f: StackFolder) => string | undefined,
    args = ['apply', '-auto-approve'],
  ) => stackCase({ group: CONFIG, name, config, args, check });
  const expectAttr = (attr: string, want: unknown) => (_r: CliResult, f: StackFolder) => {
    const got = attributesOf(f)[attr];
    return JSON.stringify(got) === JSON.stringify(want) ? undefined : `${attr} is ${JSON.stringify(got)}, not ${JSON.stringify(want)}`;
  };
  return [
    accepted('a number written as a string ("2") is stored as the number 2', thing({ size: '2' }), expectAttr('size', 2)),
    accepted(
      'a number from a string variable is stored as a number',
      thing({ size: '${var.n}' }, { variable: { n: { type: 'string', default: '3' } } }),
      expectAttr('size', 3),
    ),
    accepted('a number given to a string attribute becomes a string', thing({ ref: 7 }), expectAttr('ref', '7')),
    accepted('a bool given to a string attribute becomes a string', thing({ ref: false }), expectAttr('ref', 'false')),
    accepted(
      'a variable default "5" of type number becomes 5',
      thing({ size: '${var.n}' }, { variable: { n: { type: 'number', default: '5' } } }),
      expectAttr('size', 5),
    ),
    accepted(
      'a variable validation that passes',
      thing(
        { size: '${var.n}' },
        { variable: { n: { type: 'number', default: 4, validation: [{ condition: '${var.n < 10}', error_message: 'too big.' }] } } },
      ),
      expectAttr('size', 4),
    ),
  ];
}

export function configurationCases(): AdversarialCase[] {
  return [
    ...unknownArguments(),
    ...badTypes(),
    ...requiredAndComputed(),
    ...expansion(),
    ...limits(),
    ...variables(),
    ...references(),
    ...outputs(),
    ...expressions(),
    ...documents(),
    ...conversions(),
  ];
}
