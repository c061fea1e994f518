// The count and for_each of a module call, evaluated when the modules are flattened: they may use
// input variables, locals and other modules' variables (all known then), not resource attributes
// (taken as known only after apply, also when the state holds them: terraform would use a value
// the state has). As in terraform, the count and for_each keys must be known, with terraform's
// messages; the values of a for_each map may be known only after apply.
import { error, type Diagnostic } from '../../diagnostics';
import { evaluateBody, type Scope } from '../../expr/evaluate';
import { ExprError, parseTemplate } from '../../expr/parse';
import { containsUnknown, isObject, isSetValue } from '../../expr/convert';
import { isUnknown, Unknown, type Value } from '../../values';
import { hclLiteral } from './rewrite';
import { isObject as isJsonObject } from '../json-shape';

export type InstanceKey = number | string | undefined;

export interface ModuleInstance {
  readonly key: InstanceKey;
  readonly each?: { key: string; value: Value; valueExpression?: string };
}

// terraform's words (internal/terraform/eval_count.go, eval_for_each.go), with gridform's name
const UNKNOWN_COUNT =
  'The "count" value depends on resource attributes that cannot be determined until apply, so gridform cannot predict how many ' +
  'instances will be created. To work around this, use the -target argument to first apply only the resources that the count ' +
  'depends on.';
const APPLY_TWICE =
  'Alternatively, you could use the -target planning option to first apply only the resources that the for_each value depends ' +
  'on, and then apply a second time to fully converge.';
const UNKNOWN_MAP_KEYS =
  'The "for_each" map includes keys derived from resource attributes that cannot be determined until apply, and so gridform ' +
  'cannot determine the full set of keys that will identify the instances of this resource.\n\nWhen working with unknown values ' +
  "in for_each, it's better to define the map keys statically in your configuration and place apply-time results only in the " +
  `map values.\n\n${APPLY_TWICE}`;
const UNKNOWN_SET =
  'The "for_each" set includes values derived from resource attributes that cannot be determined until apply, and so gridform ' +
  'cannot determine the full set of keys that will identify the instances of this resource.\n\nWhen working with unknown values ' +
  "in for_each, it's better to use a map value where the keys are defined statically in your configuration and where only the " +
  `values contain apply-time results.\n\n${APPLY_TWICE}`;

/**
 * The expression of the for_each element `key` (each.value when it is known only after apply): for a for_each written
 * as one expression, that expression indexed by the key; for one the parser gave as an object, the element's own expression.
 */
function elementExpression(forEach: unknown): ((key: string) => string | undefined) | undefined {
  if (isJsonObject(forEach)) return (key) => singleExpression(forEach[key]);
  const inner = singleExpression(forEach);
  return inner === undefined ? undefined : (key) => `(${inner})[${hclLiteral(key)}]`;
}

/** The text of a `${...}` that is one expression (not a template of several parts), without the `${` `}`. */
function singleExpression(text: unknown): string | undefined {
  if (typeof text !== 'string' || !/^\$\{[\s\S]*\}$/.test(text)) return undefined;
  const e = parseTemplate(text);
  return e.kind === 'template' || e.kind === 'literal' ? undefined : text.slice(2, -1);
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
      return evaluateBody(raw, scope);
    } catch (err) {
      if (!(err instanceof ExprError)) throw err;
      diags.push(error(`Invalid ${what} argument`, `module "${call}" ${where}: ${err.message}`));
    }
    return undefined;
  };
  if (block.count !== undefined) {
    const n = evaluated(rewritten.count, 'count');
    if (n === undefined) return [];
    if (isUnknown(n)) {
      diags.push(error('Invalid count argument', `module "${call}" ${where}: ${UNKNOWN_COUNT}`));
      return [];
    }
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
    // a set with an unknown element, or a map with an unknown key, is unknown as a whole; its type is then not
    // known here, so the message follows how the expression is written (toset(...) is a set)
    const asSet = isSetValue(v) || (isUnknown(v) && /^\$\{\s*toset\(/.test(String(rewritten.forEach)));
    if (isUnknown(v) || (asSet && containsUnknown(v))) {
      diags.push(error('Invalid for_each argument', `module "${call}" ${where}: ${asSet ? UNKNOWN_SET : UNKNOWN_MAP_KEYS}`));
      return [];
    }
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
    // terraform allows values known only after apply (the keys decide the instances): each.value is then the element's expression
    const picked = elementExpression(rewritten.forEach);
    const instances: ModuleInstance[] = [];
    for (const k of Object.keys(v).sort()) {
      const valueExpression = containsUnknown(v[k]) ? picked?.(k) : undefined;
      if (containsUnknown(v[k]) && !valueExpression) {
        const detail =
          `module "${call}" ${where}: the value of for_each element ${JSON.stringify(k)} is known only after apply, ` +
          'and gridform finds no expression for it to stand for each.value; write for_each as one expression.';
        diags.push(error('Invalid for_each argument', detail));
        return [];
      }
      instances.push({ key: k, each: { key: k, value: v[k], ...(valueExpression ? { valueExpression } : {}) } });
    }
    return instances;
  }
  return [{ key: undefined }];
}
