// Input variable values as their declared type gives them, so that a value means the same
// whichever way it is written: with `type = number`, a default of "5" is the number 5, as in
// terraform. Only what converts without loss is converted (primitives, and lists, sets and maps
// of them); anything else is left as it is for the checks of variables to judge.
import { isUnknown, type Value } from '../values';
import { numToString, toSet } from '../expr/convert';
import type { VariableConfig } from './types';

type Primitive = 'string' | 'number' | 'bool';
type TypeShape =
  | { kind: 'primitive'; of: Primitive }
  | { kind: 'collection'; of: Primitive; map: boolean; set: boolean }
  | { kind: 'other'; set: boolean };

/** "number", "${list(string)}", "map(bool)" into what a value converts to; "other" for anything else. */
function shapeOf(typeText: string | undefined): TypeShape {
  const t = (typeText ?? '').replace(/^\$\{(.*)\}$/s, '$1').replace(/\s+/g, '');
  if (t === 'string' || t === 'number' || t === 'bool') return { kind: 'primitive', of: t };
  const m = /^(list|set|map)\((string|number|bool)\)$/.exec(t);
  if (!m) return { kind: 'other', set: t.startsWith('set(') };
  return { kind: 'collection', of: m[2] as Primitive, map: m[1] === 'map', set: m[1] === 'set' };
}

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** cty's conversion of a primitive, or undefined when it does not convert. */
function primitive(v: Value, to: Primitive): Value | undefined {
  if (v === null || isUnknown(v)) return v;
  switch (to) {
    case 'string':
      if (typeof v === 'number') return Number.isFinite(v) ? numToString(v) : undefined;
      return typeof v === 'string' ? v : typeof v === 'boolean' ? String(v) : undefined;
    case 'number':
      return typeof v === 'number' ? v : typeof v === 'string' && NUMBER.test(v) ? Number(v) : undefined;
    case 'bool':
      return typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : undefined;
  }
}

/** `value` converted to the variable's declared type when that can be done without loss, else `value` itself. */
export function toDeclaredType(variable: VariableConfig, value: Value): Value {
  const shape = shapeOf(variable.type);
  if (shape.kind === 'primitive') return primitive(value, shape.of) ?? value;
  if (value === null || typeof value !== 'object' || isUnknown(value)) return value;
  // a set variable is a set: unique elements, in order, usable as for_each
  if (shape.kind === 'other') return shape.set && Array.isArray(value) ? toSet(value) : value;
  if (Array.isArray(value) === shape.map) return value;
  const entries = Object.entries(value as Record<string, Value>).map(([k, v]) => [k, primitive(v, shape.of)] as const);
  if (entries.some(([, v]) => v === undefined)) return shape.set && Array.isArray(value) ? toSet(value) : value;
  const converted = entries as (readonly [string, Value])[];
  if (!Array.isArray(value)) return Object.fromEntries(converted);
  const list = converted.map(([, v]) => v);
  return shape.set ? toSet(list) : list;
}

/** Every value converted to its variable's declared type (see toDeclaredType). */
export function valuesOfDeclaredTypes(
  variables: ReadonlyMap<string, VariableConfig>, values: ReadonlyMap<string, Value>,
): Map<string, Value> {
  return new Map([...values].map(([name, v]) => [name, variables.has(name) ? toDeclaredType(variables.get(name)!, v) : v]));
}
