// A plan: what will change, per resource and per output, and the state it was made against.
import type { ObjectValue } from '../provider/interface';
import type { AttributePath, Value } from '../values';

export type Action = 'create' | 'update' | 'delete' | 'replace' | 'read' | 'no-op';

export interface ResourceChange {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** the provider configuration key ("grid") */
  readonly providerKey: string;
  readonly action: Action;
  readonly before: ObjectValue | null;
  readonly after: ObjectValue | null;
  /** attribute paths whose change forces the replacement */
  readonly replacePaths: AttributePath[];
  readonly dependencies: string[];
  /** delete the old object before creating the new one (the default) or after */
  readonly createBeforeDestroy: boolean;
  readonly private?: string;
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
  readonly destroy: boolean;
  /** the state this plan was made against: apply refuses a plan whose state moved since */
  readonly priorSerial: number;
  readonly priorLineage: string;
}

export function isReplace(a: Action): boolean {
  return a === 'replace';
}

export function counts(plan: Plan): { add: number; change: number; destroy: number } {
  let add = 0;
  let change = 0;
  let destroy = 0;
  for (const c of plan.changes) {
    if (c.action === 'create') add++;
    else if (c.action === 'update') change++;
    else if (c.action === 'delete') destroy++;
    else if (c.action === 'replace') (add++, destroy++);
  }
  return { add, change, destroy };
}

export function hasChanges(plan: Plan): boolean {
  return plan.changes.some((c) => c.action !== 'no-op' && c.action !== 'read') || plan.outputs.some((o) => o.before !== o.after && JSON.stringify(o.before) !== JSON.stringify(o.after));
}
