// Converting a value to a type, as go-cty's convert.Convert does (unsafe conversions allowed),
// giving the result its type: numbers and bools to strings, decimal strings to numbers, tuples
// to lists and sets, objects to maps and back, attribute by attribute and element by element.
// A value that does not convert is a ConversionError saying where in it and why, in cty's words.
import { isUnknown, setKey, type Value } from '../values';
import { toSet, type ObjectValue } from '../expr/convert';
import { isNum, numText, parseNumber } from '../expr/exact-numbers';
import { canConvert, structuralElementType } from './conversion';
import { mismatchMessage } from './mismatch';
import { annotate, typeOf } from './type-of';
import { unify } from './unify';
import {
  attributeTypes,
  collection,
  hasDynamic,
  isDynamic,
  isList,
  isMap,
  isObjectType,
  isPrimitive,
  isSet,
  isTuple,
  objectOf,
  optionalAttributes,
  tupleElements,
  tupleOf,
  typeEquals,
  withoutOptional,
  type CollectionKind,
  type CtyType,
  type ObjectType,
  type TupleType,
} from './types';

/** A step into a value being converted: an object's attribute, a map's key or a sequence's index. */
export type ConversionStep = { readonly attr: string } | { readonly key: string } | { readonly index: number };

export class ConversionError extends Error {
  constructor(
    readonly reason: string,
    readonly path: readonly ConversionStep[],
  ) {
    super([...path.map(stepLabel), reason].join(': '));
  }
}

function stepLabel(s: ConversionStep): string {
  if ('attr' in s) return `attribute ${JSON.stringify(s.attr)}`;
  if ('key' in s) return `element ${JSON.stringify(s.key)}`;
  return `element ${s.index}`;
}

/** `v` converted to `want` (unsafe conversions allowed); throws ConversionError. */
export function convert(v: Value, want: CtyType): Value {
  const have = typeOf(v);
  if (typeEquals(have, withoutOptional(want))) return v;
  if (!canConvert(have, want, true)) throw new ConversionError(mismatchMessage(have, want), []);
  return convertValue(v, have, want, []);
}

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

function convertValue(v: Value, have: CtyType, want: CtyType, path: ConversionStep[]): Value {
  if (isDynamic(want) || v === null || isUnknown(v)) return v;
  if (isDynamic(have)) return convertValue(v, typeOf(v), want, path);
  if (typeEquals(have, want)) return v;
  if (isPrimitive(want)) return convertPrimitive(v, want, path);
  if (isObjectType(want))
    return isMap(have) ? mapToObject(v as ObjectValue, have[1], want, path) : objectToObject(v as ObjectValue, want, path);
  if (isTuple(want)) return tupleToTuple(v as Value[], have, want, path);
  const kind = want[0] as CollectionKind;
  if (Array.isArray(v) && (isList(have) || isSet(have)))
    return sequence(
      kind,
      v,
      v.map(() => have[1]),
      want[1],
      have[1],
      path,
    );
  if (Array.isArray(v) && isTuple(have)) {
    const element = structuralElementType(tupleElements(have), want[1], true) ?? want[1];
    return sequence(kind, v, tupleElements(have), element, element, path);
  }
  const o = v as ObjectValue;
  const keys = Object.keys(o).sort();
  if (isMap(have))
    return mapOf(
      o,
      keys,
      keys.map(() => have[1]),
      want[1],
      have[1],
      path,
    );
  const attrs = attributeTypes(have as ObjectType);
  const element = structuralElementType(
    keys.map((k) => attrs[k]),
    want[1],
    true,
  );
  return mapOf(
    o,
    keys,
    keys.map((k) => attrs[k]),
    element ?? want[1],
    element ?? want[1],
    path,
  );
}

function convertPrimitive(v: Value, want: 'string' | 'number' | 'bool', path: ConversionStep[]): Value {
  if (want === 'string') {
    if (isNum(v)) return numText(v);
    if (typeof v === 'boolean') return String(v);
    if (typeof v === 'string') return v;
  }
  if (want === 'number') {
    if (isNum(v)) return v;
    if (typeof v === 'string' && NUMBER.test(v)) {
      const n = parseNumber(v);
      if (n !== undefined) return n;
    }
    throw new ConversionError('a number is required', path);
  }
  if (want === 'bool') {
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0') return false;
    const lower = typeof v === 'string' ? v.toLowerCase() : '';
    if (lower === 'true' || lower === 'false')
      throw new ConversionError(`a bool is required; to convert from string, use lowercase "${lower}"`, path);
    throw new ConversionError('a bool is required', path);
  }
  throw new ConversionError(mismatchMessage(typeOf(v), want), path);
}

