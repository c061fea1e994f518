// Applying a plan: a walk of the changes in dependency order with bounded parallelism. Creations
// and updates wait for what they depend on; deletions wait for what depends on them. Before each
// side effect the intent is reported (so a crash leaves evidence) and after it the state is
// updated and handed to `onStateChange`. A failure stops only what depends on it.
import { error, hasErrors, inContext, type Diagnostic } from '../diagnostics';
import { evaluateBody, type Scope } from '../expr/evaluate';
import type { Config } from '../config/types';
import type { ObjectValue } from '../provider/interface';
import { proposeNewState } from '../plan/merge';
import type { ProviderSet } from '../plan/providers';
import type { Plan, ResourceChange } from '../plan/types';
import { sensitivePaths, type StateView } from '../state/state';
import { stateProviderString } from '../config/source';
import { sensitiveAttributePaths } from './sensitive';
import type { Value } from '../values';

export interface ApplyHooks {
  /** before the side effect of `change` starts */
  onStart?(change: ResourceChange, verb: 'create' | 'update' | 'delete'): void;
  onDone?(change: ResourceChange, verb: 'create' | 'update' | 'delete', id: string | undefined, seconds: number): void;
  onError?(change: ResourceChange, diags: Diagnostic[]): void;
  /** the state changed: persist it */
  onStateChange?(state: StateView): void;
  /** true once the user asked to stop: nothing new starts */
  stopRequested?(): boolean;
}

export interface ApplyOptions {
  readonly parallelism?: number;
}

export async function applyPlan(plan: Plan, config: Config, state: StateView, providers: ProviderSet, hooks: ApplyHooks = {}, opts: ApplyOptions = {}): Promise<Diagnostic[]> {
  const diags: Diagnostic[] = [];
  const changes = plan.changes.filter((c) => c.action !== 'no-op');
  const byAddress = new Map(changes.map((c) => [c.address, c]));
  const done = new Map<string, Promise<boolean>>();
  let running = 0;
  const waiting: (() => void)[] = [];
  const limit = Math.max(1, opts.parallelism ?? 10);
  const slot = async () => {
    if (running >= limit) await new Promise<void>((r) => waiting.push(r));
    running++;
  };
  const release = () => {
    running--;
    waiting.shift()?.();
  };
  const scope = applyScope(config, state);

  const deletesDependingOn = (address: string) => changes.filter((c) => c.action === 'delete' && c.dependencies.includes(address)).map((c) => c.address);

  const run = (c: ResourceChange): Promise<boolean> => {
    let p = done.get(c.address);
    if (p) return p;
    p = (async () => {
      // what must finish first
      const before = c.action === 'delete' ? deletesDependingOn(c.address) : c.dependencies.filter((d) => byAddress.has(d) && byAddress.get(d)!.action !== 'delete');
      const results = await Promise.all(before.map((a) => run(byAddress.get(a)!)));
      if (results.some((ok) => !ok)) return false;
      if (hooks.stopRequested?.()) return false;
      await slot();
      try {
        return await applyOne(c, config, state, providers, scope, hooks, diags);
      } finally {
        release();
      }
    })();
    done.set(c.address, p);
    return p;
  };
  await Promise.all(changes.map(run));
  return diags;
}

async function applyOne(c: ResourceChange, config: Config, state: StateView, providers: ProviderSet, scope: Scope, hooks: ApplyHooks, diags: Diagnostic[]): Promise<boolean> {
  const p = providers.get(c.providerKey);
  if (!p) {
    diags.push(error(`Provider ${c.providerKey} is not configured`, undefined, { address: c.address }));
    return false;
  }
  const fail = (d: Diagnostic[]) => {
    const placed = inContext(d, c.address);
    diags.push(...placed);
    hooks.onError?.(c, placed);
    return false;
  };
  if (c.mode === 'data') {
    setInstance(state, c, c.after ?? {}, undefined, p.source, p.schema.dataSources[c.type]?.block);
    hooks.onStateChange?.(state);
    return true;
  }
  const prior = state.instance(c.address);
  if (c.action === 'delete' || c.action === 'replace') {
    if (prior) {
      const started = Date.now();
      hooks.onStart?.(c, 'delete');
      const res = await p.provider.applyResourceChange({ typeName: c.type, priorState: prior.attributes, plannedState: null, config: null, plannedPrivate: prior.private });
      if (hasErrors(res.diagnostics)) return fail(res.diagnostics);
      state.remove(c.address);
      hooks.onStateChange?.(state);
      hooks.onDone?.(c, 'delete', idOf(prior.attributes), (Date.now() - started) / 1000);
    }
    if (c.action === 'delete') return true;
  }
  const rc = config.resources.get(c.address)!;
  const schema = p.schema.resources[c.type];
  const configValue = evaluateBody(rc.body, scope) as ObjectValue;
  const current = c.action === 'replace' ? null : state.instance(c.address)?.attributes ?? null;
  const planned = await p.provider.planResourceChange({ typeName: c.type, priorState: current, proposedNewState: proposeNewState(schema.block, configValue, current), config: configValue, priorPrivate: state.instance(c.address)?.private });
  if (hasErrors(planned.diagnostics) || !planned.plannedState) return fail(planned.diagnostics);
  const verb = current ? 'update' : 'create';
  const started = Date.now();
  hooks.onStart?.(c, verb);
  const res = await p.provider.applyResourceChange({ typeName: c.type, priorState: current, plannedState: planned.plannedState, config: configValue, plannedPrivate: planned.plannedPrivate });
  if (res.newState) {
    setInstance(state, c, res.newState, res.private, p.source, schema.block, hasErrors(res.diagnostics) && !current);
    hooks.onStateChange?.(state);
  } else if (verb === 'create') {
    state.remove(c.address);
  }
  if (hasErrors(res.diagnostics)) return fail(res.diagnostics);
  hooks.onDone?.(c, verb, idOf(res.newState), (Date.now() - started) / 1000);
  return true;
}

function setInstance(state: StateView, c: ResourceChange, attributes: ObjectValue, priv: string | undefined, source: string, block: Parameters<typeof sensitiveAttributePaths>[0] | undefined, tainted = false): void {
  const alias = c.providerKey.includes('.') ? c.providerKey.split('.')[1] : undefined;
  state.set({
    mode: c.mode, type: c.type, name: c.name, provider: stateProviderString(source, alias),
    instances: [{
      schema_version: 0, attributes, sensitive_attributes: block ? sensitivePaths(sensitiveAttributePaths(block, attributes)) : [],
      ...(priv ? { private: priv } : {}), dependencies: c.dependencies, ...(tainted ? { status: 'tainted' as const } : {}),
    }],
  });
}

function idOf(v: ObjectValue | null | undefined): string | undefined {
  const id = v?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

function applyScope(config: Config, state: StateView): Scope {
  const scope: Scope = {
    resource: (address) => (config.resources.has(address) ? ((state.instance(address)?.attributes as Value) ?? null) : undefined),
    variable: (name) => (config.variables.has(name) ? (config.variables.get(name) as Value) ?? null : undefined),
    local: (name) => (config.locals.has(name) ? evaluateBody(config.locals.get(name), scope) : undefined),
  };
  return scope;
}

