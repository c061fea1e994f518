// Collection functions on lists, maps and sets (sets are sorted lists of unique elements):
// alltrue anytrue chunklist coalesce coalescelist compact concat contains distinct element
// flatten index keys length list lookup map matchkeys merge one range reverse setintersection
// setproduct setsubtract setunion slice sort sum transpose values zipmap.
import { isUnknown, Unknown, type Value } from '../../values';
import { isListValue, isMapValue, isSetValue, markList, markMap, markSet, type ObjectValue } from '../convert';
import { asList, asMap, elementTypeOf, unifiedType } from './typed';
import {
  containsUnknown,
  deepEqual,
  graphemes,
  isObject,
  sortedObject,
  toBool,
  toInt,
  toList,
  toNum,
  toObject,
  toSet,
  toStr,
  typeName,
  unify,
  ValueError,
} from '../convert';
import { fixed, fn, type FnDef } from './types';
import { MAX_LIST_LENGTH } from '../limits';
import { arith } from '../exact-numbers';
import { toExactNum } from '../convert';
import { typeOf, unifyTypes } from '../value-type';

const list = (f: (l: Value[]) => Value, unknown?: FnDef['unknown']) => fixed(1, ([l]) => f(toList(l, 'the list')), unknown);
const lists = (args: Value[]) => args.map((a, i) => toList(a, `argument ${i + 1}`));

/** A list or tuple; sets have no order to index or slice or join in, as terraform says. */
function toSequence(v: Value, what: string): Value[] {
  if (isSetValue(v)) throw new ValueError(`${what} must be a list or tuple, not a set; convert it with tolist() first`);
  return toList(v, what);
}
const has = (l: Value[], v: Value) => l.some((x) => deepEqual(x, v));

