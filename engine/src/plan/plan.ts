// Planning: refresh the prior state through the providers, then plan every resource once what it
// depends on is planned (resources in parallel), expanding count and for_each into instances, and
// plan the deletion of what the configuration no longer declares. No side effects.
import { error, hasErrors, inContext, type Diagnostic } from '../diagnostics';
import { evaluateBody, type Scope } from '../expr/evaluate';
import { ExprError } from '../expr/parse';
import type { Config, ResourceConfig } from '../config/types';
import type { Graph } from '../graph/graph';
import { parseInstanceAddress, type InstanceAddress, type InstanceKey } from '../addresses/address';
import { stateProviderString } from '../config/source';
import { addressOf, sensitivePaths, type StateView } from '../state/state';
import { Unknown, type Value } from '../values';
import { expandResource, expansionOf, instanceScope, resourceValue, stateValue } from './expand';
import { cloneState, refreshState, type Drift } from './refresh';
import { applyMoves, impliedMoves, movedFromDeclared, movesOutsideTargets } from './moves';
import { importObject } from './import-object';
import { evaluateConfig, planManagedInstance } from './plan-instance';
import { forgets, plannedDeletions } from './deletions';
import { containsUnknown } from '../expr/convert';
import { proposeNewState } from './merge';
import { targetFilter, type TargetFilter } from './targets';
import { triggeredBy } from './triggers';
import { ignoreChangesDiagnostics } from './ignore-changes';
import { forEachSensitivity, outputSensitivity, sensitivityScope, type SchemaOf } from './sensitive-references';
import type { SensitivityScope } from '../expr/sensitivity';
import { markSchemaSets } from './set-values';
import { checkBlocksResult, checkConditions, resourceSite, validateVariables, withSelf } from './conditions';
import { checkModuleValidations } from './module-validations';
import type { ProviderSet } from './providers';
import type { OutputChange, Plan, ResourceChange } from './types';
import { sensitiveAttributePaths } from '../apply/sensitive';
import { configSensitivity, type ConfigSensitivity } from './config-sensitivity';

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
  /** when the plan is made (RFC 3339, UTC): plantimestamp() */
  readonly timestamp?: string;
  /** instances one resource may have (count or for_each) */
  readonly maxInstances?: number;
}

