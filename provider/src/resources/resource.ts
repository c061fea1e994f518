// What each grid resource type implements; the provider turns thrown GridErrors into diagnostics.
import type { Diagnostic, ObjectValue, ResourceSchema } from '../../../engine';
import type { GridContext } from '../grid/context';

export interface GridResource {
  readonly schema: ResourceSchema;
  validate(config: ObjectValue): Diagnostic[];
  create(ctx: GridContext, planned: ObjectValue): Promise<{ state: ObjectValue; private?: string }>;
  delete(ctx: GridContext, prior: ObjectValue): Promise<void>;
  /** the current state, or null when it no longer exists */
  read(ctx: GridContext, state: ObjectValue, priv?: string): Promise<ObjectValue | null>;
  import(ctx: GridContext, id: string): Promise<ObjectValue>;
}
