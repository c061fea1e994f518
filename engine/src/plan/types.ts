// A plan: what will change, per resource instance and per output, the drift found by refresh,
// and the state it was made against.
import type { ObjectValue } from '../provider/interface';
import type { AttributePath, Value } from '../values';
import type { InstanceKey } from '../addresses/address';
import type { StateFile } from '../state/state';
import type { ModuleValidationConfig } from '../config/types';
import type { Drift } from './refresh';
import { valuesEqual } from './diff';

/** `forget`: the object leaves the state but is not destroyed (a removed block with destroy = false). */
export type Action = 'create' | 'update' | 'delete' | 'replace' | 'read' | 'no-op' | 'forget';

/** Why an instance is replaced or deleted, in the words of Terraform's JSON plan. */
export type ActionReason =
  | 'replace_because_cannot_update'
  | 'replace_because_tainted'
  | 'replace_by_request'
  | 'replace_by_triggers'
  | 'delete_because_no_resource_config'
  | 'delete_because_no_move_target'
  | 'delete_because_wrong_repetition'
  | 'delete_because_count_index'
  | 'delete_because_each_key'
  | 'delete_because_no_resource_config_deposed';

export interface ResourceChange {
  /** the instance address: terraform_data.x, terraform_data.x[0], terraform_data.x["k"] */
  readonly address: string;
  /** the resource address without the instance key */
  readonly resource: string;
  readonly key: InstanceKey;
  /** set for a deposed object left by an interrupted create_before_destroy replacement */
  readonly deposed?: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** the provider configuration key ("grid") */
  readonly providerKey: string;
  readonly action: Action;
  readonly actionReason?: ActionReason;
  readonly before: ObjectValue | null;
  readonly after: ObjectValue | null;
  /** attribute paths whose change forces the replacement */
  readonly replacePaths: AttributePath[];
  /** resource addresses this instance depends on in the configuration */
  readonly dependencies: string[];
  /** resource addresses the existing object depended on (from the state) */
  readonly priorDependencies: string[];
  /** create the new object before destroying the old one */
  readonly createBeforeDestroy: boolean;
  readonly private?: string;
  /** the address the object had before a `moved` block moved it in this plan */
  readonly previousAddress?: string;
  /** set when an `import` block brings the object under management in this plan */
  readonly importing?: { readonly id: string };
  /**
   * top-level attributes holding a sensitive value that the schema does not mark: set from a
   * sensitive variable or sensitive() (after), or recorded so in state (before); plans hide them
   */
  readonly sensitiveBefore?: readonly string[];
  readonly sensitiveAfter?: readonly string[];
}

export interface OutputChange {
  readonly name: string;
  readonly before: Value | null;
  readonly after: Value | null;
  readonly sensitive: boolean;
}

export interface Plan {
  readonly changes: ResourceChange[];
  readonly outputs: OutputChange[];
  /** objects that changed outside gridform, found by refresh */
  readonly drift: Drift[];
  readonly destroy: boolean;
  readonly refreshOnly: boolean;
  /** the state as refreshed: apply starts from it */
  readonly refreshedState: StateFile;
  /** the state this plan was made against: apply refuses a plan whose state moved since */
  readonly priorSerial: number;
  readonly priorLineage: string;
  /** true when -target narrowed the plan */
  readonly targeted: boolean;
  /** when the plan was made (RFC 3339, UTC): plantimestamp() while planning and applying it */
  readonly timestamp?: string;
  /**
   * validation rules of module variables whose condition was still unknown after planning: apply
   * checks each once what it refers to is applied (as terraform 1.11 does), before what uses the variable
   */
  readonly deferredValidations?: ModuleValidationConfig[];
}

export function counts(plan: Plan): { add: number; change: number; destroy: number; import: number } {
  let add = 0;
  let change = 0;
  let destroy = 0;
  let imported = 0;
  for (const c of plan.changes) {
    if (c.importing) imported++;
    if (c.action === 'create') add++;
    else if (c.action === 'update') change++;
    else if (c.action === 'delete') destroy++;
    else if (c.action === 'replace') {
      add++;
      destroy++;
    }
  }
  return { add, change, destroy, import: imported };
}

export function outputChanged(o: OutputChange): boolean {
  return !valuesEqual(o.before, o.after);
}

/** Whether applying the change does something: an object only moved or imported does (the state must record it). */
export function isResourceChange(c: ResourceChange): boolean {
  return (c.action !== 'no-op' && c.action !== 'read') || c.previousAddress !== undefined || c.importing !== undefined;
}

export function hasResourceChanges(plan: Plan): boolean {
  return plan.changes.some(isResourceChange);
}

/** Whether applying the plan would change anything: resources, outputs, or (refresh-only) the state. */
export function hasChanges(plan: Plan): boolean {
  return hasResourceChanges(plan) || plan.outputs.some(outputChanged) || (plan.refreshOnly && plan.drift.length > 0);
}
