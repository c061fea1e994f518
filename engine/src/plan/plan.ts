// Planning: refresh the prior state through the providers, then plan every resource once what it
// depends on is planned (resources in parallel), expanding count and for_each into instances, and
// plan the deletion of what the configuration no longer declares. No side effects.
import { error, hasErrors, inContext, type Diagnostic } from '../diagnostics';
import { evaluateBody, type Scope } from '../expr/evaluate';
import { ExprError } from '../expr/parse';
import type { Config, ResourceConfig } from '../config/types';
import type { Graph } from '../graph/graph';
import { parseInstanceAddress, type InstanceAddress, type InstanceKey } from '../addresses/address';
import { providerKeyFromState, stateProviderString } from '../config/source';
import { sensitivePaths, type StateView } from '../state/state';
import { Unknown, type Value } from '../values';
import { expandResource, expansionOf, instanceScope, resourceValue, stateValue } from './expand';
import { cloneState, refreshState, type Drift } from './refresh';
import { applyMoves } from './moves';
import { importObject } from './import-object';
import { evaluateConfig, planManagedInstance, preventDestroyError } from './plan-instance';
import { containsUnknown } from '../expr/convert';
import { proposeNewState } from './merge';
import { targetFilter, type TargetFilter } from './targets';
import { triggeredBy } from './triggers';
import type { ProviderSet } from './providers';
import type { OutputChange, Plan, ResourceChange } from './types';
import { sensitiveAttributePaths } from '../apply/sensitive';

export interface PlanOptions {
  readonly destroy?: boolean;
  readonly refresh?: boolean;
  readonly refreshOnly?: boolean;
  readonly targets?: readonly InstanceAddress[];
  /** instance addresses to replace (-replace) */
  readonly replace?: readonly string[];
  readonly variables: ReadonlyMap<string, Value>;
  readonly paths?: { module: string; root: string; cwd: string };
  readonly workspace?: string;
  /** instances one resource may have (count or for_each) */
  readonly maxInstances?: number;
}

export async function makePlan(config: Config, graph: Graph, prior: StateView, providers: ProviderSet, opts: PlanOptions): Promise<{ plan?: Plan; diagnostics: Diagnostic[] }> {
  const diags: Diagnostic[] = [];
  let state = cloneState(prior.file);
  const moves = applyMoves(config.moves, state);
  diags.push(...moves.diagnostics);
  const importing = new Map<string, string>();
  for (const im of opts.destroy ? [] : config.imports) {
    if (state.instance(im.to)) continue; // managed already: the block has done its work
    const rc = config.resources.get(parseInstanceAddress(im.to)!.resource)!;
    const p = providers.get(im.provider ?? rc.provider);
    if (!p) diags.push(error(`Provider ${im.provider ?? rc.provider} is not configured`, `The import into ${im.to} needs it.`, { address: im.to }));
    else if (await importObject(p, rc, im.to, im.id, state, diags)) importing.set(im.to, im.id);
  }
  if (hasErrors(diags)) return { diagnostics: diags };
  let drift: Drift[] = [];
  if (opts.refresh !== false && state.instanceAddresses().length) {
    const r = await refreshState(state, config, providers);
    diags.push(...r.diagnostics);
    if (hasErrors(r.diagnostics)) return { diagnostics: diags };
    state = r.state;
    drift = r.drift;
  }
  const stateDeps = new Map<string, string[]>();
  for (const r of state.resources()) for (const i of r.instances) stateDeps.set(`${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`, i.dependencies ?? []);
  const filter = targetFilter(opts.targets ?? [], graph, !!opts.destroy, stateDeps);
  const planned = new Map<string, Value>();
  const changesByResource = new Map<string, ResourceChange[]>();
  const scope = planScope(config, state, planned, opts);

  if (!opts.destroy && !opts.refreshOnly) {
    const pending = new Map<string, Promise<void>>();
    const planOne = (address: string): Promise<void> => {
      let p = pending.get(address);
      if (!p) {
        p = (async () => {
          await Promise.all([...(graph.deps.get(address) ?? [])].map(planOne));
          const rc = config.resources.get(address)!;
          const changes = await planResource(rc, graph, state, providers, scope, planned, changesByResource, filter, opts, diags);
          changesByResource.set(address, changes);
        })();
        pending.set(address, p);
      }
      return p;
    };
    await Promise.all(graph.order.map(planOne));
  }
  if (hasErrors(diags)) return { diagnostics: diags };
  const changes: ResourceChange[] = graph.order.flatMap((a) => changesByResource.get(a) ?? []);
  if (!opts.refreshOnly) changes.push(...plannedDeletions(config, state, changes, filter, !!opts.destroy, diags));
  if (hasErrors(diags)) return { diagnostics: diags };
  const annotated = changes.map((c): ResourceChange => {
    if (c.deposed) return c;
    const previous = moves.previous.get(c.address);
    const id = importing.get(c.address);
    return { ...c, ...(previous !== undefined ? { previousAddress: previous } : {}), ...(id !== undefined ? { importing: { id } } : {}) };
  });
  const outputs = opts.destroy ? destroyedOutputs(prior) : planOutputs(config, prior, scope, diags);
  return {
    plan: {
      changes: annotated, outputs, drift, destroy: !!opts.destroy, refreshOnly: !!opts.refreshOnly, refreshedState: state.file,
      priorSerial: prior.file.serial, priorLineage: prior.file.lineage, targeted: !!filter,
    },
    diagnostics: diags,
  };
}

