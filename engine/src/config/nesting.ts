// How deeply a configuration document nests and how long its strings are, measured without
// recursion, so that a document beyond what any walk of it could follow, or holding a string no
// attribute needs, is refused before anything walks it.
import type { PathStep } from '../values';
import { MAX_STRING_LENGTH } from '../expr/limits';

/** Deeper than any configuration people or cdktf write; shallow enough for every recursive walk. */
export const MAX_DOCUMENT_DEPTH = 1000;

interface Visit {
  readonly value: unknown;
  readonly depth: number;
  readonly parent?: Visit;
  readonly step?: PathStep;
}

export type DocumentProblem = { kind: 'deep'; path: PathStep[] } | { kind: 'long'; path: PathStep[]; length: number };

/** The first value nested deeper than `limit`, or string longer than MAX_STRING_LENGTH, or undefined. */
export function documentProblem(doc: unknown, limit = MAX_DOCUMENT_DEPTH): DocumentProblem | undefined {
  const stack: Visit[] = [{ value: doc, depth: 0 }];
  while (stack.length) {
    const visit = stack.pop()!;
    const { value, depth } = visit;
    if (typeof value === 'string' && value.length > MAX_STRING_LENGTH) return { kind: 'long', path: pathOf(visit), length: value.length };
    if (value === null || typeof value !== 'object') continue;
    if (depth >= limit) return { kind: 'deep', path: pathOf(visit).slice(0, 8) };
    if (Array.isArray(value)) value.forEach((v, i) => stack.push({ value: v, depth: depth + 1, parent: visit, step: i }));
    else for (const [k, v] of Object.entries(value)) stack.push({ value: v, depth: depth + 1, parent: visit, step: k });
  }
  return undefined;
}

function pathOf(visit: Visit): PathStep[] {
  const path: PathStep[] = [];
  for (let v: Visit | undefined = visit; v?.step !== undefined; v = v.parent) path.unshift(v.step);
  return path;
}
