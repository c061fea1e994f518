// What each grid resource type implements; the provider turns thrown GridErrors into diagnostics.
import type { AttributePath, Diagnostic, ObjectValue, ResourceSchema } from '../../../engine';
import type { GridContext } from '../grid/context';
import type { GraceNotes } from '../grid/grace-notes';
import type { Recovered } from '../grid/recovery';

export interface GridResource {
  readonly schema: ResourceSchema;
  validate(config: ObjectValue): Diagnostic[];
  /** `key`, the engine's idempotency key, goes into every contract the create makes */
  create(ctx: GridContext, planned: ObjectValue, key?: string): Promise<{ state: ObjectValue; private?: string }>;
  delete(ctx: GridContext, prior: ObjectValue): Promise<void>;
  /** changes what exists in place; absent when every change replaces the resource */
  update?(
    ctx: GridContext,
    prior: ObjectValue,
    planned: ObjectValue,
    config: ObjectValue,
  ): Promise<{ state: ObjectValue; private?: string }>;
  /** the planned state of a change (computed values known or not), when it is not the proposed state as is */
  plan?(prior: ObjectValue | null, proposed: ObjectValue, config?: ObjectValue | null): ObjectValue;
  /** problems of an update that only the prior state shows (a value that cannot change in place) */
  checkPlan?(prior: ObjectValue, planned: ObjectValue): Diagnostic[];
  /** paths whose change forces replacement beyond the schema's forceNew attributes */
  replacePaths?(prior: ObjectValue, proposed: ObjectValue): AttributePath[];
  /** the current state, or null when it no longer exists; every contract looked at goes to `notes` */
  read(ctx: GridContext, state: ObjectValue, notes: GraceNotes): Promise<ObjectValue | null>;
  import(ctx: GridContext, id: string): Promise<ObjectValue>;
  /** what a create with `key` made before its run was killed: adopted, or cancelled (absent: no side effects) */
  recover?(ctx: GridContext, key: string): Promise<Recovered>;
}
