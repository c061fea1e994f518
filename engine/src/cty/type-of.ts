// The cty type of an engine value. Values stay plain JavaScript data for speed; a list, set, map,
// or an object or tuple holding typed nulls, carries its type in a side table once a conversion
// gave it one, and anything else has the type its shape says: arrays are tuples, objects are
// objects, as HCL's [...] and {...} make them.
import { isCtyNumber } from '../cty-number';
import { isUnknown, type Value } from '../values';
import { emptyListElement, emptyMapElement, isListValue, isMapValue, isSetValue, markList, markMap, markSet } from '../expr/convert';
import { collection, isList, isMap, isSet, objectOf, tupleOf, typeEquals, type CtyType } from './types';
import { unify } from './unify';

const TYPES = new WeakMap<object, CtyType>();

/** Records that `v` (a list, set, map, object or tuple value) is of type `t`, and returns it. */
export function annotate<V extends Value>(v: V, t: CtyType): V {
  if (v === null || typeof v !== 'object' || isUnknown(v) || isCtyNumber(v)) return v;
  TYPES.set(v, t);
  if (Array.isArray(v)) {
    if (isSet(t)) markSet(v);
    else if (isList(t)) markList(v, t[1]);
  } else if (isMap(t)) markMap(v as { [key: string]: Value });
  return v;
}

/** The type of a value; null and unknown values are of dynamic type (their type is not kept). */
export function typeOf(v: Value): CtyType {
  if (v === null || isUnknown(v)) return 'dynamic';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number' || isCtyNumber(v)) return 'number';
  if (typeof v === 'boolean') return 'bool';
  const known = TYPES.get(v);
  if (known) return known;
  if (Array.isArray(v)) {
    if (isSetValue(v)) return collection('set', elementTypeOf(v, emptyListElement(v) as CtyType));
    if (isListValue(v)) return collection('list', elementTypeOf(v, emptyListElement(v) as CtyType));
    return tupleOf(v.map(typeOf));
  }
  const values = Object.values(v);
  if (isMapValue(v)) return collection('map', elementTypeOf(values, emptyMapElement(v) as CtyType));
  const attributes: Record<string, CtyType> = {};
  for (const k of Object.keys(v)) attributes[k] = typeOf(v[k]);
  return objectOf(attributes);
}

/** The one type of a collection's elements (null elements take the others' type). */
function elementTypeOf(elements: Value[], empty: CtyType): CtyType {
  if (!elements.length) return empty;
  const types = elements.map(typeOf);
  if (types.every((t) => typeEquals(t, types[0]))) return types[0];
  return unify(types, true) ?? 'dynamic';
}
