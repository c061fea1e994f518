// Planning: refresh the prior state through the providers, then walk the configuration in
// dependency order, asking each provider to plan its resource from the proposed new state, and
// plan the deletion of what the configuration no longer declares. No side effects.
import { error, hasErrors, inContext, type Diagnostic } from '../diagnostics';
import { evaluateBody, type Scope } from '../expr/evaluate';
import { ExprError } from '../expr/parse';
import type { Config, ResourceConfig } from '../config/types';
import type { Graph } from '../graph/graph';
import type { ObjectValue } from '../provider/interface';
import type { StateView } from '../state/state';
import { Unknown, type Value } from '../values';
import { changedPaths, valuesEqual } from './diff';
import { proposeNewState } from './merge';
import type { ProviderSet } from './providers';
import type { Action, OutputChange, Plan, ResourceChange } from './types';

export interface PlanOptions {
  readonly destroy?: boolean;
  readonly refresh?: boolean;
}

export async function refreshState(state: StateView, config: Config, providers: ProviderSet): Promise<Diagnostic[]> {
  const diags: Diagnostic[] = [];
  await Promise.all(
    state.addresses().map(async (address) => {
      const r = state.get(address)!;
      const inst = r.instances[0];
      if (r.mode !== 'managed' || !inst) return;
      const key = config.resources.get(address)?.provider ?? providerKeyFromState(r.provider);
      const p = providers.get(key);
      if (!p) return diags.push(error(`Provider ${key} of ${address} is not configured`, 'Keep its provider in the configuration until the resource is destroyed.', { address }));
      const res = await p.provider.readResource({ typeName: r.type, currentState: inst.attributes, private: inst.private });
      diags.push(...inContext(res.diagnostics, address));
      if (hasErrors(res.diagnostics)) return;
      if (res.newState === null) state.remove(address);
      else r.instances[0] = { ...inst, attributes: res.newState, private: res.private ?? inst.private };
    }),
  );
  return diags;
}

export async function makePlan(config: Config, graph: Graph, prior: StateView, providers: ProviderSet, opts: PlanOptions = {}): Promise<{ plan: Plan; diagnostics: Diagnostic[] }> {
  const diags: Diagnostic[] = [];
  const planned = new Map<string, Value>();
  const changes: ResourceChange[] = [];
  const scope = planScope(config, prior, planned);

  if (!opts.destroy) {
    for (const address of graph.order) {
      const rc = config.resources.get(address)!;
      const change = await planResource(rc, graph, prior, providers, scope, diags);
      if (change) {
        changes.push(change);
        planned.set(address, change.after ?? null);
      }
    }
  }
  const orphans = prior.addresses().filter((a) => opts.destroy || !config.resources.has(a));
  for (const address of orphans.reverse()) {
    const r = prior.get(address)!;
    if (r.mode !== 'managed') continue;
    const inst = r.instances[0];
    const lifecycle = config.resources.get(address)?.lifecycle;
    if (lifecycle?.preventDestroy) {
      diags.push(error('Instance cannot be destroyed', `${address} has lifecycle.prevent_destroy set; remove it from the configuration first to destroy it.`, { address }));
      continue;
    }
    changes.push({
      address, mode: 'managed', type: r.type, name: r.name, providerKey: config.resources.get(address)?.provider ?? providerKeyFromState(r.provider),
      action: 'delete', before: inst.attributes, after: null, replacePaths: [], dependencies: inst.dependencies ?? [], createBeforeDestroy: false, private: inst.private,
    });
  }
  const outputs = opts.destroy ? destroyedOutputs(prior) : planOutputs(config, prior, scope, diags);
  return { plan: { changes, outputs, destroy: !!opts.destroy, priorSerial: prior.file.serial, priorLineage: prior.file.lineage }, diagnostics: diags };
}

