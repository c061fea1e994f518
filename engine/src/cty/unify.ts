// go-cty's type unification (convert/unify.go): the one type a set of types can all convert to,
// as terraform needs it for the two results of a conditional, the elements of tolist/toset/tomap
// and of collections. null when there is none. `unsafe` allows conversions that can fail on some
// values (string to number, list to set, map to object), as HCL's conditionals do.
import { canConvert } from './conversion';
import { sortTypes } from './sort-types';
import {
  attributeTypes,
  collection,
  isList,
  isMap,
  isObjectType,
  isSet,
  isTuple,
  objectOf,
  tupleElements,
  tupleOf,
  typeEquals,
  type CollectionKind,
  type CtyType,
  type ObjectType,
  type TupleType,
} from './types';

export function unify(types: readonly CtyType[], unsafe: boolean): CtyType | null {
  if (!types.length) return null;
  if (types.every((t) => typeEquals(t, types[0]))) return types[0];
  const count = { map: 0, list: 0, set: 0, object: 0, tuple: 0, dynamic: 0 };
  for (const t of types) {
    if (isMap(t)) count.map++;
    else if (isList(t)) count.list++;
    else if (isSet(t)) count.set++;
    else if (isObjectType(t)) count.object++;
    else if (isTuple(t)) count.tuple++;
    else if (t === 'dynamic') count.dynamic++;
  }
  const n = types.length;
  if (count.map > 0 && count.map + count.dynamic === n) return unifyCollections('map', types, unsafe, count.dynamic > 0);
  if (count.map > 0 && count.map + count.object + count.dynamic === n) {
    const t = unifyObjectsAsMaps(types, unsafe);
    if (t && isMap(t)) return t;
  } else if (count.list > 0 && count.list + count.dynamic === n) {
    return unifyCollections('list', types, unsafe, count.dynamic > 0);
  } else if (count.list > 0 && count.list + count.tuple + count.dynamic === n) {
    const t = unifyTuplesAsList(types, unsafe);
    if (t && isList(t)) return t;
  } else if (count.set > 0 && count.set + count.dynamic === n) {
    return unifyCollections('set', types, unsafe, count.dynamic > 0);
  } else if (count.object > 0 && count.object + count.dynamic === n) {
    return count.dynamic > 0 ? 'dynamic' : unifyObjects(types as ObjectType[], unsafe);
  } else if (count.tuple > 0 && count.tuple + count.dynamic === n) {
    return count.dynamic > 0 ? 'dynamic' : unifyTuples(types as TupleType[], unsafe);
  } else if (count.object > 0 && count.tuple > 0) {
    return null;
  }
  // the first type in preference order every other one converts to
  for (const want of sortTypes(types).map((i) => types[i])) {
    if (types.every((t) => typeEquals(t, want) || canConvert(t, want, unsafe))) return want;
  }
  return null;
}

/** All of `types` convert to `target`, or null. */
function allConvert(types: readonly CtyType[], target: CtyType, unsafe: boolean): CtyType | null {
  return types.every((t) => typeEquals(t, target) || canConvert(t, target, unsafe)) ? target : null;
}

function unifyCollections(kind: CollectionKind, types: readonly CtyType[], unsafe: boolean, hasDynamic: boolean): CtyType | null {
  // a dynamic part could become anything: the result is dynamic
  if (hasDynamic) return 'dynamic';
  const element = unify(
    types.map((t) => (t as readonly [CollectionKind, CtyType])[1]),
    unsafe,
  );
  if (element === null) return null;
  return allConvert(types, collection(kind, element), unsafe);
}

function unifyTuplesAsList(types: readonly CtyType[], unsafe: boolean): CtyType | null {
  const list = unifyTuplesToList(types.filter(isTuple), unsafe);
  if (!list || !isList(list)) return null;
  const t = unify(
    types.map((x) => (isTuple(x) ? list : x)),
    unsafe,
  );
  return t && isList(t) ? t : null;
}

function unifyObjectsAsMaps(types: readonly CtyType[], unsafe: boolean): CtyType | null {
  const map = unifyObjectsToMap(types.filter(isObjectType), unsafe);
  if (!map || !isMap(map)) return null;
  const t = unify(
    types.map((x) => (isObjectType(x) ? map : x)),
    unsafe,
  );
  return t && isMap(t) ? t : null;
}

function unifyObjects(types: readonly ObjectType[], unsafe: boolean): CtyType | null {
  const first = attributeTypes(types[0]);
  const names = Object.keys(first);
  for (const t of types.slice(1)) {
    const attrs = attributeTypes(t);
    if (Object.keys(attrs).length !== names.length || !names.every((k) => Object.hasOwn(attrs, k))) return unifyObjectsToMap(types, unsafe);
  }
  const result: Record<string, CtyType> = {};
  for (const name of names) {
    const t = unify(
      types.map((x) => attributeTypes(x)[name]),
      unsafe,
    );
    if (t === null) return null;
    result[name] = t;
  }
  return allConvert(types, objectOf(result), unsafe) ?? unifyObjectsToMap(types, unsafe);
}

function unifyObjectsToMap(types: readonly ObjectType[], unsafe: boolean): CtyType | null {
  const element = unify(
    types.flatMap((t) => Object.values(attributeTypes(t))),
    unsafe,
  );
  if (element === null) return null;
  return allConvert(types, collection('map', element), unsafe);
}

function unifyTuples(types: readonly TupleType[], unsafe: boolean): CtyType | null {
  const length = tupleElements(types[0]).length;
  if (types.some((t) => tupleElements(t).length !== length)) return unifyTuplesToList(types, unsafe);
  const result: CtyType[] = [];
  for (let i = 0; i < length; i++) {
    const t = unify(
      types.map((x) => tupleElements(x)[i]),
      unsafe,
    );
    if (t === null) return null;
    result.push(t);
  }
  return allConvert(types, tupleOf(result), unsafe) ?? unifyTuplesToList(types, unsafe);
}

function unifyTuplesToList(types: readonly TupleType[], unsafe: boolean): CtyType | null {
  const element = unify(
    types.flatMap((t) => tupleElements(t)),
    unsafe,
  );
  if (element === null) return null;
  return allConvert(types, collection('list', element), unsafe);
}
