// The cty type of a value as terraform would give it, in cty's type JSON ("string", ["list",
// "number"], ["object", {...}]): arrays are tuples unless made as lists or sets, objects are
// objects unless made as maps; the element type of an empty list, set or map is the one it was
// made with. Outputs carry it in state, and functions use it for their result types.
import { isCtyNumber } from '../cty-number';
import type { Value } from '../values';
import { emptyListElement, emptyMapElement, isListValue, isMapValue, isSetValue, type ObjectValue } from './convert';

export function typeOf(v: unknown): unknown {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number' || isCtyNumber(v)) return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v) && (isSetValue(v) || isListValue(v))) return [isSetValue(v) ? 'set' : 'list', elementType(v)];
  if (Array.isArray(v)) return ['tuple', v.map(typeOf)];
  if (isMapValue(v as Value)) {
    const values = Object.values(v as Record<string, Value>);
    return ['map', values.length ? unifyTypes(values.map(typeOf)) : emptyMapElement(v as ObjectValue)];
  }
  if (v && typeof v === 'object') return ['object', Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeOf(x)]))];
  return 'dynamic';
}

/** The element type of a list or set: its elements' one type, or dynamic when they differ. */
function elementType(v: Value[]): unknown {
  if (!v.length) return emptyListElement(v);
  return unifyTypes(v.map((x) => (x === null ? 'dynamic' : typeOf(x))));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The one type elements of these types convert to, as cty unifies them for a collection: nulls
 * (dynamic) take the others' type, tuples and lists of one element type become lists, objects
 * and maps become maps when their attributes differ, else objects; dynamic when none fits.
 */
export function unifyTypes(types: unknown[]): unknown {
  const known = types.filter((t) => t !== 'dynamic');
  if (!known.length) return 'dynamic';
  if (known.every((t) => same(t, known[0]))) return known[0];
  if (known.every((t) => typeof t === 'string')) return 'string';
  const kind = (t: unknown) => (Array.isArray(t) ? t[0] : t);
  if (known.every((t) => kind(t) === 'tuple' || kind(t) === 'list')) {
    const elements = known.flatMap((t) => ((t as unknown[])[0] === 'tuple' ? ((t as unknown[])[1] as unknown[]) : [(t as unknown[])[1]]));
    return ['list', unifyTypes(elements)];
  }
  if (known.every((t) => kind(t) === 'object' || kind(t) === 'map')) {
    const attrs = known.map((t) => ((t as unknown[])[0] === 'object' ? Object.values((t as [string, object])[1]) : [(t as unknown[])[1]]));
    return ['map', unifyTypes(attrs.flat())];
  }
  return 'dynamic';
}