export const collectionFunctions: Record<string, FnDef> = {
  alltrue: list((l) => l.every((x) => x !== null && toBool(x, 'an element'))),
  anytrue: list((l) => l.some((x) => x !== null && toBool(x, 'an element'))),
  chunklist: fixed(2, ([l, size]) => {
    const items = unify(toList(l, 'the list'));
    const n = toInt(size, 'the chunk size');
    if (n < 0) throw new ValueError('the chunk size must not be negative');
    if (n === 0) return [items];
    return Array.from({ length: Math.ceil(items.length / n) }, (_, i) => items.slice(i * n, i * n + n));
  }),
  // the first argument that is neither null nor "" decides, even if later ones are unknown
  coalesce: fn(
    1,
    Infinity,
    (args) => {
      const i = args.findIndex((a) => isUnknown(a) || (a !== null && a !== ''));
      if (i < 0) throw new ValueError('no non-null, non-empty-string arguments');
      return coalesced(args, i);
    },
    'raw',
  ),
  coalescelist: fn(
    1,
    Infinity,
    (args) => {
      for (const a of args) {
        if (isUnknown(a)) return Unknown;
        if (a === null) throw new ValueError('coalescelist arguments must be lists or tuples');
        if (toSequence(a, 'each argument').length) return a;
      }
      throw new ValueError('no non-empty list arguments');
    },
    'raw',
  ),
  compact: list((l) => l.filter((x) => x !== null && toStr(x, 'an element') !== '').map((x) => toStr(x))),
  // lists give a list of their unified element type; any tuple makes the result a tuple
  concat: fn(
    1,
    Infinity,
    (args) => {
      const items = args.map((a, i) => toSequence(a, `argument ${i + 1}`)).flat();
      if (!args.every(isListValue)) return items;
      return asList(items, unifyTypes(args.map((a) => elementTypeOf(a as Value[]))));
    },
    'shallow',
  ),
  contains: fixed(2, ([l, v]) => has(toList(l, 'the list'), v)),
  distinct: list((given) => {
    const l = unify(given);
    return asList(
      l.filter((x, i) => l.findIndex((y) => deepEqual(x, y)) === i),
      elementTypeOf(given),
    );
  }),
  element: fixed(
    2,
    ([l, i]) => {
      const items = toSequence(l, 'the list');
      const n = toInt(i, 'the index');
      if (!items.length) throw new ValueError('cannot use element function with an empty list');
      if (n < 0) throw new ValueError('cannot use element function with a negative index');
      return items[n % items.length];
    },
    'shallow',
  ),
  flatten: list(function flat(l: Value[]): Value[] {
    return l.flatMap((x) => (Array.isArray(x) ? flat(x) : [x]));
  }),
  index: fixed(2, ([l, v]) => {
    const i = toSequence(l, 'the list').findIndex((x) => deepEqual(x, v));
    if (i < 0) throw new ValueError('item not found');
    return i;
  }),
  // a map's keys and values are lists; an object's are tuples
  keys: fixed(
    1,
    ([m]) => {
      const keys = Object.keys(toObject(m, 'the map')).sort();
      return isMapValue(m) ? markList(keys, 'string') : keys;
    },
    'shallow',
  ),
  values: fixed(
    1,
    ([m]) => {
      const o = toObject(m, 'the map');
      const values = Object.keys(o)
        .sort()
        .map((k) => o[k]);
      return isMapValue(m) ? markList(values, (typeOf(m) as [string, unknown])[1]) : values;
    },
    'shallow',
  ),
  length: fixed(
    1,
    ([v]) => {
      if (typeof v === 'string') return graphemes(v).length;
      if (Array.isArray(v)) return v.length;
      if (isObject(v)) return Object.keys(v).length;
      throw new ValueError(`the argument must be a string, list or map, got ${typeName(v)}`);
    },
    'shallow',
  ),
  // the pre-0.12 constructors: list(a, b) and map(k1, v1, k2, v2)
  list: fn(0, Infinity, (args) => args),
  map: fn(0, Infinity, (args) => {
    if (args.length % 2) throw new ValueError('map needs an even number of arguments: key, value, ...');
    const out: Record<string, Value> = {};
    for (let i = 0; i < args.length; i += 2) out[toStr(args[i], 'a key')] = args[i + 1];
    return out;
  }),
  lookup: fn(
    2,
    3,
    ([m, k, ...def]) => {
      if (isUnknown(m) || isUnknown(k)) return Unknown;
      const o = toObject(m, 'the map');
      const key = toStr(k, 'the key');
      if (Object.prototype.hasOwnProperty.call(o, key)) return o[key];
      if (def.length) return def[0];
      throw new ValueError(`lookup failed to find key ${JSON.stringify(key)}`);
    },
    'raw',
  ),
  matchkeys: fixed(3, ([vs, ks, search]) => {
    const [values, keys, set] = lists([vs, ks, search]).map(unify);
    if (values.length !== keys.length) throw new ValueError('the values and keys lists must have the same length');
    return asList(
      values.filter((_, i) => has(set, keys[i])),
      elementTypeOf(values),
    );
  }),
  merge: fn(
    0,
    Infinity,
    (args) => Object.assign({}, ...args.filter((a) => a !== null).map((a, i) => toObject(a, `argument ${i + 1}`))),
    'shallow',
  ),
  one: list((l) => {
    if (l.length > 1) throw new ValueError(`must be a list with zero or one elements, got ${l.length}`);
    return l.length ? l[0] : null;
  }, 'shallow'),
  range: fn(1, 3, (args) => {
    const n = args.map((a, i) => toNum(a, `argument ${i + 1}`));
    const [start, limit] = n.length === 1 ? [0, n[0]] : [n[0], n[1]];
    const step = n[2] ?? (start <= limit ? 1 : -1);
    if (step === 0) throw new ValueError('the step must not be zero');
    if (step > 0 && start > limit) throw new ValueError('start must be less than or equal to end when step is positive');
    if (step < 0 && start < limit) throw new ValueError('end must be less than start when step is negative');
    const out: number[] = [];
    for (let x = start; step > 0 ? x < limit : x > limit; x += step) {
      if (out.length >= 1024) throw new ValueError('more than 1024 numbers would be generated');
      out.push(x);
    }
    return out;
  }),
  // a list or set gives a list; a tuple a tuple
  reverse: fixed(
    1,
    ([v]) => {
      const l = toList(v, 'the list');
      const reversed = [...l].reverse();
      return isListValue(l) || isSetValue(l) ? markList(reversed, elementTypeOf(l)) : reversed;
    },
    'shallow',
  ),
  setintersection: fn(1, Infinity, (args) => {
    const { sets, type } = unifiedSets(args);
    const [first, ...rest] = sets;
    return markSet(toSet(first.filter((x) => rest.every((r) => has(r, x)))), type);
  }),
  setsubtract: fixed(2, (args) => {
    const { sets, type } = unifiedSets(args);
    const [a, b] = sets;
    return markSet(toSet(a.filter((x) => !has(b, x))), type);
  }),
  setunion: fn(1, Infinity, (args) => {
    const { sets, type } = unifiedSets(args);
    return markSet(toSet(sets.flat()), type);
  }),
  // lists and tuples give a list of tuples in order; any set makes it a set
  setproduct: fn(2, Infinity, (args) => {
    const given = lists(args);
    const sets = given.map((l) => unify(l));
    const size = sets.reduce((n, l) => n * l.length, 1);
    if (size > MAX_LIST_LENGTH) throw new ValueError(`the product has ${size} elements, over the limit of ${MAX_LIST_LENGTH}`);
    const product = sets.reduce<Value[][]>((acc, l) => acc.flatMap((prefix) => l.map((x) => [...prefix, x])), [[]]);
    const element = ['tuple', given.map(elementTypeOf)];
    if (given.some(isSetValue)) return markSet(toSet(product), element);
    return markList(product, element);
  }),
  slice: fixed(
    3,
    ([l, s, e]) => {
      const items = toSequence(l, 'the list');
      const start = toInt(s, 'the start index');
      const end = toInt(e, 'the end index');
      if (start < 0 || end > items.length || start > end)
        throw new ValueError(`cannot slice [${start}:${end}] of a list of ${items.length} elements`);
      return items.slice(start, end);
    },
    'shallow',
  ),
  // sorts lexically, as strings
  sort: list((l) => l.map((x) => toStr(x, 'an element')).sort()),
  sum: list((l) => {
    if (!l.length) throw new ValueError('cannot sum an empty list');
    return l.map((x) => toExactNum(x, 'an element')).reduce((acc, x) => arith('+', acc, x));
  }),
  // a map of lists of strings, turned inside out
  transpose: fixed(1, ([m]) => {
    const out = new Map<string, string[]>();
    const o = toObject(m, 'the map');
    for (const k of Object.keys(o).sort()) {
      for (const v of toList(o[k], `the value of ${JSON.stringify(k)}`)) {
        const key = toStr(v, 'an element');
        out.set(key, [...(out.get(key) ?? []), k]);
      }
    }
    const lists = [...out].map(([k, l]): [string, Value] => [k, markList(l, 'string')]);
    return markMap(sortedObject(lists), ['list', 'string']);
  }),
  zipmap: fixed(
    2,
    ([ks, vs]) => {
      const [keys, values] = lists([ks, vs]);
      if (keys.length !== values.length)
        throw new ValueError(`the keys list has ${keys.length} elements but the values list has ${values.length}`);
      if (keys.some(containsUnknown)) return Unknown;
      return Object.fromEntries(keys.map((k, i) => [toStr(k, 'a key'), values[i]]));
    },
    'shallow',
  ),
};