async function planResource(
  rc: ResourceConfig, graph: Graph, state: StateView, providers: ProviderSet, scope: Scope, planned: Map<string, Value>,
  changesByResource: ReadonlyMap<string, ResourceChange[]>, filter: TargetFilter | undefined, opts: PlanOptions, diags: Diagnostic[],
): Promise<ResourceChange[]> {
  const p = providers.get(rc.provider);
  const schema = p && (rc.mode === 'data' ? p.schema.dataSources : p.schema.resources)[rc.type];
  if (!p) diags.push(error(`Provider ${rc.provider} is not configured`, `${rc.address} needs provider ${rc.provider}.`, { address: rc.address }));
  else if (!schema) diags.push(error(`Unknown ${rc.mode === 'data' ? 'data source' : 'resource'} type ${rc.type}`, `Provider ${p.source} has no ${rc.type}.`, { address: rc.address }));
  const expanded = expandResource(rc, scope, opts.maxInstances);
  diags.push(...expanded.diagnostics);
  if (!p || !schema || hasErrors(expanded.diagnostics)) {
    planned.set(rc.address, Unknown);
    return [];
  }
  const dependencies = [...(graph.deps.get(rc.address) ?? [])].sort();
  const values = new Map<InstanceKey, Value>();
  const changes = await Promise.all(expanded.instances.map(async (spec): Promise<ResourceChange | undefined> => {
    const iscope = instanceScope(scope, spec);
    if (filter && !filter.includes(rc.address, spec.key, spec.address)) {
      values.set(spec.key, state.instance(spec.address)?.attributes ?? Unknown);
      return undefined;
    }
    if (rc.mode === 'data') {
      const config = evaluateConfig(rc, iscope, spec.address, diags, schema.block);
      if (!config) return undefined;
      if (containsUnknown(config)) {
        // read during apply, once what it refers to exists
        const after = proposeNewState(schema.block, config, null);
        values.set(spec.key, after);
        return { address: spec.address, resource: rc.address, key: spec.key, mode: 'data', type: rc.type, name: rc.name, providerKey: rc.provider, action: 'read', before: null, after, replacePaths: [], dependencies, priorDependencies: [], createBeforeDestroy: false };
      }
      const res = await p.provider.readDataSource({ typeName: rc.type, config });
      diags.push(...inContext(res.diagnostics, spec.address));
      if (res.state) {
        state.setInstance({ mode: 'data', type: rc.type, name: rc.name, provider: stateProviderString(p.source, rc.provider.split('.')[1]) }, spec.address, {
          schema_version: schema.version, attributes: res.state, sensitive_attributes: sensitivePaths(sensitiveAttributePaths(schema.block, res.state)),
        });
      }
      values.set(spec.key, res.state);
      return undefined;
    }
    const change = await planManagedInstance({
      rc, spec, provider: p, scope: iscope, state, dependencies,
      forceReplace: (opts.replace ?? []).includes(spec.address),
      triggered: triggeredBy(rc, spec, changesByResource, diags),
    }, diags);
    values.set(spec.key, change?.after ?? Unknown);
    return change;
  }));
  planned.set(rc.address, resourceValue(expansionOf(rc), values));
  return changes.filter((c): c is ResourceChange => !!c);
}

