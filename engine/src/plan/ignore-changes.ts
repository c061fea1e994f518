// lifecycle.ignore_changes: the listed attributes keep their value from the state, so a change
// to them in the configuration (or outside gridform) plans nothing.
import type { ObjectValue } from '../provider/interface';
import type { Value } from '../values';

/** "tags", "vms[0].memory", "labels[\"a\"]" into path steps. */
export function parseAttributePath(text: string): (string | number)[] {
  const steps: (string | number)[] = [];
  const re = /([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\./g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m[1] !== undefined) steps.push(m[1]);
    else if (m[2] !== undefined) steps.push(Number(m[2]));
    else if (m[3] !== undefined) steps.push(JSON.parse(`"${m[3]}"`) as string);
  }
  return steps;
}

export function applyIgnoreChanges(config: ObjectValue, prior: ObjectValue, ignore: readonly string[] | 'all'): ObjectValue {
  if (ignore === 'all') {
    const out: ObjectValue = { ...config };
    for (const k of Object.keys(config)) if (prior[k] !== undefined) out[k] = prior[k];
    return out;
  }
  let out = config;
  for (const text of ignore) {
    const path = parseAttributePath(text);
    if (path.length) out = setAt(out, path, getAt(prior, path)) as ObjectValue;
  }
  return out;
}

function getAt(v: Value | undefined, path: (string | number)[]): Value | undefined {
  let cur = v;
  for (const step of path) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, Value>)[step];
  }
  return cur;
}

function setAt(v: Value | undefined, path: (string | number)[], value: Value | undefined): Value {
  const [step, ...rest] = path;
  const base: Value = v && typeof v === 'object' ? v : typeof step === 'number' ? [] : {};
  const copy = (Array.isArray(base) ? [...base] : { ...(base as Record<string, Value>) }) as Record<string | number, Value>;
  const next = rest.length ? setAt(copy[step], rest, value) : value;
  if (next === undefined) delete copy[step];
  else copy[step] = next;
  return copy as Value;
}