export async function makePlan(
  config: Config,
  graph: Graph,
  prior: StateView,
  providers: ProviderSet,
  opts: PlanOptions,
): Promise<{ plan?: Plan; diagnostics: Diagnostic[] }> {
  const diags: Diagnostic[] = [];
  let state = cloneState(prior.file);
  const moves = applyMoves([...config.moves, ...impliedMoves(config, state)], state);
  diags.push(...moves.diagnostics, ...movesOutsideTargets(moves.previous, opts.targets ?? []));
  const importing = new Map<string, string>();
  for (const im of opts.destroy ? [] : config.imports) {
    if (state.instance(im.to)) continue; // managed already: the block has done its work
    const rc = config.resources.get(parseInstanceAddress(im.to)!.resource)!;
    const p = providers.get(im.provider ?? rc.provider);
    if (!p)
      diags.push(
        error(`Provider ${im.provider ?? rc.provider} is not configured`, `The import into ${im.to} needs it.`, { address: im.to }),
      );
    else if (await importObject(p, rc, im.to, im.id, state, diags)) importing.set(im.to, im.id);
  }
  if (hasErrors(diags)) return { diagnostics: diags };
  let drift: Drift[] = [];
  if (opts.refresh !== false && state.instanceAddresses().length) {
    // what a removed block forgets is not read: it may no longer be reachable (terraform does the same)
    const forgotten = (address: string) => !opts.refreshOnly && forgets(config, parseInstanceAddress(address)!.resource, !!opts.destroy);
    const r = await refreshState(state, config, providers, forgotten);
    diags.push(...r.diagnostics);
    if (hasErrors(r.diagnostics)) return { diagnostics: diags };
    state = r.state;
    drift = r.drift;
  }
  const stateDeps = new Map<string, string[]>();
  for (const r of state.resources()) for (const i of r.instances) stateDeps.set(addressOf(r), i.dependencies ?? []);
  const filter = targetFilter(opts.targets ?? [], graph, !!opts.destroy, stateDeps);
  const planned = new Map<string, Value>();
  const changesByResource = new Map<string, ResourceChange[]>();
  const scope = planScope(config, state, planned, opts);
  if (!opts.destroy) diags.push(...validateVariables(config, scope));
  // module variables' rules whose values are known before planning fail the plan before anything is planned
  const moduleRules = opts.destroy
    ? undefined
    : checkModuleValidations(config.moduleValidations ?? [], planScope(config, state, planned, opts, true));
  diags.push(...(moduleRules?.diagnostics ?? []));
  if (hasErrors(diags)) return { diagnostics: diags };

  if (!opts.destroy && !opts.refreshOnly) {
    const sensitiveOf = configSensitivity(config, providers);
    const pending = new Map<string, Promise<void>>();
    const planOne = (address: string): Promise<void> => {
      let p = pending.get(address);
      if (!p) {
        p = (async () => {
          await Promise.all([...(graph.deps.get(address) ?? [])].map(planOne));
          const rc = config.resources.get(address)!;
          const refused = forEachSensitivity(rc, sensitivityScope(config, schemaOf(providers)));
          diags.push(...refused);
          if (refused.length) return void planned.set(address, Unknown);
          const changes = await planResource(
            rc,
            graph,
            state,
            providers,
            scope,
            planned,
            changesByResource,
            filter,
            opts,
            diags,
            sensitiveOf,
          );
          changesByResource.set(address, changes);
        })();
        pending.set(address, p);
      }
      return p;
    };
    await Promise.all(graph.order.map(planOne));
  }
  const stillUnknown = moduleRules ? checkModuleValidations(moduleRules.deferred, scope) : undefined;
  diags.push(...(stillUnknown?.diagnostics ?? []));
  if (hasErrors(diags)) return { diagnostics: diags };
  const changes: ResourceChange[] = graph.order.flatMap((a) => changesByResource.get(a) ?? []);
  diags.push(...movedFromDeclared(config.moves, changes));
  if (!opts.refreshOnly) {
    changes.push(...plannedDeletions({ config, state, changes, filter, destroy: !!opts.destroy, previous: moves.previous }, diags));
  }
  if (hasErrors(diags)) return { diagnostics: diags };
  const annotated = changes.map((c): ResourceChange => {
    if (c.deposed) return c;
    // as terraform, a destroy plan deletes moved objects at their new addresses without saying where they were
    const previous = opts.destroy ? undefined : moves.previous.get(c.address);
    const id = importing.get(c.address);
    return { ...c, ...(previous !== undefined ? { previousAddress: previous } : {}), ...(id !== undefined ? { importing: { id } } : {}) };
  });
  const sensitivity = sensitivityScope(config, schemaOf(providers));
  const outputs = opts.destroy ? destroyedOutputs(prior) : planOutputs(config, prior, scope, sensitivity, diags);
  if (!opts.destroy) diags.push(...checkBlocksResult(config, scope));
  if (hasErrors(diags)) return { diagnostics: diags };
  return {
    plan: {
      changes: annotated,
      outputs,
      drift,
      destroy: !!opts.destroy,
      refreshOnly: !!opts.refreshOnly,
      refreshedState: state.file,
      priorSerial: prior.file.serial,
      priorLineage: prior.file.lineage,
      targeted: !!filter,
      ...(opts.timestamp ? { timestamp: opts.timestamp } : {}),
      ...(stillUnknown?.deferred.length && !opts.refreshOnly ? { deferredValidations: stillUnknown.deferred } : {}),
    },
    diagnostics: diags,
  };
}

