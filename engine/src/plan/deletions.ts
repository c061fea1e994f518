// What leaves the state: instances the configuration no longer declares are destroyed (or only
// forgotten, under a `removed` block with destroy = false), every instance when destroying, and
// deposed objects. Each deletion carries terraform's reason.
import { warning, type Diagnostic } from '../diagnostics';
import type { Config, ResourceConfig } from '../config/types';
import { parseInstanceAddress, type InstanceKey } from '../addresses/address';
import { providerKeyFromState } from '../config/source';
import type { StateView } from '../state/state';
import { preventDestroyError } from './plan-instance';
import type { TargetFilter } from './targets';
import type { ActionReason, ResourceChange } from './types';

export interface DeletionContext {
  readonly config: Config;
  readonly state: StateView;
  /** the changes planned for what the configuration declares */
  readonly changes: readonly ResourceChange[];
  readonly filter: TargetFilter | undefined;
  readonly destroy: boolean;
  /** the address each object moved from in this plan, by its new address */
  readonly previous: ReadonlyMap<string, string>;
}

/** Whether the plan forgets the resource's objects rather than destroying them. */
export function forgets(config: Config, resource: string, destroy: boolean): boolean {
  return !destroy && !config.resources.has(resource) && config.removed.some((r) => r.from === resource && !r.destroy);
}

export function plannedDeletions(ctx: DeletionContext, diags: Diagnostic[]): ResourceChange[] {
  const { config, state, filter, destroy } = ctx;
  const kept = new Set(ctx.changes.map((c) => c.address));
  const out: ResourceChange[] = [];
  const forgotten: string[] = [];
  for (const address of state.instanceAddresses().reverse()) {
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
    const forget = forgets(config, resource, destroy);
    if (rc?.lifecycle.preventDestroy && !forget) {
      diags.push(preventDestroyError(address));
      continue;
    }
    if (forget) forgotten.push(address);
    const inst = state.instance(address)!;
    const reason = destroy ? undefined : deleteReason(rc, key, ctx.previous.has(address));
    out.push({
      address,
      resource,
      key,
      mode: 'managed',
      type: r.type,
      name: r.name,
      providerKey: rc?.provider ?? providerKeyFromState(r.provider),
      action: forget ? 'forget' : 'delete',
      ...(reason ? { actionReason: reason } : {}),
      before: inst.attributes,
      after: null,
      replacePaths: [],
      dependencies: inst.dependencies ?? [],
      priorDependencies: inst.dependencies ?? [],
      createBeforeDestroy: false,
      private: inst.private,
    });
  }
  if (forgotten.length) diags.push(forgetWarning(forgotten));
  for (const d of state.deposedObjects()) {
    const { resource, key } = parseInstanceAddress(d.address)!;
    if (filter && !filter.includes(resource, key, d.address)) continue;
    out.push({
      address: d.address,
      resource,
      key,
      deposed: d.instance.deposed,
      mode: 'managed',
      type: d.resource.type,
      name: d.resource.name,
      providerKey: config.resources.get(resource)?.provider ?? providerKeyFromState(d.resource.provider),
      action: 'delete',
      actionReason: 'delete_because_no_resource_config_deposed',
      before: d.instance.attributes,
      after: null,
      replacePaths: [],
      dependencies: d.instance.dependencies ?? [],
      priorDependencies: d.instance.dependencies ?? [],
      createBeforeDestroy: false,
      private: d.instance.private,
    });
  }
  return out;
}

/** Why an instance the configuration does not declare goes, in terraform's words. */
function deleteReason(rc: ResourceConfig | undefined, key: InstanceKey, moved: boolean): ActionReason {
  if (!rc) return moved ? 'delete_because_no_move_target' : 'delete_because_no_resource_config';
  if (rc.count !== undefined) return typeof key === 'number' ? 'delete_because_count_index' : 'delete_because_wrong_repetition';
  if (rc.forEach !== undefined) return typeof key === 'string' ? 'delete_because_each_key' : 'delete_because_wrong_repetition';
  return 'delete_because_wrong_repetition';
}

function forgetWarning(addresses: string[]): Diagnostic {
  return warning(
    'Some objects will no longer be managed by gridform',
    'If you apply this plan, gridform will discard its tracking information for the following objects, but it will not delete them:\n' +
      `${addresses.map((a) => ` - ${a}`).join('\n')}\n\n` +
      'After applying this plan, gridform will no longer manage these objects. ' +
      'You will need to import them into gridform to manage them again.',
  );
}
