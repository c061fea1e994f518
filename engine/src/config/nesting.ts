// How deeply a configuration document nests, measured without recursion, so that a document
// nested beyond what any walk of it could follow is refused before anything walks it.
import { formatPath, type PathStep } from '../values';

/** Deeper than any configuration people or cdktf write; shallow enough for every recursive walk. */
export const MAX_DOCUMENT_DEPTH = 1000;

interface Visit {
  readonly value: unknown;
  readonly depth: number;
  readonly parent?: Visit;
  readonly step?: PathStep;
}

/** The start of the path of the first value nested deeper than `limit`, or undefined. */
export function tooDeep(doc: unknown, limit = MAX_DOCUMENT_DEPTH): string | undefined {
  const stack: Visit[] = [{ value: doc, depth: 0 }];
  while (stack.length) {
    const visit = stack.pop()!;
    const { value, depth } = visit;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= limit) return `${formatPath(pathOf(visit).slice(0, 8))} ...`;
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
