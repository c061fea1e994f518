// Terraform's type system on the engine's values (engine/src/cty, after go-cty): the type of a
// value, unification, conversion with cty's messages, and what they change for users: conditional
// results, ==, tolist/toset/tomap, variables with optional() defaults, and terraform_data plans
// that see a change of type or of sensitivity alone. Parity with terraform itself is checked by the
// parity corpus (engine/test/parity); these pin the rules so a regression names the rule it broke.
import { canConvert, ConversionError, convert, typeOf, unify, type CtyType } from '../src/cty';
import { convertToType, parseTypeConstraint } from '../src/config/type-constraint';
import { evaluate, type Scope } from '../src/expr/evaluate';
import { ExprError, parseTemplate } from '../src/expr/parse';
import { TerraformDataProvider } from '../src/builtin/terraform-data';
import { isUnknown, type Value } from '../src/values';

const SCOPE: Scope = { resource: () => undefined, variable: () => undefined, local: () => undefined };

function run(expr: string): Value {
  return evaluate(parseTemplate(`\${${expr}}`), SCOPE);
}

function typed(expr: string): { value: Value; type: CtyType } {
  const value = run(expr);
  return { value, type: typeOf(value) };
}

describe('unification (convert/unify.go)', () => {
  it.each<[string, CtyType[], CtyType | null]>([
    ['a number and a string give a string', ['number', 'string'], 'string'],
    ['a number and a bool have nothing in common', ['number', 'bool'], null],
    [
      'tuples of different lengths become a list',
      [
        ['tuple', []],
        ['tuple', ['number']],
      ],
      ['list', 'number'],
    ],
    [
      'objects with different attributes become a map',
      [
        ['object', { a: 'number' }],
        ['object', { b: 'number' }],
      ],
      ['map', 'number'],
    ],
    [
      'objects with the same attributes stay an object',
      [
        ['object', { a: 'number' }],
        ['object', { a: 'string' }],
      ],
      ['object', { a: 'string' }],
    ],
    [
      'an object and a tuple never unify',
      [
        ['object', {}],
        ['tuple', []],
      ],
      null,
    ],
    [
      'a list before a set',
      [
        ['list', 'number'],
        ['set', 'string'],
      ],
      ['list', 'number'],
    ],
    [
      'a map and an object unify as a map',
      [
        ['map', 'string'],
        ['object', { a: 'number' }],
      ],
      ['map', 'string'],
    ],
    ['a collection with an unknown type gives dynamic', [['list', 'string'], 'dynamic'], 'dynamic'],
  ])('%s', (_name, types, expected) => {
    expect(unify(types, true)).toEqual(expected);
  });

  it('string to number and list to set are unsafe conversions only', () => {
    expect(canConvert('string', 'number', false)).toBe(false);
    expect(canConvert('string', 'number', true)).toBe(true);
    expect(canConvert(['list', 'string'], ['set', 'string'], false)).toBe(false);
  });
});

describe('conversion (convert.Convert)', () => {
  it('converts a tuple to a list of its unified element type, numbers written in full', () => {
    const v = convert([1, 'a', 0.5], ['list', 'dynamic']);
    expect(v).toEqual(['1', 'a', '0.5']);
    expect(typeOf(v)).toEqual(['list', 'string']);
  });

  it('keeps the element type of an empty typed collection', () => {
    expect(typeOf(convert([], ['set', 'number']))).toEqual(['set', 'number']);
  });

  it('fills missing optional attributes with null and keeps their type', () => {
    const v = convert({ a: 'x' }, ['object', { a: 'string', b: 'number' }, ['b']]);
    expect(v).toEqual({ a: 'x', b: null });
    expect(typeOf(v)).toEqual(['object', { a: 'string', b: 'number' }]);
  });

  it("refuses in cty's words, naming where in the value", () => {
    const fail = (v: Value, t: CtyType) => {
      try {
        convert(v, t);
      } catch (err) {
        if (err instanceof ConversionError) return err.message;
        throw err;
      }
      return 'converted';
    };
    expect(fail([1, 'two'], ['list', 'number'])).toBe('element 1: a number is required');
    expect(fail({ name: 'a' }, ['object', { name: 'string', size: 'number' }])).toBe('attribute "size" is required');
    expect(fail('TRUE', 'bool')).toBe('a bool is required; to convert from string, use lowercase "true"');
    expect(fail({ a: 'x', b: [1] }, ['map', 'dynamic'])).toBe('all map elements must have the same type');
  });
});