async function planResource(
  rc: ResourceConfig,
  graph: Graph,
  state: StateView,
  providers: ProviderSet,
  scope: Scope,
  planned: Map<string, Value>,
  changesByResource: ReadonlyMap<string, ResourceChange[]>,
  filter: TargetFilter | undefined,
  opts: PlanOptions,
  diags: Diagnostic[],
  sensitiveOf: ConfigSensitivity,
): Promise<ResourceChange[]> {
  const p = providers.get(rc.provider);
  const schema = p && (rc.mode === 'data' ? p.schema.dataSources : p.schema.resources)[rc.type];
  if (!p)
    diags.push(error(`Provider ${rc.provider} is not configured`, `${rc.address} needs provider ${rc.provider}.`, { address: rc.address }));
  else if (!schema)
    diags.push(
      error(`Unknown ${rc.mode === 'data' ? 'data source' : 'resource'} type ${rc.type}`, `Provider ${p.source} has no ${rc.type}.`, {
        address: rc.address,
      }),
    );
  const ignoring = schema ? ignoreChangesDiagnostics(rc.address, rc.lifecycle.ignoreChanges, schema.block) : [];
  diags.push(...ignoring);
  const expanded = expandResource(rc, scope, opts.maxInstances);
  diags.push(...expanded.diagnostics);
  if (!p || !schema || hasErrors(expanded.diagnostics) || hasErrors(ignoring)) {
    planned.set(rc.address, Unknown);
    return [];
  }
  const dependencies = [...(graph.deps.get(rc.address) ?? [])].sort();
  const values = new Map<InstanceKey, Value>();
  const changes = await Promise.all(
    expanded.instances.map(async (spec): Promise<ResourceChange | undefined> => {
      const iscope = instanceScope(scope, spec);
      if (filter && !filter.includes(rc.address, spec.key, spec.address)) {
        values.set(spec.key, markSchemaSets(state.instance(spec.address)?.attributes, schema.block) ?? Unknown);
        return undefined;
      }
      const pre = checkConditions(rc.lifecycle.preconditions, iscope, resourceSite('precondition', spec.address));
      diags.push(...pre.diagnostics);
      if (hasErrors(pre.diagnostics)) {
        values.set(spec.key, Unknown);
        return undefined;
      }
      const postconditions = (self: Value) => {
        const post = checkConditions(rc.lifecycle.postconditions, withSelf(iscope, self), resourceSite('postcondition', spec.address));
        diags.push(...post.diagnostics);
      };
      if (rc.mode === 'data') {
        const config = evaluateConfig(rc, iscope, spec.address, diags, schema.block);
        if (!config) return undefined;
        if (containsUnknown(config)) {
          // read during apply, once what it refers to exists
          const after = proposeNewState(schema.block, config, null);
          values.set(spec.key, markSchemaSets(after, schema.block));
          return {
            address: spec.address,
            resource: rc.address,
            key: spec.key,
            mode: 'data',
            type: rc.type,
            name: rc.name,
            providerKey: rc.provider,
            action: 'read',
            before: null,
            after,
            replacePaths: [],
            dependencies,
            priorDependencies: [],
            createBeforeDestroy: false,
          };
        }
        const res = await p.provider.readDataSource({ typeName: rc.type, config });
        diags.push(...inContext(res.diagnostics, spec.address));
        if (res.state) {
          state.setInstance(
            { mode: 'data', type: rc.type, name: rc.name, provider: stateProviderString(p.source, rc.provider.split('.')[1]) },
            spec.address,
            {
              schema_version: schema.version,
              attributes: res.state,
              sensitive_attributes: sensitivePaths(sensitiveAttributePaths(schema.block, res.state)),
            },
          );
        }
        values.set(spec.key, markSchemaSets(res.state, schema.block));
        if (res.state) postconditions(res.state);
        return undefined;
      }
      const change = await planManagedInstance(
        {
          rc,
          spec,
          provider: p,
          scope: iscope,
          state,
          dependencies,
          forceReplace: (opts.replace ?? []).includes(spec.address),
          triggered: triggeredBy(rc, spec, changesByResource, diags),
          configSensitive: sensitiveOf(rc),
        },
        diags,
      );
      values.set(spec.key, markSchemaSets(change?.after, schema.block) ?? Unknown);
      if (change?.after) postconditions(change.after);
      return change;
    }),
  );
  planned.set(rc.address, resourceValue(expansionOf(rc), values));
  return changes.filter((c): c is ResourceChange => !!c);
}

/** The schema of a resource's type, from its configured provider. */
function schemaOf(providers: ProviderSet): SchemaOf {
  return (rc) => {
    const p = providers.get(rc.provider);
    return p && (rc.mode === 'data' ? p.schema.dataSources : p.schema.resources)[rc.type]?.block;
  };
}

/** The values expressions see while planning; `beforePlanning`, a resource not planned yet is unknown, not its prior state. */
function planScope(config: Config, state: StateView, planned: Map<string, Value>, opts: PlanOptions, beforePlanning = false): Scope {
  const locals = new Map<string, Value>();
  const evaluating = new Set<string>();
  const scope: Scope = {
    resource: (address) => {
      const rc = config.resources.get(address);
      if (!rc) return undefined;
      if (planned.has(address)) return planned.get(address)!;
      if (beforePlanning) return Unknown;
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
    clock: { ...(opts.timestamp ? { planTimestamp: opts.timestamp } : {}), applying: false },
  } as Scope;
  return scope;
}

function planOutputs(config: Config, prior: StateView, scope: Scope, sensitivity: SensitivityScope, diags: Diagnostic[]): OutputChange[] {
  return config.outputs.map((o) => {
    diags.push(...outputSensitivity(o, sensitivity));
    const site = { summary: 'Module output value precondition failed', severity: 'error' as const, address: `output.${o.name}` };
    diags.push(...checkConditions(o.preconditions, scope, site).diagnostics);
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
