// go-cty's preference order among types that could be a unification's result (compare_types.go,
// sort_types.go): string before number and bool, list before tuple and set, map before object,
// anything before dynamic, and a structural type before one whose parts it is preferred to.
import { attributeTypes, isList, isMap, isObjectType, isPrimitive, isSet, isTuple, tupleElements, type CtyType } from './types';

/** < 0 when `a` is preferred, > 0 when `b` is, 0 when neither. */
export function compareTypes(a: CtyType, b: CtyType): number {
  if (a === 'dynamic' || b === 'dynamic') {
    if (a !== 'dynamic') return -1;
    if (b !== 'dynamic') return 1;
    return 0;
  }
  if (isPrimitive(a) && isPrimitive(b)) {
    if (a === 'string' || b === 'string') {
      if (a !== 'string') return 1;
      if (b !== 'string') return -1;
      return 0;
    }
  }
  if ((isList(a) && isList(b)) || (isSet(a) && isSet(b)) || (isMap(a) && isMap(b))) return compareTypes(a[1], b[1]);

  let swap = 1;
  if ((isTuple(a) && isList(b)) || (isObjectType(a) && isMap(b)) || (isSet(a) && isTuple(b)) || (isSet(a) && isList(b))) {
    [a, b] = [b, a];
    swap = -1;
  }
  if (isSet(b) && (isTuple(a) || isList(a))) return -1 * swap;
  if (isList(a) && isTuple(b)) return -1 * swap;
  if (isMap(a) && isObjectType(b)) return -1 * swap;
  if (isObjectType(a) && isObjectType(b)) {
    const x = attributeTypes(a);
    const y = attributeTypes(b);
    if (Object.keys(x).length !== Object.keys(y).length) return 0;
    const parts: [CtyType, CtyType][] = [];
    for (const k of Object.keys(x)) {
      if (!Object.hasOwn(y, k)) return 0;
      parts.push([x[k], y[k]]);
    }
    return supersetOrder(parts) * swap;
  }
  if (isTuple(a) && isTuple(b)) {
    const x = tupleElements(a);
    const y = tupleElements(b);
    if (x.length !== y.length) return 0;
    return supersetOrder(x.map((t, i) => [t, y[i]])) * swap;
  }
  return 0;
}

function supersetOrder(parts: [CtyType, CtyType][]): number {
  let aSuper = false;
  let bSuper = false;
  for (const [x, y] of parts) {
    const c = compareTypes(x, y);
    if (c < 0) aSuper = true;
    else if (c > 0) bSuper = true;
  }
  if (aSuper && bSuper) return 0;
  if (aSuper) return -1;
  if (bSuper) return 1;
  return 0;
}

/** The indexes of `types`, most preferred first (a topological sort of the preferences). */
export function sortTypes(types: readonly CtyType[]): number[] {
  const n = types.length;
  const edges: number[][] = types.map(() => []);
  for (let i = 0; i < n - 1; i++) {
    for (let j = i + 1; j < n; j++) {
      const c = compareTypes(types[i], types[j]);
      if (c < 0) edges[i].push(j);
      else if (c > 0) edges[j].push(i);
    }
  }
  const inDegree = new Array<number>(n).fill(0);
  for (const outs of edges) for (const j of outs) inDegree[j]++;
  const queue: number[] = [];
  for (let i = 0; i < n; i++) if (inDegree[i] === 0) queue.push(i);
  for (let q = 0; q < queue.length; q++) {
    for (const j of edges[queue[q]]) if (--inDegree[j] === 0) queue.push(j);
  }
  return queue;
}
