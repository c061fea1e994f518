// The validation rules of module variables whose condition was still unknown after planning
// (plan.deferredValidations). As terraform 1.11 does, apply checks each once the objects its
// condition refers to are applied, and the changes of what uses the variable wait for that check:
// a rule that fails is an error naming the module call and the variable (as at plan), what uses the
// variable is not applied, and what was applied already stays in the state.
//
// "Uses the variable" follows the flattened names: a body that reaches the variable's local through
// other locals uses it. As in terraform, whose graph has one node for a variable of all the instances
// of a module call, what uses the variable of one instance waits for the rules of every instance
// (a failure in module.m["b"] holds back what uses module.m["a"]'s variable too). A reference to a
// module call's value reaches every output of the call, so what refers to any output of a module
// instance waits for the rules of the variables its outputs use.
import type { Config, ModuleValidationConfig, ResourceConfig } from '../config/types';
import { bodyReferences } from '../graph/graph';
import { mangledLocalName } from '../addresses/module-names';
import { ExprError } from '../expr/parse';
import type { ResourceChange } from '../plan/types';

export interface DeferredRule {
  readonly rule: ModuleValidationConfig;
  /** the resources whose changes the check waits for: those its condition and message refer to */
  readonly refersTo: readonly string[];
  /** the locals of the variable in every instance of the module call: what uses one waits for the rule */
  readonly variables: ReadonlySet<string>;
}

export interface DeferredValidationOrder {
  readonly rules: readonly DeferredRule[];
  /** resource address -> the rules its changes wait for (those of the module variables it uses) */
  readonly gates: ReadonlyMap<string, readonly DeferredRule[]>;
}

/** The root local a module instance's variable is flattened into. */
export function variableLocal(rule: Pick<ModuleValidationConfig, 'module' | 'variable'>): string {
  return mangledLocalName(rule.module, 'var', rule.variable);
}

/** A module instance's path without its instance keys: module.a["x"].module.b[0] is module.a.module.b. */
function unexpanded(module: string): string {
  return module.replace(/\[(?:\d+|"(?:[^"\\]|\\.)*")\]/g, '');
}

/**
 * The locals of the variable a rule checks, in every instance of its module call: what uses any of
 * them is held back when the rule fails, as terraform holds it back.
 */
export function variableLocalsOfCall(rule: ModuleValidationConfig, config: Config): Set<string> {
  const call = unexpanded(rule.module);
  const out = new Set([variableLocal(rule)]);
  for (const r of config.moduleValidations ?? [])
    if (r.variable === rule.variable && unexpanded(r.module) === call) out.add(variableLocal(r));
  return out;
}

/** The locals a body uses, directly or through other locals. */
export function localsUsed(body: unknown, locals: ReadonlyMap<string, unknown>): Set<string> {
  const seen = new Set<string>();
  try {
    bodyReferences(body, new Set(), locals, seen);
  } catch (err) {
    if (!(err instanceof ExprError)) throw err; // the plan refused such an expression already
  }
  return seen;
}

function resourceBody(rc: ResourceConfig): unknown {
  const conditions = [...rc.lifecycle.preconditions, ...rc.lifecycle.postconditions].map((c) => [c.condition, c.errorMessage]);
  return [rc.body, rc.count ?? null, rc.forEach ?? null, conditions];
}

/**
 * Which changes wait for which rule. An edge that would close a loop (a rule referring to something
 * that uses its own variable, which terraform refuses as a cycle) is left out, so the walk cannot hang.
 */
export function deferredValidationOrder(
  rules: readonly ModuleValidationConfig[],
  config: Config,
  changes: readonly ResourceChange[],
): DeferredValidationOrder {
  const deferred: DeferredRule[] = rules.map((rule) => {
    const refs = new Set<string>();
    try {
      bodyReferences([rule.condition, rule.errorMessage], refs, config.locals);
    } catch (err) {
      if (!(err instanceof ExprError)) throw err;
    }
    return { rule, refersTo: [...refs].sort(), variables: variableLocalsOfCall(rule, config) };
  });
  // what each resource's creations and updates wait for (deletions never hold back a write)
  const deps = new Map<string, Set<string>>();
  for (const c of changes) {
    if (c.action === 'delete') continue;
    const set = deps.get(c.resource) ?? deps.set(c.resource, new Set()).get(c.resource)!;
    for (const d of c.dependencies) set.add(d);
  }
  const gates = new Map<string, DeferredRule[]>();
  const reaches = (from: DeferredRule, target: string): boolean => {
    const seen = new Set<string>();
    const stack = [...from.refersTo];
    while (stack.length) {
      const a = stack.pop()!;
      if (a === target) return true;
      if (seen.has(a)) continue;
      seen.add(a);
      stack.push(...(deps.get(a) ?? []));
      for (const g of gates.get(a) ?? []) stack.push(...g.refersTo);
    }
    return false;
  };
  for (const address of [...deps.keys()].sort()) {
    const rc = config.resources.get(address);
    if (!rc) continue;
    const used = localsUsed(resourceBody(rc), config.locals);
    for (const d of deferred) {
      if (![...d.variables].some((l) => used.has(l)) || reaches(d, address)) continue;
      (gates.get(address) ?? gates.set(address, []).get(address)!).push(d);
    }
  }
  return { rules: deferred, gates };
}
