// cty's types as terraform's JSON writes them ("string", ["list", "number"], ["object", {...}]),
// with the questions go-cty's Type answers: its kind, its parts, equality and friendly names.
import type { CtyType } from '../provider/cty-type';

export type { CtyType } from '../provider/cty-type';

export const DYNAMIC: CtyType = 'dynamic';

export type CollectionKind = 'list' | 'set' | 'map';
export type CollectionType = readonly [CollectionKind, CtyType];
export type ObjectType =
  readonly ['object', { readonly [name: string]: CtyType }] | readonly ['object', { readonly [name: string]: CtyType }, readonly string[]];
export type TupleType = readonly ['tuple', readonly CtyType[]];

export const isPrimitive = (t: CtyType): t is 'string' | 'number' | 'bool' => typeof t === 'string' && t !== 'dynamic';
export const isDynamic = (t: CtyType): t is 'dynamic' => t === 'dynamic';
export const isList = (t: CtyType): t is readonly ['list', CtyType] => typeof t !== 'string' && t[0] === 'list';
export const isSet = (t: CtyType): t is readonly ['set', CtyType] => typeof t !== 'string' && t[0] === 'set';
export const isMap = (t: CtyType): t is readonly ['map', CtyType] => typeof t !== 'string' && t[0] === 'map';
export const isCollection = (t: CtyType): t is CollectionType => isList(t) || isSet(t) || isMap(t);
export const isObjectType = (t: CtyType): t is ObjectType => typeof t !== 'string' && t[0] === 'object';
export const isTuple = (t: CtyType): t is TupleType => typeof t !== 'string' && t[0] === 'tuple';

export const collection = (kind: CollectionKind, element: CtyType): CtyType => [kind, element];
export const objectOf = (attributes: Record<string, CtyType>): CtyType => ['object', attributes];
export const tupleOf = (elements: CtyType[]): CtyType => ['tuple', elements];

export function elementType(t: CollectionType): CtyType {
  return t[1];
}

export function attributeTypes(t: ObjectType): { readonly [name: string]: CtyType } {
  return t[1];
}

/** The attributes an object type constraint marks optional (optional(...) in a variable's type). */
export function optionalAttributes(t: ObjectType): ReadonlySet<string> {
  return new Set(t.length === 3 ? t[2] : []);
}

export function tupleElements(t: TupleType): readonly CtyType[] {
  return t[1];
}

/** cty's Type.Equals: the same structure all the way down (optional markers included). */
export function typeEquals(a: CtyType, b: CtyType): boolean {
  if (a === b) return true;
  if (typeof a === 'string' || typeof b === 'string') return false;
  if (a[0] !== b[0]) return false;
  if (isTuple(a) && isTuple(b)) {
    const x = tupleElements(a);
    const y = tupleElements(b);
    return x.length === y.length && x.every((t, i) => typeEquals(t, y[i]));
  }
  if (isObjectType(a) && isObjectType(b)) {
    const x = attributeTypes(a);
    const y = attributeTypes(b);
    const names = Object.keys(x);
    if (names.length !== Object.keys(y).length) return false;
    if (!names.every((n) => Object.hasOwn(y, n) && typeEquals(x[n], y[n]))) return false;
    const ox = optionalAttributes(a);
    const oy = optionalAttributes(b);
    return ox.size === oy.size && [...ox].every((n) => oy.has(n));
  }
  return typeEquals((a as CollectionType)[1], (b as CollectionType)[1]);
}

/** Whether `t` has dynamic anywhere in it. */
export function hasDynamic(t: CtyType): boolean {
  if (typeof t === 'string') return t === 'dynamic';
  if (isTuple(t)) return tupleElements(t).some(hasDynamic);
  if (isObjectType(t)) return Object.values(attributeTypes(t)).some(hasDynamic);
  return hasDynamic(t[1]);
}

/** The type without the optional markers of object type constraints (cty's WithoutOptionalAttributesDeep). */
export function withoutOptional(t: CtyType): CtyType {
  if (typeof t === 'string') return t;
  if (isTuple(t)) return tupleOf(tupleElements(t).map(withoutOptional));
  if (isObjectType(t)) return objectOf(Object.fromEntries(Object.entries(attributeTypes(t)).map(([k, a]) => [k, withoutOptional(a)])));
  return collection(t[0] as CollectionKind, withoutOptional(t[1]));
}

/**
 * cty's FriendlyName ("list of string", "object", "tuple"); for a constraint, dynamic reads
 * "any type" and a collection of dynamic "list of any single type".
 */
export function friendlyName(t: CtyType, forConstraint = false): string {
  if (typeof t === 'string') return t === 'dynamic' ? (forConstraint ? 'any type' : 'dynamic') : t;
  if (isTuple(t)) return 'tuple';
  if (isObjectType(t)) return 'object';
  const element = t[1] === 'dynamic' && forConstraint ? 'any single type' : friendlyName(t[1], forConstraint);
  return `${t[0]} of ${element}`;
}