/** A primitive converted to a string where its unified type is string. */
function asPrimitive(v: Value, type: unknown): Value {
  return type === 'string' && v !== null && typeof v !== 'object' ? toStr(v) : v;
}

/** The elements of set arguments converted to one element type, as cty's set functions unify them. */
function unifiedSets(args: Value[]): { sets: Value[][]; type: unknown } {
  const given = lists(args);
  const type = unifiedType(given.flatMap((l) => (l.length ? l : [])));
  const emptyTypes = given.map(elementTypeOf).filter((t) => t !== 'dynamic');
  const element = type !== 'dynamic' ? type : emptyTypes.length ? emptyTypes[0] : 'dynamic';
  const all = unify(given.flat());
  let at = 0;
  return { sets: given.map((l) => all.slice(at, (at += l.length))), type: element };
}

/**
 * coalesce's result: its arguments unify to one type (cty's UnifyUnsafe), and the first
 * argument neither null nor "" is converted to it: lists of one element type, maps of one.
 */
function coalesced(args: Value[], i: number): Value {
  const known = args.filter((a) => a !== null && !isUnknown(a));
  const chosen = args[i];
  // tuples of one length unify element by element, objects of the same attributes attribute by attribute
  if (Array.isArray(chosen) && known.every((a) => Array.isArray(a) && !isListValue(a) && !isSetValue(a) && a.length === chosen.length)) {
    return chosen.map((x, j) => asPrimitive(x, unifiedType(known.map((a) => (a as Value[])[j]))));
  }
  const attrs = isObject(chosen) ? Object.keys(chosen).sort().join('\u0000') : undefined;
  if (isObject(chosen) && known.every((a) => isObject(a) && !isMapValue(a) && Object.keys(a).sort().join('\u0000') === attrs)) {
    return Object.fromEntries(
      Object.keys(chosen).map((k) => [k, asPrimitive(chosen[k], unifiedType(known.map((a) => (a as ObjectValue)[k])))]),
    );
  }
  if (known.length && known.every((a) => Array.isArray(a))) {
    const type = unifiedType(known.flatMap((a) => a as Value[]));
    return asList(args[i] as Value[], type);
  }
  if (known.length && known.every(isObject)) {
    const type = unifiedType(known.flatMap((a) => Object.values(a as Record<string, Value>)));
    return asMap(args[i] as Record<string, Value>, type);
  }
  return unify(args)[i];
}
