// Applying a plan: a walk of the changes in dependency order with bounded parallelism. Creations
// and updates wait for what they depend on; deletions wait for what depends (or depended) on
// them. Before each side effect the intent is reported (so a crash leaves evidence) and after it
// the object is handed to the hooks to be recorded. A failure stops only what depends on it.
import { randomUUID } from 'node:crypto';
import { error, hasErrors, inContext, type Diagnostic } from '../diagnostics';
import type { Config, ResourceConfig } from '../config/types';
import { configSensitivity, type ConfigSensitivity } from '../plan/config-sensitivity';
import type { ObjectValue } from '../provider/interface';
import { proposeNewState } from '../plan/merge';
import type { ConfiguredProvider, ProviderSet } from '../plan/providers';
import type { Plan, ResourceChange } from '../plan/types';
import { type ResourceMeta, type StateInstance, type StateView } from '../state/state';
import type { CreateIntent } from '../state/backend';
import { stateProviderString } from '../config/source';
import { evaluateConfig } from '../plan/plan-instance';
import { applyIgnoreChanges } from '../plan/ignore-changes';
import { applyScope, instanceSpecAtApply } from './apply-scope';
import { recordedInstance } from './record';
import { firstInconsistency, inconsistentFinalPlan } from './final-plan-check';
import { checkBlocksResult, checkConditions, resourceSite, withSelf } from '../plan/conditions';
import type { Scope } from '../expr/evaluate';
import type { ModuleValidationConfig } from '../config/types';
import { checkModuleValidations } from '../plan/module-validations';
import { deferredValidationOrder, type DeferredRule } from './deferred-validations';

export type Verb = 'create' | 'update' | 'delete' | 'read';

export interface ApplyHooks {
  /**
   * before the side effect of `change` starts; the side effect waits for it (to record the intent).
   * A create comes with its idempotency key and what recovering it would need.
   */
  onStart?(change: ResourceChange, verb: Verb, create?: CreateIntent): void | Promise<void>;
  onDone?(change: ResourceChange, verb: Verb, id: string | undefined, seconds: number): void;
  onError?(change: ResourceChange, diags: Diagnostic[]): void;
  /** an object was written to the state (record it); the walk waits for it */
  onObjectSet?(meta: ResourceMeta, address: string, instance: StateInstance): void | Promise<void>;
  /** an object left the state */
  onObjectRemoved?(address: string, deposed?: string): void | Promise<void>;
  /** true once the user asked to stop: nothing new starts */
  stopRequested?(): boolean;
  /** a module variable's validation rule, unknown at plan, failed now: what uses the variable is not applied */
  onInvalidVariable?(rule: ModuleValidationConfig): void;
}

export interface ApplyOptions {
  readonly parallelism?: number;
  readonly variables: ReadonlyMap<string, import('../values').Value>;
  readonly paths?: { module: string; root: string; cwd: string };
  readonly workspace?: string;
}