describe('conditionals, equality and the to* functions as users see them', () => {
  it('converts the chosen result to the type both results unify to', () => {
    expect(typed('true ? 1 : "a"')).toEqual({ value: '1', type: 'string' });
    expect(typed('true ? [] : [1]')).toEqual({ value: [], type: ['list', 'number'] });
    expect(typed('true ? {a = 1} : {b = 2}').type).toEqual(['map', 'number']);
  });

  it('refuses results with no common type, even when the condition is known', () => {
    expect(() => run('true ? {a = 1} : {a = [1]}')).toThrow(/Inconsistent conditional result types.*attribute "a"/);
    expect(() => run('true ? 1 : true')).toThrow(/Inconsistent conditional result types/);
  });

  it('ignores an error in the result not taken, as HCL drops its diagnostics', () => {
    expect(run('true ? 1 : [1][5]')).toBe(1);
    expect(() => run('false ? 1 : [1][5]')).toThrow(ExprError);
  });

  it('compares types as well as values with ==', () => {
    expect(run('[1] == tolist([1])')).toBe(false);
    expect(run('toset(["a"]) == ["a"]')).toBe(false);
    expect(run('tomap({a = 1}) == tomap({a = 1})')).toBe(true);
    expect(run('1 == "1"')).toBe(false);
  });

  it('converts with tolist, toset and tomap, refusing mixed elements', () => {
    expect(typed('tolist([{a = 1}, {a = "x"}])').type).toEqual(['list', ['object', { a: 'string' }]]);
    expect(typed('toset([1, "a", 1])')).toEqual({ value: ['1', 'a'], type: ['set', 'string'] });
    expect(() => run('tomap({a = "x", b = [1]})')).toThrow(/cannot convert object to map of any single type/);
    expect(() => run('tolist([tolist([1]), toset(["a"])])')).toThrow(/cannot convert tuple to list of any single type/);
  });
});

describe('variables: optional() defaults (typeexpr.Defaults)', () => {
  const convertTo = (type: string, v: Value) => {
    const t = parseTypeConstraint(type);
    if ('problem' in t) throw new Error(t.problem);
    return convertToType(t.type, v);
  };

  it('fills defaults at every level, a null attribute included', () => {
    expect(convertTo('object({a = string, b = optional(number, 5)})', { a: 'x' })).toEqual({ value: { a: 'x', b: 5 } });
    expect(convertTo('map(object({x = optional(bool, true)}))', { k: {} })).toEqual({ value: { k: { x: true } } });
    expect(convertTo('object({a = optional(object({b = optional(string, "d")}), {})})', {})).toEqual({ value: { a: { b: 'd' } } });
    expect(convertTo('object({a = optional(string, "d")})', { a: null })).toEqual({ value: { a: 'd' } });
  });

  it('leaves a null variable null, and refuses a default that does not fit its type', () => {
    expect(convertTo('object({a = optional(number, 1)})', null)).toEqual({ value: null });
    expect(parseTypeConstraint('object({a = optional(number, "x")})')).toEqual({ problem: expect.stringMatching(/a number is required/) });
  });
});

describe('terraform_data: a change of the input type alone is a change', () => {
  const provider = new TerraformDataProvider();
  const plan = (prior: Record<string, Value> | null, priorPrivate: string | undefined, input: Value) =>
    provider.planResourceChange({
      typeName: 'terraform_data',
      priorState: prior,
      proposedNewState: { input, output: null, id: null, triggers_replace: null },
      config: { input, triggers_replace: null },
      priorPrivate,
    });

  it('plans output as unknown when the recorded type differs, and keeps it when it is the same', async () => {
    const first = await plan(null, undefined, [1, 2]);
    const prior = { id: 'i', input: [1, 2], output: [1, 2], triggers_replace: null };
    const asList = await plan(prior, first.plannedPrivate, run('tolist([1, 2])'));
    expect(isUnknown(asList.plannedState!.output)).toBe(true);
    const again = await plan(prior, first.plannedPrivate, [1, 2]);
    expect(again.plannedState!.output).toEqual([1, 2]);
  });
});
