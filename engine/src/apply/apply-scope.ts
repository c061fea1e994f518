// The scope expressions are evaluated in during apply: resources as the state holds them now
// (so values known only after apply are filled in), and each instance's count.index or each.
import type { Config, ResourceConfig } from '../config/types';
import { evaluateBody, type Scope } from '../expr/evaluate';
import { instanceScope, stateValue } from '../plan/expand';
import type { ResourceChange } from '../plan/types';
import type { StateView } from '../state/state';
import type { Value } from '../values';

export function applyScope(
  config: Config,
  state: StateView,
  opts: {
    variables: ReadonlyMap<string, Value>;
    paths?: { module: string; root: string; cwd: string };
    workspace?: string;
    /** apply is running: timestamp() is the time of the call, plantimestamp() the plan's */
    planTimestamp?: string;
  },
): Scope {
  const scope: Scope = {
    resource: (address) => {
      const rc = config.resources.get(address);
      return rc ? stateValue(rc, state) : undefined;
    },
    variable: (name) => opts.variables.get(name),
    local: (name) => (config.locals.has(name) ? evaluateBody(config.locals.get(name), scope) : undefined),
    ...(opts.paths ? { paths: opts.paths } : {}),
    ...(opts.workspace ? { workspace: opts.workspace } : {}),
    clock: { ...(opts.planTimestamp ? { planTimestamp: opts.planTimestamp } : {}), applying: true },
  } as Scope;
  return scope;
}

/** The scope of the instance a change is for: count.index from its key, each from for_each now. */
export function instanceSpecAtApply(rc: ResourceConfig, c: ResourceChange, scope: Scope): Scope {
  if (typeof c.key === 'number') return instanceScope(scope, { countIndex: c.key });
  if (typeof c.key === 'string') {
    const all = evaluateBody(rc.forEach, scope);
    const value = Array.isArray(all) ? c.key : ((all as Record<string, Value> | null)?.[c.key] ?? null);
    return instanceScope(scope, { each: { key: c.key, value } });
  }
  return scope;
}
