// The == operator as cty's Value.Equals decides it: nulls are equal to each other only, and
// values of different types are never equal (`[1] == tolist([1])` and `toset(["a"]) == ["a"]`
// are false), else the values are compared. A dynamic part of an inferred type (a null whose
// type gridform did not keep) matches any type.
import { attributeTypes, isObjectType, isTuple, tupleElements, typeOf, type CtyType } from '../cty';
import type { Value } from '../values';
import { deepEqual } from './convert';

export function valuesEqual(a: Value, b: Value): boolean {
  if (a === null || b === null) return a === b;
  if (!deepEqual(a, b)) return false;
  return typesMatch(typeOf(a), typeOf(b));
}

function typesMatch(a: CtyType, b: CtyType): boolean {
  if (a === 'dynamic' || b === 'dynamic') return true;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (a[0] !== b[0]) return false;
  if (isTuple(a) && isTuple(b)) {
    const x = tupleElements(a);
    const y = tupleElements(b);
    return x.length === y.length && x.every((t, i) => typesMatch(t, y[i]));
  }
  if (isObjectType(a) && isObjectType(b)) {
    const x = attributeTypes(a);
    const y = attributeTypes(b);
    const names = Object.keys(x);
    return names.length === Object.keys(y).length && names.every((n) => Object.hasOwn(y, n) && typesMatch(x[n], y[n]));
  }
  return typesMatch((a as readonly [string, CtyType])[1], (b as readonly [string, CtyType])[1]);
}