async function planResource(rc: ResourceConfig, graph: Graph, prior: StateView, providers: ProviderSet, scope: Scope, diags: Diagnostic[]): Promise<ResourceChange | undefined> {
  const p = providers.get(rc.provider);
  if (!p) {
    diags.push(error(`Provider ${rc.provider} is not configured`, `${rc.address} needs provider ${rc.provider}.`, { address: rc.address }));
    return undefined;
  }
  const schema = (rc.mode === 'data' ? p.schema.dataSources : p.schema.resources)[rc.type];
  if (!schema) {
    diags.push(error(`Unknown ${rc.mode === 'data' ? 'data source' : 'resource'} type ${rc.type}`, `Provider ${p.source} has no ${rc.type}.`, { address: rc.address }));
    return undefined;
  }
  let config: ObjectValue;
  try {
    config = evaluateBody(rc.body, scope) as ObjectValue;
  } catch (err) {
    if (!(err instanceof ExprError)) throw err;
    diags.push(error('Invalid reference', err.message, { address: rc.address }));
    return undefined;
  }
  const validation = p.provider.validateResourceConfig({ typeName: rc.type, config });
  diags.push(...inContext(validation.diagnostics, rc.address));
  if (hasErrors(validation.diagnostics)) return undefined;
  const dependencies = [...(graph.deps.get(rc.address) ?? [])].sort();
  const base = { address: rc.address, mode: rc.mode, type: rc.type, name: rc.name, providerKey: rc.provider, dependencies, createBeforeDestroy: rc.lifecycle.createBeforeDestroy };

  if (rc.mode === 'data') {
    const res = await p.provider.readDataSource({ typeName: rc.type, config });
    diags.push(...inContext(res.diagnostics, rc.address));
    return { ...base, action: 'read', before: null, after: res.state, replacePaths: [] };
  }

  const inst = prior.instance(rc.address);
  const before = inst?.attributes ?? null;
  const proposed = proposeNewState(schema.block, config, before);
  const res = await p.provider.planResourceChange({ typeName: rc.type, priorState: before, proposedNewState: proposed, config, priorPrivate: inst?.private });
  diags.push(...inContext(res.diagnostics, rc.address));
  if (hasErrors(res.diagnostics) || !res.plannedState) return undefined;
  let after = res.plannedState;
  let action: Action;
  let replacePaths = res.requiresReplace.filter((path) => changedPaths(before ?? {}, after).some((c) => startsWith(c, path)));
  if (!before) {
    action = 'create';
    replacePaths = [];
  }
  else if (inst?.status === 'tainted') {
    action = 'replace';
    replacePaths = [];
  } else if (valuesEqual(before, after)) action = 'no-op';
  else action = replacePaths.length ? 'replace' : 'update';
  if (action === 'replace') {
    // the new object is planned from scratch, so its computed values are unknown until created
    const fresh = await p.provider.planResourceChange({ typeName: rc.type, priorState: null, proposedNewState: proposeNewState(schema.block, config, null), config });
    if (fresh.plannedState) after = fresh.plannedState;
  }
  return { ...base, action, before, after, replacePaths, private: res.plannedPrivate };
}

function startsWith(path: readonly (string | number)[], prefix: readonly (string | number)[]): boolean {
  return prefix.every((step, i) => path[i] === step);
}

function planScope(config: Config, prior: StateView, planned: Map<string, Value>): Scope {
  return {
    resource: (address) => {
      if (!config.resources.has(address)) return undefined;
      return planned.has(address) ? planned.get(address)! : prior.instance(address)?.attributes ?? Unknown;
    },
    variable: (name) => (config.variables.has(name) ? (config.variables.get(name) as Value) ?? null : undefined),
    local: (name) => (config.locals.has(name) ? evaluateBody(config.locals.get(name), planScope(config, prior, planned)) : undefined),
  };
}

function planOutputs(config: Config, prior: StateView, scope: Scope, diags: Diagnostic[]): OutputChange[] {
  return config.outputs.map((o) => {
    let after: Value | null = null;
    try {
      after = evaluateBody(o.value, scope);
    } catch (err) {
      if (!(err instanceof ExprError)) throw err;
      diags.push(error(`Invalid value for output ${o.name}`, err.message));
    }
    return { name: o.name, before: (prior.file.outputs[o.name]?.value as Value) ?? null, after, sensitive: o.sensitive };
  });
}

function destroyedOutputs(prior: StateView): OutputChange[] {
  return Object.entries(prior.file.outputs).map(([name, o]) => ({ name, before: o.value as Value, after: null, sensitive: !!o.sensitive }));
}

/** provider["registry.terraform.io/gridform/grid"].eu -> "grid.eu" (local name = last path part). */
export function providerKeyFromState(provider: string): string {
  const m = /^provider\["([^"]+)"\](?:\.(\w+))?$/.exec(provider);
  if (!m) return provider;
  const name = m[1].split('/').pop()!;
  return m[2] ? `${name}.${m[2]}` : name;
}