export async function applyPlan(
  plan: Plan,
  config: Config,
  state: StateView,
  providers: ProviderSet,
  hooks: ApplyHooks,
  opts: ApplyOptions,
): Promise<Diagnostic[]> {
  const diags: Diagnostic[] = [];
  const changes = plan.changes.filter((c) => c.action !== 'no-op');
  // who waits for whom, indexed once
  const writesOf = new Map<string, ResourceChange[]>();
  const mustPrecedeDelete = new Map<string, ResourceChange[]>();
  const push = (m: Map<string, ResourceChange[]>, k: string, c: ResourceChange) => (m.get(k) ?? m.set(k, []).get(k)!).push(c);
  for (const c of changes) {
    if (c.action !== 'delete') push(writesOf, c.resource, c);
    for (const d of c.action === 'delete' ? c.dependencies : c.priorDependencies) push(mustPrecedeDelete, d, c);
  }
  const done = new Map<ResourceChange, Promise<boolean>>();
  let running = 0;
  const waiting: (() => void)[] = [];
  const limit = Math.max(1, opts.parallelism ?? 10);
  const slot = async () => {
    while (running >= limit) await new Promise<void>((r) => waiting.push(r));
    running++;
  };
  const release = () => {
    running--;
    waiting.shift()?.();
  };
  const scope = scopeOfPlan(plan, config, state, opts);
  const applier = new ChangeApplier(config, state, providers, scope, hooks, diags);
  // module variables' rules unknown at plan: each checked once what it refers to is applied, before what uses the variable
  const deferred = deferredValidationOrder(plan.deferredValidations ?? [], config, changes);
  const checked = new Map<DeferredRule, Promise<boolean>>();
  const check = (d: DeferredRule): Promise<boolean> => {
    let p = checked.get(d);
    if (p) return p;
    p = (async () => {
      const results = await Promise.all(d.refersTo.flatMap((a) => writesOf.get(a) ?? []).map(run));
      if (results.some((ok) => !ok)) return false;
      // still unknown now (what it refers to was not applied, -target) is no failure, as in terraform
      const result = checkModuleValidations([d.rule], scope);
      diags.push(...result.diagnostics);
      if (!hasErrors(result.diagnostics)) return true;
      hooks.onInvalidVariable?.(d.rule);
      return false;
    })();
    checked.set(d, p);
    return p;
  };

  const run = (c: ResourceChange): Promise<boolean> => {
    let p = done.get(c);
    if (p) return p;
    p = (async () => {
      const first =
        c.action === 'delete'
          ? (mustPrecedeDelete.get(c.resource) ?? []).filter((o) => o !== c && o.resource !== c.resource)
          : c.dependencies.flatMap((d) => writesOf.get(d) ?? []);
      const gates = c.action === 'delete' ? [] : (deferred.gates.get(c.resource) ?? []);
      const results = await Promise.all([...first.map(run), ...gates.map(check)]);
      if (results.some((ok) => !ok)) return false;
      if (hooks.stopRequested?.()) return false;
      await slot();
      try {
        return await applier.apply(c);
      } finally {
        release();
      }
    })();
    done.set(c, p);
    return p;
  };
  await Promise.all([...changes.map(run), ...deferred.rules.map(check)]);
  // as terraform, check blocks are evaluated again on what apply made: failures warn
  if (!plan.destroy && !plan.refreshOnly) diags.push(...checkBlocksResult(config, scope));
  return diags;
}

/**
 * With nothing to apply, the module variables' rules left for apply (a value from timestamp(), say)
 * are checked on the state as it is, as terraform's apply checks them; returns the errors and the rules that failed.
 */
export function checkDeferredValidations(
  plan: Plan,
  config: Config,
  state: StateView,
  opts: ApplyOptions,
): { diagnostics: Diagnostic[]; failed: ModuleValidationConfig[] } {
  const scope = scopeOfPlan(plan, config, state, opts);
  const diagnostics: Diagnostic[] = [];
  const failed: ModuleValidationConfig[] = [];
  for (const rule of plan.deferredValidations ?? []) {
    const result = checkModuleValidations([rule], scope);
    diagnostics.push(...result.diagnostics);
    if (hasErrors(result.diagnostics)) failed.push(rule);
  }
  return { diagnostics, failed };
}

/** The scope a plan is applied in: plantimestamp() gives the time the plan was made. */
function scopeOfPlan(plan: Plan, config: Config, state: StateView, opts: ApplyOptions): ReturnType<typeof applyScope> {
  return applyScope(config, state, { ...opts, ...(plan.timestamp ? { planTimestamp: plan.timestamp } : {}) });
}

class ChangeApplier {
  constructor(
    private readonly config: Config,
    private readonly state: StateView,
    private readonly providers: ProviderSet,
    private readonly scope: ReturnType<typeof applyScope>,
    private readonly hooks: ApplyHooks,
    private readonly diags: Diagnostic[],
  ) {
    this.sensitiveOf = configSensitivity(config, providers);
  }

