// Result types of collection functions as cty gives them: a tuple argument converted to a list
// unifies its elements (mixed primitives become strings), and a function typed to return a list,
// set or map marks its result so, with the element type an empty result has.
import type { Value } from '../../values';
import { isListValue, isSetValue, markList, markMap, toStr, unify, type ObjectValue } from '../convert';
import { typeOf, unifyTypes } from '../value-type';

/** The one type values unify to; dynamic for none. */
export function unifiedType(values: readonly Value[]): unknown {
  return values.length ? unifyTypes(values.map((v) => (v === null ? 'dynamic' : typeOf(v)))) : 'dynamic';
}

/** The element type of a list, set or tuple argument, as cty converts it to a list. */
export function elementTypeOf(v: Value[]): unknown {
  const t = typeOf(v) as [string, unknown];
  if (isListValue(v) || isSetValue(v)) return t[1];
  return unifiedType(v);
}

/** The elements converted to `type` where cty's conversion is of a primitive to a string. */
function convertTo(values: readonly Value[], type: unknown): Value[] {
  if (type !== 'string') return unify([...values]);
  return values.map((v) => (v === null || typeof v === 'object' ? v : toStr(v)));
}

/** `values` as a list of their unified element type. */
export function asList(values: readonly Value[], type: unknown = unifiedType(values)): Value[] {
  return markList(convertTo(values, type), type);
}

/** The entries as a map of their unified element type. */
export function asMap(o: ObjectValue, type: unknown = unifiedType(Object.values(o))): ObjectValue {
  const keys = Object.keys(o);
  const values = convertTo(
    keys.map((k) => o[k]),
    type,
  );
  return markMap(Object.fromEntries(keys.map((k, i) => [k, values[i]])), type);
}
