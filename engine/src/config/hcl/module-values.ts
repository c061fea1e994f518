// The count and for_each of a module call, evaluated when the modules are flattened: they may use
// input variables, locals and other modules' variables (all known then), not attributes known only
// after apply, as terraform requires them known at plan time.
import { error, type Diagnostic } from '../../diagnostics';
import { evaluateBody, type Scope } from '../../expr/evaluate';
import { ExprError } from '../../expr/parse';
import { containsUnknown, isObject, isSetValue } from '../../expr/convert';
import { isUnknown, Unknown, type Value } from '../../values';

export type InstanceKey = number | string | undefined;

export interface ModuleInstance {
  readonly key: InstanceKey;
  readonly each?: { key: string; value: Value };
}

/** A scope of the flattened locals (evaluated once each, when needed) and the root's variables; resources are unknown. */
export function flatScope(locals: Readonly<Record<string, unknown>>, variables: ReadonlyMap<string, Value>): Scope {
  const done = new Map<string, Value>();
  const visiting = new Set<string>();
  const scope: Scope = {
    resource: () => Unknown,
    variable: (name) => variables.get(name),
    local: (name) => {
      if (done.has(name)) return done.get(name);
      if (!(name in locals)) return undefined;
      if (visiting.has(name)) throw new ExprError(`local.${name} refers to itself`);
      visiting.add(name);
      const v = evaluateBody(locals[name], scope);
      visiting.delete(name);
      done.set(name, v);
      return v;
    },
  };
  return scope;
}

/** The instances of a module call: one without a key, one per count index, or one per for_each key. */
export function moduleInstances(
  call: string,
  block: Record<string, unknown>,
  rewritten: { count?: unknown; forEach?: unknown },
  scope: Scope,
  where: string,
  diags: Diagnostic[],
): ModuleInstance[] {
  if (block.count !== undefined && block.for_each !== undefined) {
    diags.push(error('Invalid combination of "count" and "for_each"', `module "${call}" ${where} sets both; use one of them.`));
    return [];
  }
  const evaluated = (raw: unknown, what: string): Value | undefined => {
    try {
      const v = evaluateBody(raw, scope);
      if (!isUnknown(v) && !containsUnknown(v)) return v;
      const detail =
        `The ${what} of module "${call}" ${where} depends on values known only after apply. ` +
        'gridform expands modules before planning: use input variables and locals for it.';
      diags.push(error(`Invalid ${what} argument`, detail));
    } catch (err) {
      if (!(err instanceof ExprError)) throw err;
      diags.push(error(`Invalid ${what} argument`, `module "${call}" ${where}: ${err.message}`));
    }
    return undefined;
  };
  if (block.count !== undefined) {
    const n = evaluated(rewritten.count, 'count');
    if (n === undefined) return [];
    const count = Number(typeof n === 'object' && n !== null ? String(n) : n);
    if (n === null || !Number.isInteger(count) || count < 0) {
      diags.push(error('Invalid count argument', `The count of module "${call}" ${where} must be a whole number of 0 or more.`));
      return [];
    }
    return Array.from({ length: count }, (_, i) => ({ key: i }));
  }
  if (block.for_each !== undefined) {
    const v = evaluated(rewritten.forEach, 'for_each');
    if (v === undefined) return [];
    if (isSetValue(v)) {
      const items = v as Value[];
      if (items.some((x) => typeof x !== 'string')) {
        diags.push(error('Invalid for_each argument', `module "${call}" ${where}: a set given to for_each must hold strings.`));
        return [];
      }
      return (items as string[]).map((k) => ({ key: k, each: { key: k, value: k } }));
    }
    if (!isObject(v) || Array.isArray(v)) {
      const detail =
        `The for_each of module "${call}" ${where} must be a map, or set of strings; ` +
        `it is ${Array.isArray(v) ? 'a list or tuple' : typeof v}.`;
      diags.push(error('Invalid for_each argument', detail));
      return [];
    }
    return Object.keys(v)
      .sort()
      .map((k) => ({ key: k, each: { key: k, value: v[k] } }));
  }
  return [{ key: undefined }];
}
