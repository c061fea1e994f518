// `show -json`: a plan in the shape of `terraform show -json` (format 1.2): resource_changes with
// actions, before, after, after_unknown and sensitivity, output_changes, planned_values, drift
// and the prior state. Unknown values are left out of `after` and marked in `after_unknown`.
import { inTerraformOrder } from '../addresses/address-order';
import type { BlockSchema } from '../provider/interface';
import { isResourceChange, outputChanged, type Plan, type ResourceChange } from '../plan/types';
import { isUnknown, type Value } from '../values';
import { ENGINE_TERRAFORM_VERSION, addressOf, type StateFile } from '../state/state';
import { instanceAddress, moduleOf, splitResourceAddress } from '../addresses/address';
import { moduleTreeJson } from './module-tree-json';
import { parseStateProvider } from '../config/source';
import type { SchemaLookup } from './plan-text';
import { sensitiveAttributePaths } from '../apply/sensitive';
import { containsUnknown } from '../expr/convert';

type Json = unknown;

export function planJson(
  plan: Plan,
  schemas: SchemaLookup,
  sources: ReadonlyMap<string, string>,
  variables: ReadonlyMap<string, Value>,
  prior: StateFile,
): Record<string, Json> {
  const providerName = (c: ResourceChange) => sources.get(c.providerKey) ?? c.providerKey;
  const changes = inTerraformOrder(plan.changes).map((c) => resourceChange(c, schemas(c), providerName(c)));
  const drift = inTerraformOrder(plan.drift).map((d) => {
    const { type, name } = splitResourceAddress(d.address.replace(/\[[^\]]*\]$/, ''));
    const c: ResourceChange = {
      address: d.address,
      resource: d.address.replace(/\[[^\]]*\]$/, ''),
      key: undefined,
      mode: d.mode,
      type,
      name,
      providerKey: d.providerKey,
      action: d.after ? 'update' : 'delete',
      before: d.before,
      after: d.after,
      replacePaths: [],
      dependencies: [],
      priorDependencies: [],
      createBeforeDestroy: false,
    };
    return resourceChange(c, schemas(c), providerName(c));
  });
  const outputChanges = Object.fromEntries(
    plan.outputs.map((o) => {
      const actions =
        o.before === null && o.after === null
          ? ['no-op']
          : o.before === null
            ? ['create']
            : o.after === null
              ? ['delete']
              : outputChanged(o)
                ? ['update']
                : ['no-op'];
      return [
        o.name,
        {
          actions,
          before: o.before,
          ...(isUnknown(o.after) ? {} : { after: known(o.after) }),
          after_unknown: unknownMask(o.after),
          before_sensitive: o.sensitive,
          after_sensitive: o.sensitive,
        },
      ];
    }),
  );
  const plannedResources = plan.changes
    .filter((c) => c.after && c.action !== 'delete' && !c.deposed)
    .map((c) => ({
      address: c.address,
      mode: c.mode,
      type: c.type,
      name: c.name,
      ...(c.key !== undefined ? { index: c.key } : {}),
      provider_name: providerName(c),
      schema_version: 0,
      values: known(c.after),
      sensitive_values: sensitiveMask(schemas(c), c.after),
    }));
  return {
    format_version: '1.2',
    terraform_version: ENGINE_TERRAFORM_VERSION,
    ...(variables.size ? { variables: Object.fromEntries([...variables].map(([k, v]) => [k, { value: v }])) } : {}),
    planned_values: {
      outputs: Object.fromEntries(
        plan.outputs
          .filter((o) => o.after !== null)
          .map((o) => [o.name, { sensitive: o.sensitive, ...(isUnknown(o.after) ? {} : { value: known(o.after) }) }]),
      ),
      root_module: moduleTreeJson(plannedResources),
    },
    ...(drift.length ? { resource_drift: drift } : {}),
    resource_changes: changes,
    output_changes: outputChanges,
    prior_state: stateJson(prior),
    timestamp: plan.timestamp ?? new Date().toISOString(),
    applyable: plan.changes.some((c) => c.action !== 'no-op' || isResourceChange(c)) || plan.outputs.some(outputChanged),
    complete: !plan.targeted,
    errored: false,
  };
}

