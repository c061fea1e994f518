// count and for_each: which instances a resource has, and the scope each instance is evaluated
// in (count.index, each.key, each.value). Both must be known at plan time, as in Terraform.
import { error, type Diagnostic } from '../diagnostics';
import { evaluateBody, type Scope } from '../expr/evaluate';
import { ExprError } from '../expr/parse';
import type { ResourceConfig } from '../config/types';
import { instanceAddress, type InstanceKey } from '../addresses/address';
import { isUnknown, Unknown, type Value } from '../values';
import { isSetValue, typeName } from '../expr/convert';
import type { StateView } from '../state/state';

export interface InstanceSpec {
  readonly address: string;
  readonly key: InstanceKey;
  readonly countIndex?: number;
  readonly each?: { key: string; value: Value };
}

export type Expansion = { kind: 'single' } | { kind: 'count' } | { kind: 'for_each' };

export function expansionOf(rc: ResourceConfig): Expansion {
  return rc.count !== undefined ? { kind: 'count' } : rc.forEach !== undefined ? { kind: 'for_each' } : { kind: 'single' };
}

/** Instances one resource may have unless the user raises it (GRIDFORM_MAX_INSTANCES): a typo such as count = 10000000 stops at once. */
export const DEFAULT_MAX_INSTANCES = 100_000;

export function expandResource(
  rc: ResourceConfig,
  scope: Scope,
  maxInstances = DEFAULT_MAX_INSTANCES,
): { instances: InstanceSpec[]; diagnostics: Diagnostic[] } {
  const fail = (summary: string, detail: string, attr: string) => ({
    instances: [],
    diagnostics: [error(summary, detail, { address: rc.address, attributePath: [attr] })],
  });
  let value: Value;
  const attr = rc.count !== undefined ? 'count' : 'for_each';
  try {
    if (rc.count !== undefined) value = evaluateBody(rc.count, scope);
    else if (rc.forEach !== undefined) value = evaluateBody(rc.forEach, scope);
    else return { instances: [{ address: rc.address, key: undefined }], diagnostics: [] };
  } catch (err) {
    if (!(err instanceof ExprError)) throw err;
    return fail(`Invalid ${attr} argument`, err.message, attr);
  }
  if (isUnknown(value)) {
    return fail(
      `Invalid ${attr} argument`,
      `The "${attr}" value of ${rc.address} depends on values known only after apply, ` +
        `so gridform cannot tell how many instances to plan. ` +
        `Use values known at plan time, or apply the resources it depends on first with -target.`,
      attr,
    );
  }
  if (rc.count !== undefined) {
    const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
      return fail(
        'Invalid count argument',
        `count of ${rc.address} must be a whole number of zero or more, not ${JSON.stringify(value)}.`,
        'count',
      );
    if (n > maxInstances) return fail('Too many instances', tooMany(rc.address, 'count', n, maxInstances), 'count');
    return {
      instances: Array.from({ length: n }, (_, i) => ({ address: instanceAddress(rc.address, i), key: i, countIndex: i })),
      diagnostics: [],
    };
  }
  let entries: [string, Value][];
  if (Array.isArray(value)) {
    // as terraform: a list or tuple is refused (its order would decide nothing), a set must hold strings
    if (!isSetValue(value)) {
      const detail =
        `The given "for_each" argument value of ${rc.address} is unsuitable: the "for_each" argument must be a map, or set of strings, ` +
        'and you have provided a list or tuple. Convert it with toset() (in CDKTF: TerraformIterator.fromList), or use a map.';
      return fail('Invalid for_each argument', detail, 'for_each');
    }
    const other = value.find((v) => typeof v !== 'string');
    if (other !== undefined) {
      const detail =
        `The given "for_each" argument value of ${rc.address} is unsuitable: "for_each" supports maps and sets of strings, but you ` +
        `have provided a set containing type ${typeName(other)}.`;
      return fail('Invalid for_each set argument', detail, 'for_each');
    }
    entries = [...new Set(value as string[])].sort().map((k) => [k, k]);
  } else if (value && typeof value === 'object') {
    entries = Object.entries(value as Record<string, Value>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  } else if (value === null) {
    return fail('Invalid for_each argument', `for_each of ${rc.address} is null; use an empty map or set for no instances.`, 'for_each');
  } else {
    return fail(
      'Invalid for_each argument',
      `for_each of ${rc.address} must be a map or a set of strings, not ${typeof value}.`,
      'for_each',
    );
  }
  if (entries.length > maxInstances)
    return fail('Too many instances', tooMany(rc.address, 'for_each', entries.length, maxInstances), 'for_each');
  const unknownKey = entries.find(([k]) => isUnknown(k as Value));
  if (unknownKey) return fail('Invalid for_each argument', `The keys of for_each of ${rc.address} must be known at plan time.`, 'for_each');
  return {
    instances: entries.map(([key, v]) => ({ address: instanceAddress(rc.address, key), key, each: { key, value: v } })),
    diagnostics: [],
  };
}

function tooMany(address: string, attr: string, n: number, limit: number): string {
  return (
    `The ${attr} of ${address} asks for ${n} instances, over the limit of ${limit} per resource. ` +
    `If you mean it, raise the limit with the environment variable GRIDFORM_MAX_INSTANCES.`
  );
}

/** The value a reference to the whole resource sees: an object, a list (count) or a map (for_each). */
export function resourceValue(expansion: Expansion, instances: ReadonlyMap<InstanceKey, Value>): Value {
  if (expansion.kind === 'single') return instances.get(undefined) ?? null;
  if (expansion.kind === 'count')
    return [...instances.entries()]
      .filter(([k]) => typeof k === 'number')
      .sort(([a], [b]) => (a as number) - (b as number))
      .map(([, v]) => v);
  const out: Record<string, Value> = {};
  for (const [k, v] of instances) if (typeof k === 'string') out[k] = v;
  return out;
}

/** The scope of one instance: the resource scope plus count.index or each. */
export function instanceScope(scope: Scope, spec: Pick<InstanceSpec, 'countIndex' | 'each'>): Scope {
  if (spec.countIndex === undefined && !spec.each) return scope;
  return {
    resource: (a) => scope.resource(a),
    variable: (n) => scope.variable(n),
    local: (n) => scope.local(n),
    paths: scope.paths,
    workspace: scope.workspace,
    clock: scope.clock,
    ...(spec.countIndex !== undefined ? { countIndex: spec.countIndex } : {}),
    ...(spec.each ? { each: spec.each } : {}),
  } as Scope;
}

/** A resource's value as the state holds it (used for what the plan does not touch). */
export function stateValue(rc: ResourceConfig, state: StateView): Value {
  const r = state.resource(rc.address);
  const kind = expansionOf(rc).kind;
  if (!r) return kind === 'single' ? Unknown : kind === 'count' ? [] : {};
  const values = new Map<InstanceKey, Value>();
  for (const i of r.instances) if (!i.deposed) values.set(i.index_key, i.attributes);
  return resourceValue(expansionOf(rc), values);
}
