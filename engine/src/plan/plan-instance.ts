// Planning one managed instance: evaluate its configuration, apply ignore_changes, ask the
// provider, and choose the action (with the reason for a replacement and the attributes forcing it).
import { error, hasErrors, inContext, type Diagnostic } from '../diagnostics';
import { evaluateBody, type Scope } from '../expr/evaluate';
import { ExprError } from '../expr/parse';
import type { ResourceConfig } from '../config/types';
import type { BlockSchema, ObjectValue } from '../provider/interface';
import { conformToSchema } from './conform';
import type { StateView } from '../state/state';
import type { AttributePath } from '../values';
import { changedPaths, valuesEqual } from './diff';
import { proposeNewState } from './merge';
import type { ConfiguredProvider } from './providers';
import type { InstanceSpec } from './expand';
import type { Action, ActionReason, ResourceChange } from './types';
import { applyIgnoreChanges } from './ignore-changes';
import { topLevelNames } from './config-sensitivity';
import { sensitiveAttributePaths } from '../apply/sensitive';

export interface InstanceContext {
  readonly rc: ResourceConfig;
  readonly spec: InstanceSpec;
  readonly provider: ConfiguredProvider;
  readonly scope: Scope;
  readonly state: StateView;
  readonly dependencies: string[];
  /** -replace named this instance */
  readonly forceReplace: boolean;
  /** replace_triggered_by fired */
  readonly triggered: boolean;
  /** the top-level attributes the configuration sets from sensitive values */
  readonly configSensitive: readonly string[];
}

/**
 * Evaluates the configuration of an instance and decodes it against the schema's block (unknown
 * arguments refused, values converted to their types); an error names the resource.
 */
export function evaluateConfig(
  rc: ResourceConfig,
  scope: Scope,
  address: string,
  diags: Diagnostic[],
  block: BlockSchema,
): ObjectValue | undefined {
  let evaluated: ObjectValue;
  try {
    evaluated = evaluateBody(rc.body, scope) as ObjectValue;
  } catch (err) {
    if (!(err instanceof ExprError)) throw err;
    diags.push(error('Invalid expression', err.message, { address }));
    return undefined;
  }
  const conformed = conformToSchema(block, evaluated, address);
  diags.push(...conformed.diagnostics);
  return hasErrors(conformed.diagnostics) ? undefined : conformed.value;
}

export async function planManagedInstance(ctx: InstanceContext, diags: Diagnostic[]): Promise<ResourceChange | undefined> {
  const { rc, spec, provider: p } = ctx;
  const schema = p.schema.resources[rc.type];
  const evaluated = evaluateConfig(rc, ctx.scope, spec.address, diags, schema.block);
  if (!evaluated) return undefined;
  const validation = p.provider.validateResourceConfig({ typeName: rc.type, config: evaluated });
  diags.push(...inContext(validation.diagnostics, spec.address));
  if (hasErrors(validation.diagnostics)) return undefined;

  const inst = ctx.state.instance(spec.address);
  const before = inst?.attributes ?? null;
  const config = before ? applyIgnoreChanges(evaluated, before, rc.lifecycle.ignoreChanges, schema.block) : evaluated;
  const res = await p.provider.planResourceChange({
    typeName: rc.type,
    priorState: before,
    proposedNewState: proposeNewState(schema.block, config, before),
    config,
    priorPrivate: inst?.private,
  });
  diags.push(...inContext(res.diagnostics, spec.address));
  if (hasErrors(res.diagnostics) || !res.plannedState) return undefined;

  let after = res.plannedState;
  let action: Action;
  let reason: ActionReason | undefined;
  let replacePaths: AttributePath[] = [];
  if (!before) {
    action = 'create';
  } else if (inst?.status === 'tainted') {
    action = 'replace';
    reason = 'replace_because_tainted';
  } else if (ctx.forceReplace) {
    action = 'replace';
    reason = 'replace_by_request';
  } else if (ctx.triggered) {
    action = 'replace';
    reason = 'replace_by_triggers';
  } else if (valuesEqual(before, after)) {
    // as terraform: the same values with other sensitive paths is an update (the state records them)
    action = sensitivityChanged(inst?.sensitive_attributes ?? [], schema.block, after, ctx.configSensitive) ? 'update' : 'no-op';
  } else {
    const changed = changedPaths(before, after);
    replacePaths = res.requiresReplace.filter((path) => changed.some((c) => startsWith(c, path)));
    action = replacePaths.length ? 'replace' : 'update';
    if (replacePaths.length) reason = 'replace_because_cannot_update';
  }
  if (action === 'replace') {
    // the new object is planned from scratch, so its computed values are unknown until created
    const fresh = await p.provider.planResourceChange({
      typeName: rc.type,
      priorState: null,
      proposedNewState: proposeNewState(schema.block, evaluated, null),
      config: evaluated,
    });
    diags.push(...inContext(fresh.diagnostics, spec.address));
    if (fresh.plannedState) after = fresh.plannedState;
  }
  if (action === 'replace' && rc.lifecycle.preventDestroy) {
    diags.push(preventDestroyError(spec.address));
    return undefined;
  }
  return {
    address: spec.address,
    resource: rc.address,
    key: spec.key,
    mode: 'managed',
    type: rc.type,
    name: rc.name,
    providerKey: rc.provider,
    action,
    ...(reason ? { actionReason: reason } : {}),
    before,
    after,
    replacePaths,
    dependencies: ctx.dependencies,
    priorDependencies: inst?.dependencies ?? [],
    createBeforeDestroy: rc.lifecycle.createBeforeDestroy,
    ...sensitiveNames(inst?.sensitive_attributes ?? [], ctx.configSensitive),
    private: res.plannedPrivate,
  };
}

export function preventDestroyError(address: string): Diagnostic {
  return error(
    'Instance cannot be destroyed',
    `${address} has lifecycle.prevent_destroy set, but the plan would destroy it. ` +
      `Remove prevent_destroy from its configuration first, or change the plan (for example with -target) so it is not destroyed.`,
    { address },
  );
}

function startsWith(path: AttributePath, prefix: AttributePath): boolean {
  return prefix.every((step, i) => path[i] === step);
}

/** The top-level names a plan must hide beyond the schema's: recorded in state, and set from sensitive values. */
function sensitiveNames(
  prior: readonly unknown[],
  configSensitive: readonly string[],
): Pick<ResourceChange, 'sensitiveBefore' | 'sensitiveAfter'> {
  const before = [...topLevelNames(prior)];
  return {
    ...(before.length ? { sensitiveBefore: before } : {}),
    ...(configSensitive.length ? { sensitiveAfter: [...configSensitive] } : {}),
  };
}

function sensitivityChanged(
  prior: readonly unknown[],
  block: BlockSchema,
  after: ObjectValue,
  configSensitive: readonly string[],
): boolean {
  const before = topLevelNames(prior);
  const planned = topLevelNames(sensitiveAttributePaths(block, after));
  for (const name of configSensitive) planned.add(name);
  return before.size !== planned.size || [...planned].some((n) => !before.has(n));
}
