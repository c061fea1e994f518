// Whether a value of one type converts to another, by go-cty's rules (convert/conversion*.go):
// safe conversions never fail (number or bool to string, tuple to list, object to map); unsafe
// ones may fail on some values (string to number or bool, list to set, map to object) and are
// what terraform uses for arguments, variables and conditionals.
import { unify } from './unify';
import {
  attributeTypes,
  isDynamic,
  isList,
  isMap,
  isObjectType,
  isPrimitive,
  isSet,
  isTuple,
  optionalAttributes,
  tupleElements,
  typeEquals,
  type CtyType,
} from './types';

const SAFE_PRIMITIVE: ReadonlySet<string> = new Set(['number>string', 'bool>string']);
const UNSAFE_PRIMITIVE: ReadonlySet<string> = new Set(['string>number', 'string>bool']);

export function canConvert(from: CtyType, to: CtyType, unsafe: boolean): boolean {
  if (typeEquals(from, to) || isDynamic(to)) return true;
  if (isDynamic(from)) return unsafe;
  if (isPrimitive(from) && isPrimitive(to)) return SAFE_PRIMITIVE.has(`${from}>${to}`) || (unsafe && UNSAFE_PRIMITIVE.has(`${from}>${to}`));
  if (isObjectType(from) && isObjectType(to)) {
    const have = attributeTypes(from);
    const optional = optionalAttributes(to);
    return Object.entries(attributeTypes(to)).every(([name, t]) =>
      Object.hasOwn(have, name) ? canConvert(have[name], t, unsafe) : optional.has(name),
    );
  }
  if (isTuple(from) && isTuple(to)) {
    const have = tupleElements(from);
    const want = tupleElements(to);
    return have.length === want.length && want.every((t, i) => canConvert(have[i], t, unsafe));
  }
  if ((isList(to) || isSet(to)) && (isList(from) || isSet(from))) {
    if (isSet(to) && isList(from) && !unsafe) return false;
    return canConvert(from[1], to[1], unsafe);
  }
  if (isMap(to) && isMap(from)) return canConvert(from[1], to[1], unsafe);
  if ((isList(to) || isSet(to)) && isTuple(from)) return structuralElementType(tupleElements(from), to[1], unsafe) !== null;
  if (isMap(to) && isObjectType(from)) return structuralElementType(Object.values(attributeTypes(from)), to[1], unsafe) !== null;
  if (isObjectType(to) && isMap(from)) {
    if (!unsafe) return false;
    const optional = optionalAttributes(to);
    return Object.entries(attributeTypes(to)).every(([name, t]) => canConvert(from[1], t, unsafe) || optional.has(name));
  }
  return false;
}

/**
 * The element type a tuple's elements (or an object's attributes) take in a collection whose
 * element type is `want`: `want` itself, or with `want` dynamic their unification; null when
 * they do not all convert to it.
 */
export function structuralElementType(parts: readonly CtyType[], want: CtyType, unsafe: boolean): CtyType | null {
  if (!parts.length) return want;
  let element = want;
  if (isDynamic(want)) {
    const unified = unify(parts, unsafe);
    if (unified === null) return null;
    if (isDynamic(unified) && !parts.every(isDynamic)) return null;
    element = unified;
  }
  return parts.every((t) => canConvert(t, element, unsafe)) ? element : null;
}
