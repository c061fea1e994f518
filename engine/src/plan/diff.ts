// Deep comparison of attribute values, and the paths where two objects differ.
import { isUnknown, type AttributePath, type Value } from '../values';
import { isCtyNumber } from '../cty-number';
import { compareNum, isNum } from '../expr/exact-numbers';

export function valuesEqual(a: Value | undefined, b: Value | undefined): boolean {
  if (a === b) return true;
  if (isUnknown(a) || isUnknown(b)) return false;
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  if (isCtyNumber(a) || isCtyNumber(b)) return isNum(a) && isNum(b) && compareNum(a, b) === 0;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as Value[];
    return a.length === bb.length && a.every((v, i) => valuesEqual(v, bb[i]));
  }
  const ao = a as Record<string, Value>;
  const bo = b as Record<string, Value>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!valuesEqual(ao[k], bo[k])) return false;
  return true;
}

/** Paths of the leaves that differ between `a` and `b`. */
export function changedPaths(a: Value | undefined, b: Value | undefined, path: AttributePath = []): AttributePath[] {
  if (valuesEqual(a, b)) return [];
  if (a && b && typeof a === 'object' && typeof b === 'object' && !isUnknown(a) && !isUnknown(b) && Array.isArray(a) === Array.isArray(b)) {
    if (Array.isArray(a)) {
      const bb = b as Value[];
      const n = Math.max(a.length, bb.length);
      return Array.from({ length: n }, (_, i) => changedPaths(a[i], bb[i], [...path, i])).flat();
    }
    const ao = a as Record<string, Value>;
    const bo = b as Record<string, Value>;
    return [...new Set([...Object.keys(ao), ...Object.keys(bo)])].sort().flatMap((k) => changedPaths(ao[k], bo[k], [...path, k]));
  }
  return [path];
}