/** The type a converted part has: the wanted one, or where that leaves it open, the part's own. */
function partType(converted: Value, want: CtyType): CtyType {
  if (!hasDynamic(want) || converted === null) return withoutOptional(want);
  return typeOf(converted);
}

function objectToObject(o: ObjectValue, want: ObjectType, path: ConversionStep[]): Value {
  const wantAttrs = attributeTypes(want);
  const out: ObjectValue = {};
  const types: Record<string, CtyType> = {};
  for (const name of Object.keys(wantAttrs).sort()) {
    const present = Object.hasOwn(o, name);
    const value = present ? convertValue(o[name], typeOf(o[name]), wantAttrs[name], [...path, { attr: name }]) : null;
    setKey(out, name, value);
    types[name] = partType(value, wantAttrs[name]);
  }
  return annotate(out, objectOf(types));
}

function mapToObject(o: ObjectValue, element: CtyType, want: ObjectType, path: ConversionStep[]): Value {
  const wantAttrs = attributeTypes(want);
  const optional = optionalAttributes(want);
  const out: ObjectValue = {};
  const types: Record<string, CtyType> = {};
  for (const name of Object.keys(wantAttrs).sort()) {
    if (!Object.hasOwn(o, name) && !optional.has(name))
      throw new ConversionError(`map has no element for required attribute "${name}"`, path);
    if (Object.hasOwn(o, name) && !canConvert(element, wantAttrs[name], true)) {
      const why = mismatchMessage(element, wantAttrs[name]);
      throw new ConversionError(`map element type is incompatible with attribute "${name}": ${why}`, path);
    }
    const value = Object.hasOwn(o, name) ? convertValue(o[name], element, wantAttrs[name], [...path, { attr: name }]) : null;
    setKey(out, name, value);
    types[name] = partType(value, wantAttrs[name]);
  }
  return annotate(out, objectOf(types));
}

function tupleToTuple(v: Value[], have: CtyType, want: TupleType, path: ConversionStep[]): Value {
  const from = isTuple(have) ? tupleElements(have) : v.map(typeOf);
  const to = tupleElements(want);
  const out = v.map((x, i) => convertValue(x, from[i], to[i], [...path, { index: i }]));
  return annotate(out, tupleOf(out.map((x, i) => partType(x, to[i]))));
}

/** A list or set from a sequence's elements, converted to `element` (`fallback` when empty and open). */
function sequence(
  kind: CollectionKind,
  v: Value[],
  from: readonly CtyType[],
  element: CtyType,
  fallback: CtyType,
  path: ConversionStep[],
): Value {
  if (kind === 'map') throw new ConversionError(mismatchMessage(tupleOf([...from]), collection('map', element)), path);
  let out = v.map((x, i) => convertValue(x, from[i], element, [...path, { index: i }]));
  let result = isDynamic(element) ? fallback : withoutOptional(element);
  if (hasDynamic(element) && out.length) [out, result] = unifyElements(out, path);
  if (kind === 'set') out = toSet(out);
  return annotate(out, collection(kind, result));
}

function mapOf(
  o: ObjectValue,
  keys: string[],
  from: readonly CtyType[],
  element: CtyType,
  fallback: CtyType,
  path: ConversionStep[],
): Value {
  const values = keys.map((k, i) => convertValue(o[k], from[i], element, [...path, { key: k }]));
  let result = isDynamic(element) ? fallback : withoutOptional(element);
  let unified = values;
  if (hasDynamic(element) && values.length) [unified, result] = unifyElements(values, path);
  const out: ObjectValue = {};
  keys.forEach((k, i) => setKey(out, k, unified[i]));
  return annotate(out, collection('map', result));
}

/** Elements converted to an open element type still have to end up of one type (cty's CanListVal). */
function unifyElements(values: Value[], path: ConversionStep[]): [Value[], CtyType] {
  const types = values.map(typeOf);
  const t = unify(types, true);
  if (t === null) throw new ConversionError('cannot find a common base type for all elements', path);
  return [values.map((x, i) => (typeEquals(types[i], t) ? x : convertValue(x, types[i], t, [...path, { index: i }]))), t];
}