function resourceChange(c: ResourceChange, schema: BlockSchema | undefined, providerName: string): Record<string, Json> {
  const actions = c.action === 'replace' ? (c.createBeforeDestroy ? ['create', 'delete'] : ['delete', 'create']) : [c.action];
  return {
    address: c.address,
    ...(moduleOf(c.resource) ? { module_address: moduleOf(c.resource) } : {}),
    ...(c.previousAddress !== undefined ? { previous_address: c.previousAddress } : {}),
    mode: c.mode,
    type: c.type,
    name: c.name,
    ...(c.key !== undefined ? { index: c.key } : {}),
    ...(c.deposed ? { deposed: c.deposed } : {}),
    provider_name: providerName,
    change: {
      actions,
      before: c.before === null ? null : known(c.before),
      after: c.after === null ? null : known(c.after),
      // as Terraform: a wholly known value has an empty mask, not one of falses
      after_unknown: c.after === null || !containsUnknown(c.after) ? {} : unknownMask(c.after),
      before_sensitive: c.before === null ? false : sensitiveMask(schema, c.before, c.sensitiveBefore),
      after_sensitive: c.after === null ? false : sensitiveMask(schema, c.after, c.sensitiveAfter),
      ...(c.replacePaths.length ? { replace_paths: c.replacePaths } : {}),
      ...(c.importing ? { importing: { id: c.importing.id } } : {}),
    },
    ...(c.actionReason ? { action_reason: c.actionReason } : {}),
  };
}

/** The value without its unknown parts: unknown object attributes are left out, unknown list elements become null. */
export function known(v: Value | null): Json {
  if (isUnknown(v)) return null;
  if (Array.isArray(v)) return v.map(known);
  if (v && typeof v === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, x] of Object.entries(v)) if (!isUnknown(x)) out[k] = known(x);
    return out;
  }
  return v;
}

/** true where a value is unknown; lists keep a false per known element, objects only what is unknown inside. */
export function unknownMask(v: Value | null): Json {
  if (isUnknown(v)) return true;
  if (Array.isArray(v)) return v.map(unknownMask);
  if (v && typeof v === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, x] of Object.entries(v)) {
      const m = unknownMask(x);
      if (m !== false) out[k] = m;
    }
    return out;
  }
  return false;
}

/** The sensitive paths of `v` as terraform's mask: the schema's, and the top-level `names` set from sensitive values. */
function sensitiveMask(schema: BlockSchema | undefined, v: Value | null, names: readonly string[] = []): Json {
  const out: Record<string, Json> = {};
  for (const name of names) out[name] = true;
  if (!schema || !v || typeof v !== 'object' || Array.isArray(v) || isUnknown(v)) return out;
  for (const path of sensitiveAttributePaths(schema, v as Record<string, Value>)) {
    if (out[path[0]] === true) continue; // the whole attribute is sensitive already
    let cur = out as Record<string | number, Json>;
    path.forEach((step, i) => {
      if (i === path.length - 1) cur[step] = true;
      else cur = (cur[step] ??= typeof path[i + 1] === 'number' ? [] : {}) as Record<string | number, Json>;
    });
  }
  return out;
}

/** The state in `terraform show -json` form (values.root_module.resources). */
export function stateJson(file: StateFile): Record<string, Json> {
  const resources = file.resources.flatMap((r) =>
    r.instances
      .filter((i) => !i.deposed)
      .map((i) => ({
        address: instanceAddress(addressOf(r), i.index_key),
        mode: r.mode,
        type: r.type,
        name: r.name,
        ...(i.index_key !== undefined ? { index: i.index_key } : {}),
        provider_name: parseStateProvider(r.provider)?.source ?? r.provider,
        schema_version: i.schema_version,
        values: i.attributes,
        sensitive_values: {},
        ...(i.dependencies?.length ? { depends_on: i.dependencies } : {}),
        ...(i.status === 'tainted' ? { tainted: true } : {}),
      })),
  );
  const outputs = Object.fromEntries(
    Object.entries(file.outputs).map(([k, o]) => [k, { sensitive: !!o.sensitive, value: o.value, type: o.type }]),
  );
  return {
    format_version: '1.0',
    terraform_version: ENGINE_TERRAFORM_VERSION,
    values: { ...(Object.keys(outputs).length ? { outputs } : {}), root_module: moduleTreeJson(resources) },
  };
}