/** Deletions: instances the configuration no longer declares (or all, when destroying), and deposed objects. */
function plannedDeletions(config: Config, state: StateView, changes: readonly ResourceChange[], filter: TargetFilter | undefined, destroy: boolean, diags: Diagnostic[]): ResourceChange[] {
  const kept = new Set(changes.map((c) => c.address));
  const out: ResourceChange[] = [];
  const addresses = state.instanceAddresses();
  for (const address of addresses.reverse()) {
    if (kept.has(address)) continue;
    const { resource, key } = parseInstanceAddress(address)!;
    const r = state.resource(resource)!;
    const rc = config.resources.get(resource);
    if (r.mode === 'data') {
      if (!rc || destroy) state.removeInstance(address);
      continue;
    }
    // what is still declared has a change (kept above); what -target leaves out stays as it is
    if (filter && !filter.includes(resource, key, address)) continue;
    if (rc?.lifecycle.preventDestroy) {
      diags.push(preventDestroyError(address));
      continue;
    }
    const inst = state.instance(address)!;
    const reason = destroy ? undefined : !rc ? 'delete_because_no_resource_config' : rc.count !== undefined ? 'delete_because_count_index' : rc.forEach !== undefined ? 'delete_because_each_key' : 'delete_because_no_resource_config';
    out.push({
      address, resource, key, mode: 'managed', type: r.type, name: r.name, providerKey: rc?.provider ?? providerKeyFromState(r.provider),
      action: 'delete', ...(reason ? { actionReason: reason } : {}), before: inst.attributes, after: null, replacePaths: [],
      dependencies: inst.dependencies ?? [], priorDependencies: inst.dependencies ?? [], createBeforeDestroy: false, private: inst.private,
    });
  }
  for (const d of state.deposedObjects()) {
    const { resource, key } = parseInstanceAddress(d.address)!;
    if (filter && !filter.includes(resource, key, d.address)) continue;
    out.push({
      address: d.address, resource, key, deposed: d.instance.deposed, mode: 'managed', type: d.resource.type, name: d.resource.name,
      providerKey: config.resources.get(resource)?.provider ?? providerKeyFromState(d.resource.provider), action: 'delete',
      actionReason: 'delete_because_no_resource_config_deposed', before: d.instance.attributes, after: null, replacePaths: [],
      dependencies: d.instance.dependencies ?? [], priorDependencies: d.instance.dependencies ?? [], createBeforeDestroy: false, private: d.instance.private,
    });
  }
  return out;
}

function planScope(config: Config, state: StateView, planned: Map<string, Value>, opts: PlanOptions): Scope {
  const locals = new Map<string, Value>();
  const evaluating = new Set<string>();
  const scope: Scope = {
    resource: (address) => {
      const rc = config.resources.get(address);
      if (!rc) return undefined;
      if (planned.has(address)) return planned.get(address)!;
      return stateValue(rc, state);
    },
    variable: (name) => opts.variables.get(name),
    local: (name) => {
      if (!config.locals.has(name)) return undefined;
      if (!locals.has(name)) {
        // the graph refuses cycles of locals; this keeps a missed one from ending the stack
        if (evaluating.has(name)) throw new ExprError(`local.${name} refers to itself, through other locals`);
        evaluating.add(name);
        try {
          locals.set(name, evaluateBody(config.locals.get(name), scope));
        } finally {
          evaluating.delete(name);
        }
      }
      return locals.get(name)!;
    },
    ...(opts.paths ? { paths: opts.paths } : {}),
    ...(opts.workspace ? { workspace: opts.workspace } : {}),
  } as Scope;
  return scope;
}

function planOutputs(config: Config, prior: StateView, scope: Scope, diags: Diagnostic[]): OutputChange[] {
  return config.outputs.map((o) => {
    let after: Value | null = null;
    try {
      after = evaluateBody(o.value, scope);
    } catch (err) {
      if (!(err instanceof ExprError)) throw err;
      diags.push(error(`Invalid value for output ${o.name}`, err.message, { configPath: ['output', o.name, 'value'] }));
    }
    return { name: o.name, before: (prior.file.outputs[o.name]?.value as Value) ?? null, after, sensitive: o.sensitive };
  });
}

function destroyedOutputs(prior: StateView): OutputChange[] {
  return Object.entries(prior.file.outputs).map(([name, o]) => ({ name, before: o.value as Value, after: null, sensitive: !!o.sensitive }));
}
