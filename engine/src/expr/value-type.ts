// Types for the function library's result types: a value's type is the cty module's (one side
// table of types for outputs and functions alike), and unifyTypes is how a collection's element
// types combine when a function builds one.
import type { Value } from '../values';
import { typeOf as ctyTypeOf } from '../cty/type-of';

/** The cty module's type of a value: one side table of types for outputs and functions alike. */
export function typeOf(v: unknown): unknown {
  return ctyTypeOf(v as Value);
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
