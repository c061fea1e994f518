// Terraform's check before each create or update: the object is planned again at apply time (with
// the values learned so far) and that final plan must keep every value the reviewed plan already
// knew. A difference means the configuration changed under a saved plan, or the provider is not
// consistent; either way applying it would do something nobody reviewed.
import { error, type Diagnostic } from '../diagnostics';
import { formatPath, isUnknown, type AttributePath, type Value } from '../values';
import { stringifyJson } from '../json-syntax';

interface Inconsistency {
  readonly path: AttributePath;
  readonly reviewed: Value | undefined;
  readonly final: Value | undefined;
}

/** The first value the reviewed plan knew that the final plan changes, if any. */
export function firstInconsistency(
  reviewed: Value | undefined,
  final: Value | undefined,
  path: AttributePath = [],
): Inconsistency | undefined {
  if (isUnknown(reviewed)) return undefined;
  if (reviewed === final) return undefined;
  const found: Inconsistency = { path, reviewed, final };
  if (isUnknown(final) || reviewed === null || final === null || reviewed === undefined || final === undefined) {
    return (reviewed ?? null) === (final ?? null) ? undefined : found;
  }
  if (typeof reviewed !== 'object' || typeof final !== 'object') return found;
  if (Array.isArray(reviewed) !== Array.isArray(final)) return found;
  if (Array.isArray(reviewed)) {
    const list = final as Value[];
    if (reviewed.length !== list.length) return found;
    for (let i = 0; i < reviewed.length; i++) {
      const inner = firstInconsistency(reviewed[i], list[i], [...path, i]);
      if (inner) return inner;
    }
    return undefined;
  }
  const before = reviewed as Record<string, Value>;
  const after = final as Record<string, Value>;
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const inner = firstInconsistency(before[key], after[key], [...path, key]);
    if (inner) return inner;
  }
  return undefined;
}

export function inconsistentFinalPlan(address: string, found: Inconsistency): Diagnostic {
  const show = (v: Value | undefined) => (isUnknown(v) ? '(known after apply)' : stringifyJson(v ?? null));
  const where = found.path.length ? formatPath(found.path) : 'the object';
  return error(
    'Inconsistent final plan',
    `Planned again at apply time, ${address} gives ${where} = ${show(found.final)}, where the reviewed plan had ` +
      `${show(found.reviewed)}. The configuration changed since the plan was made (a saved plan edited after ` +
      'review?), or the provider planned it differently. Nothing was changed for it; make a new plan and review it.',
    { address, ...(found.path.length ? { attributePath: found.path } : {}) },
  );
}