  /** the attributes each resource's configuration sets from sensitive values, recorded in state as terraform does */
  private readonly sensitiveOf: ConfigSensitivity;

  async apply(c: ResourceChange): Promise<boolean> {
    if (c.action === 'forget') return this.forget(c);
    const p = this.providers.get(c.providerKey);
    if (!p) return this.fail(c, [error(`Provider ${c.providerKey} is not configured`)]);
    if (c.action === 'read') return this.read(c, p);
    if (c.action === 'delete') return this.destroy(c, p, c.deposed);
    if (c.action === 'replace' && c.createBeforeDestroy) {
      // the old object stays in the state, deposed, until the new one exists
      const deposed = this.state.depose(c.address);
      if (deposed) {
        await this.hooks.onObjectRemoved?.(c.address);
        await this.hooks.onObjectSet?.(
          this.meta(c, p),
          c.address,
          this.state.resource(c.resource)!.instances.find((i) => i.deposed === deposed)!,
        );
      }
      if (!(await this.write(c, p, null))) return false;
      return deposed ? this.destroy(c, p, deposed) : true;
    }
    if (c.action === 'replace' && !(await this.destroy(c, p))) return false;
    return this.write(c, p, c.action === 'replace' ? null : (this.state.instance(c.address)?.attributes ?? null));
  }

  /** The object leaves the state and stays where it is: no provider is asked. */
  private async forget(c: ResourceChange): Promise<boolean> {
    if (!this.state.instance(c.address)) return true;
    this.state.removeInstance(c.address);
    await this.hooks.onObjectRemoved?.(c.address);
    return true;
  }

  private async read(c: ResourceChange, p: ConfiguredProvider): Promise<boolean> {
    const rc = this.config.resources.get(c.resource)!;
    const schema = p.schema.dataSources[c.type];
    const scope = instanceSpecAtApply(rc, c, this.scope);
    const pre = checkConditions(rc.lifecycle.preconditions, scope, resourceSite('precondition', c.address));
    if (hasErrors(pre.diagnostics)) return this.fail(c, pre.diagnostics);
    const config = evaluateConfig(rc, scope, c.address, this.diags, schema.block);
    if (!config) return false;
    const started = Date.now();
    await this.hooks.onStart?.(c, 'read');
    const res = await p.provider.readDataSource({ typeName: c.type, config });
    if (hasErrors(res.diagnostics) || !res.state) return this.fail(c, res.diagnostics);
    await this.set(c, p, recordedInstance(schema, res.state, undefined, c.dependencies));
    this.hooks.onDone?.(c, 'read', undefined, (Date.now() - started) / 1000);
    return this.postconditions(c, rc, scope, res.state);
  }

  private async destroy(c: ResourceChange, p: ConfiguredProvider, deposed?: string): Promise<boolean> {
    const prior = deposed ? this.state.resource(c.resource)?.instances.find((i) => i.deposed === deposed) : this.state.instance(c.address);
    if (!prior) return true;
    const started = Date.now();
    await this.hooks.onStart?.(deposed ? { ...c, deposed } : c, 'delete');
    const res = await p.provider.applyResourceChange({
      typeName: c.type,
      priorState: prior.attributes,
      plannedState: null,
      config: null,
      plannedPrivate: prior.private,
    });
    if (hasErrors(res.diagnostics)) return this.fail(c, res.diagnostics);
    this.state.removeInstance(c.address, deposed);
    await this.hooks.onObjectRemoved?.(c.address, deposed);
    this.hooks.onDone?.(deposed ? { ...c, deposed } : c, 'delete', idOf(prior.attributes), (Date.now() - started) / 1000);
    return true;
  }

