// Value helpers shared by the evaluator and the function library: HCL's implicit conversions
// (string <-> number <-> bool), deep equality, number formatting, and sets as sorted-unique lists.
import { isCtyNumber, toFloat64 } from '../cty-number';
import { isUnknown, type Value } from '../values';
import { compareNum, isNum, numText, parseNumber, type Num } from './exact-numbers';

export type ObjectValue = { [key: string]: Value };

/** Thrown by conversions and functions; the evaluator adds the expression text. */
export class ValueError extends Error {}

export function isObject(v: Value | undefined): v is ObjectValue {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !isUnknown(v) && !isCtyNumber(v);
}

export function typeName(v: Value): string {
  if (v === null) return 'null';
  if (isUnknown(v)) return 'unknown';
  if (Array.isArray(v)) return 'list';
  if (isCtyNumber(v)) return 'number';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

export function containsUnknown(v: Value): boolean {
  if (isUnknown(v)) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (isObject(v)) return Object.values(v).some(containsUnknown);
  return false;
}

/** Numbers print in full, never in exponent form, with every digit cty keeps. */
export function numToString(n: Num): string {
  if (typeof n === 'number' && !Number.isFinite(n)) throw new ValueError(`${n} is not a valid number`);
  return numText(n);
}

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function toStr(v: Value, what = 'value'): string {
  if (typeof v === 'string') return v;
  if (isNum(v)) return numToString(v);
  if (typeof v === 'boolean') return String(v);
  if (v === null) throw new ValueError(`${what} must not be null`);
  throw new ValueError(`${what} must be a string, got ${typeName(v)}`);
}

/** A number with every digit (strings converted as cty converts them). */
export function toExactNum(v: Value, what = 'value'): Num {
  if (isNum(v)) return v;
  if (typeof v === 'string' && NUMBER.test(v.trim())) {
    const n = parseNumber(v.trim());
    if (n !== undefined) return n;
  }
  return toNum(v, what);
}

export function toNum(v: Value, what = 'value'): number {
  if (typeof v === 'number') return v;
  if (isCtyNumber(v)) return toFloat64(v);
  if (typeof v === 'string' && NUMBER.test(v.trim())) return Number(v.trim());
  if (v === null) throw new ValueError(`${what} must not be null`);
  throw new ValueError(`${what} must be a number, got ${typeof v === 'string' ? JSON.stringify(v) : typeName(v)}`);
}

export function toInt(v: Value, what = 'value'): number {
  const n = toNum(v, what);
  if (!Number.isInteger(n)) throw new ValueError(`${what} must be a whole number, got ${numToString(n)}`);
  return n;
}

export function toBool(v: Value, what = 'value'): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  if (v === null) throw new ValueError(`${what} must not be null`);
  throw new ValueError(`${what} must be a bool, got ${typeof v === 'string' ? JSON.stringify(v) : typeName(v)}`);
}

export function toList(v: Value, what = 'value'): Value[] {
  if (Array.isArray(v)) return v;
  if (v === null) throw new ValueError(`${what} must not be null`);
  throw new ValueError(`${what} must be a list, got ${typeName(v)}`);
}

export function toObject(v: Value, what = 'value'): ObjectValue {
  if (isObject(v)) return v;
  if (v === null) throw new ValueError(`${what} must not be null`);
  throw new ValueError(`${what} must be a map or object, got ${typeName(v)}`);
}

export function deepEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (isNum(a) && isNum(b)) return compareNum(a, b) === 0;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Mixed primitives unify to strings, as cty does when it builds a list, set or map. */
export function unify(values: Value[]): Value[] {
  const kinds = new Set(values.filter((v) => v !== null && !isUnknown(v)).map(typeName));
  if (kinds.size > 1 && [...kinds].every((k) => k === 'string' || k === 'number' || k === 'bool')) {
    return values.map((v) => (v === null || isUnknown(v) ? v : toStr(v)));
  }
  return values;
}

/** The lists that are sets (made by toset and the set functions, or typed set by a schema or a variable). */
const SETS = new WeakSet<Value[]>();

/**
 * The arrays that are lists (what functions typed to return a list give), with the element type
 * an empty one has; arrays neither sets nor lists are tuples. Used for the types of outputs.
 */
const LISTS = new WeakMap<Value[], unknown>();

/** Marks `list` as a list (of `emptyElement` when it has no element), and returns it. */
export function markList(list: Value[], emptyElement: unknown = 'dynamic'): Value[] {
  LISTS.set(list, emptyElement);
  return list;
}

export function isListValue(v: Value | undefined): boolean {
  return Array.isArray(v) && LISTS.has(v);
}

/** The element type an empty set or map was made with (lists keep theirs in LISTS). */
const EMPTY_ELEMENTS = new WeakMap<object, unknown>();

/** The element type an empty list or set was made with. */
export function emptyListElement(v: Value[]): unknown {
  return LISTS.get(v) ?? EMPTY_ELEMENTS.get(v) ?? 'dynamic';
}

/** The objects that are maps (made by tomap); other objects are of object type. */
const MAPS = new WeakSet<ObjectValue>();

/** Marks `map` as a map (of `emptyElement` when it has no element), and returns it. */
export function markMap(map: ObjectValue, emptyElement: unknown = 'dynamic'): ObjectValue {
  MAPS.add(map);
  EMPTY_ELEMENTS.set(map, emptyElement);
  return map;
}

/** The element type an empty map was made with. */
export function emptyMapElement(v: ObjectValue): unknown {
  return EMPTY_ELEMENTS.get(v) ?? 'dynamic';
}

export function isMapValue(v: Value | undefined): boolean {
  return isObject(v) && MAPS.has(v);
}

/** Marks `list` as a set (of `emptyElement` when it has no element), and returns it. */
export function markSet(list: Value[], emptyElement: unknown = 'dynamic'): Value[] {
  SETS.add(list);
  EMPTY_ELEMENTS.set(list, emptyElement);
  return list;
}

/** Whether a list is a set: for_each takes sets of strings, never lists or tuples. */
export function isSetValue(v: Value | undefined): boolean {
  return Array.isArray(v) && SETS.has(v);
}

/** A set: unique elements, strings and numbers in their natural order, others by their JSON text. */
export function toSet(values: Value[]): Value[] {
  const out: Value[] = [];
  for (const v of unify(values)) if (!out.some((o) => deepEqual(o, v))) out.push(v);
  return markSet(out.sort(compareValues));
}

function compareValues(a: Value, b: Value): number {
  if (isNum(a) && isNum(b)) return compareNum(a, b);
  const sa = typeof a === 'string' ? a : JSON.stringify(a);
  const sb = typeof b === 'string' ? b : JSON.stringify(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** An object with its keys in lexical order (cty's iteration order). */
export function sortedObject(entries: Iterable<[string, Value]>): ObjectValue {
  const out: ObjectValue = {};
  for (const [k, v] of [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) out[k] = v;
  return out;
}

/** Characters as users see them (grapheme clusters), as Terraform counts them. */
export function graphemes(s: string): string[] {
  return Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s), (g) => g.segment);
}
