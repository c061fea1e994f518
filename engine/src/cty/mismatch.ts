// Why a type does not convert to another, in go-cty's words (convert/mismatch_msg.go), and why
// a conditional's two results have no common type, in HCL's (describeConditionalTypeMismatch).
import { canConvert } from './conversion';
import {
  attributeTypes,
  friendlyName,
  isCollection,
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
  type CollectionType,
  type ObjectType,
} from './types';

export function mismatchMessage(got: CtyType, want: CtyType): string {
  if (isObjectType(got) && isObjectType(want)) return objectsMismatch(got, want);
  if (isTuple(got) && isList(want) && isDynamic(want[1])) return 'all list elements must have the same type';
  if (isTuple(got) && isSet(want) && isDynamic(want[1])) return 'all set elements must have the same type';
  if (isObjectType(got) && isMap(want) && isDynamic(want[1])) return 'all map elements must have the same type';
  if ((isTuple(got) || isObjectType(got)) && isCollection(want)) return structuralToCollection(got, want);
  if (isCollection(got) && isCollection(want)) return collectionToCollection(got, want);
  if (!likelyConfusing(got, want)) return `${friendlyName(want, true)} required, but have ${friendlyName(got)}`;
  return `${friendlyName(want, true)} required`;
}

function objectsMismatch(got: ObjectType, want: ObjectType): string {
  const have = attributeTypes(got);
  const optional = optionalAttributes(want);
  const missing: string[] = [];
  let unsafeMismatch = '';
  let safeMismatch = '';
  for (const [name, t] of Object.entries(attributeTypes(want)).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!Object.hasOwn(have, name)) {
      if (!optional.has(name)) missing.push(name);
      continue;
    }
    if (typeEquals(have[name], t)) continue;
    const why = `attribute ${JSON.stringify(name)}: ${mismatchMessage(have[name], t)}`;
    if (!unsafeMismatch && !canConvert(have[name], t, true)) unsafeMismatch = why;
    if (!safeMismatch && !canConvert(have[name], t, false)) safeMismatch = why;
  }
  const quoted = missing.map((m) => JSON.stringify(m));
  if (quoted.length === 1) return `attribute ${quoted[0]} is required`;
  if (quoted.length === 2) return `attributes ${quoted[0]} and ${quoted[1]} are required`;
  if (quoted.length > 2) return `attributes ${quoted.slice(0, -1).join(', ')}, and ${quoted[quoted.length - 1]} are required`;
  return unsafeMismatch || safeMismatch || 'incorrect object attributes';
}

function structuralToCollection(got: CtyType, want: CollectionType): string {
  const required = `${friendlyName(want, true)} required`;
  if ((isList(want) || isSet(want)) && !isTuple(got)) return required;
  if (isMap(want) && !isObjectType(got)) return required;
  const element = want[1];
  const parts: [string, CtyType][] = isTuple(got)
    ? tupleElements(got).map((t, i) => [String(i), t])
    : Object.entries(attributeTypes(got as ObjectType)).map(([k, t]) => [JSON.stringify(k), t]);
  for (const [label, t] of parts) {
    if (typeEquals(t, element) || canConvert(t, element, true)) continue;
    return `element ${label}: ${mismatchMessage(t, element)}`;
  }
  return `all elements must be ${friendlyName(element, true)}`;
}

function collectionToCollection(got: CollectionType, want: CollectionType): string {
  const required = `${friendlyName(want, true)} required`;
  if ((isList(want) || isSet(want)) && !(isList(got) || isSet(got))) return required;
  if (isMap(want) && !isMap(got)) return required;
  return `incorrect ${want[0]} element type: ${mismatchMessage(got[1], want[1])}`;
}

function likelyConfusing(got: CtyType, want: CtyType): boolean {
  if (isPrimitive(got) !== isPrimitive(want)) return false;
  if (want === 'string') return false;
  if ((want === 'bool' && got === 'number') || (got === 'bool' && want === 'number')) return false;
  if (isTuple(got) && isObjectType(want)) return false;
  return true;
}

/** HCL's detail for a conditional whose results have no common type. */
export function conditionalMismatch(t: CtyType, f: CtyType): string {
  if (isObjectType(t) && isObjectType(f)) {
    const ta = attributeTypes(t);
    const fa = attributeTypes(f);
    for (const name of Object.keys(ta).sort()) {
      if (!Object.hasOwn(fa, name)) return `The 'true' value includes object attribute "${name}", which is absent in the 'false' value`;
      if (!typeEquals(ta[name], fa[name]))
        return `Type mismatch for object attribute "${name}": ${conditionalMismatch(ta[name], fa[name])}`;
    }
    for (const name of Object.keys(fa).sort()) {
      if (!Object.hasOwn(ta, name)) return `The 'false' value includes object attribute "${name}", which is absent in the 'true' value`;
    }
  } else if (isTuple(t) && isTuple(f)) {
    const te = tupleElements(t);
    const fe = tupleElements(f);
    if (te.length !== fe.length) return `The 'true' tuple has length ${te.length}, but the 'false' tuple has length ${fe.length}`;
    for (let i = 0; i < te.length; i++) {
      if (!typeEquals(te[i], fe[i])) return `Type mismatch for tuple element ${i}: ${conditionalMismatch(te[i], fe[i])}`;
    }
  } else if (isCollection(t) && isCollection(f) && t[0] === f[0]) {
    const [te, fe] = [t[1], f[1]];
    if ((isObjectType(te) && isObjectType(fe)) || (isTuple(te) && isTuple(fe))) {
      return `Mismatched ${t[0]} element types: ${conditionalMismatch(te, fe)}`;
    }
  }
  const [tn, fn] = [friendlyName(t), friendlyName(f)];
  if (tn === fn) return "At least one deeply-nested attribute or element is not compatible across both the 'true' and the 'false' value";
  return `The 'true' value is ${tn}, but the 'false' value is ${fn}`;
}