  /** Creates (current null) or updates the object, planning it again now that references are known. */
  private async write(c: ResourceChange, p: ConfiguredProvider, current: ObjectValue | null): Promise<boolean> {
    const rc = this.config.resources.get(c.resource)!;
    const schema = p.schema.resources[c.type];
    const scope = instanceSpecAtApply(rc, c, this.scope);
    // preconditions whose values were known only after apply are decided now, before the object is touched
    const pre = checkConditions(rc.lifecycle.preconditions, scope, resourceSite('precondition', c.address));
    if (hasErrors(pre.diagnostics)) return this.fail(c, pre.diagnostics);
    const evaluated = evaluateConfig(rc, scope, c.address, this.diags, schema.block);
    if (!evaluated) return false;
    const configValue = current ? applyIgnoreChanges(evaluated, current, rc.lifecycle.ignoreChanges, schema.block) : evaluated;
    const priv = current ? this.state.instance(c.address)?.private : undefined;
    const planned = await p.provider.planResourceChange({
      typeName: c.type,
      priorState: current,
      proposedNewState: proposeNewState(schema.block, configValue, current),
      config: configValue,
      priorPrivate: priv,
    });
    if (hasErrors(planned.diagnostics) || !planned.plannedState) return this.fail(c, planned.diagnostics);
    const inconsistency = firstInconsistency(c.after, planned.plannedState);
    if (inconsistency) return this.fail(c, [inconsistentFinalPlan(c.address, inconsistency)]);
    const verb = current ? 'update' : 'create';
    const started = Date.now();
    const create: CreateIntent | undefined = current
      ? undefined
      : { idempotencyKey: randomUUID(), providerKey: c.providerKey, meta: this.meta(c, p), dependencies: c.dependencies };
    await this.hooks.onStart?.(c, verb, create);
    const res = await p.provider.applyResourceChange({
      typeName: c.type,
      priorState: current,
      plannedState: planned.plannedState,
      config: configValue,
      plannedPrivate: planned.plannedPrivate,
      ...(create ? { idempotencyKey: create.idempotencyKey } : {}),
    });
    const failed = hasErrors(res.diagnostics);
    if (res.newState) {
      const instance = recordedInstance(schema, res.newState, res.private, c.dependencies, failed && !current, this.sensitiveOf(rc));
      await this.set(c, p, instance);
    } else if (verb === 'create' || !failed) {
      this.state.removeInstance(c.address);
      await this.hooks.onObjectRemoved?.(c.address);
    }
    if (failed) return this.fail(c, res.diagnostics);
    this.hooks.onDone?.(c, verb, idOf(res.newState), (Date.now() - started) / 1000);
    return res.newState ? this.postconditions(c, rc, scope, res.newState) : true;
  }

  /** Postconditions on the object as made: a failure is an error (the object stays in the state, as in terraform). */
  private postconditions(c: ResourceChange, rc: ResourceConfig, scope: Scope, self: ObjectValue): boolean {
    const post = checkConditions(rc.lifecycle.postconditions, withSelf(scope, self), resourceSite('postcondition', c.address));
    return hasErrors(post.diagnostics) ? this.fail(c, post.diagnostics) : true;
  }

  private meta(c: ResourceChange, p: ConfiguredProvider): ResourceMeta {
    return { mode: c.mode, type: c.type, name: c.name, provider: stateProviderString(p.source, c.providerKey.split('.')[1]) };
  }

  private async set(c: ResourceChange, p: ConfiguredProvider, inst: StateInstance): Promise<void> {
    const meta = this.meta(c, p);
    this.state.setInstance(meta, c.address, inst);
    await this.hooks.onObjectSet?.(meta, c.address, this.state.instance(c.address)!);
  }

  private fail(c: ResourceChange, d: Diagnostic[]): false {
    const placed = inContext(d, c.address);
    this.diags.push(...placed);
    this.hooks.onError?.(c, placed);
    return false;
  }
}

function idOf(v: ObjectValue | null | undefined): string | undefined {
  const id = v?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}
