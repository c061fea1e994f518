// The provider interface: how the engine talks to any provider (the grid provider, the builtin
// `terraform` provider, fakes in tests). One request/response pair per method; every response
// carries diagnostics. Planning has no side effects; only applyResourceChange changes the world.
import type { Diagnostic } from '../diagnostics';
import type { Value, AttributePath } from '../values';

export type AttributeType = 'string' | 'number' | 'bool' | 'list' | 'set' | 'map' | 'object' | 'dynamic';

export interface AttributeSchema {
  readonly type: AttributeType;
  /** element type of list/set/map attributes */
  readonly elementType?: AttributeType;
  readonly description?: string;
  readonly required?: boolean;
  readonly optional?: boolean;
  /** set by the provider when not in config (ids, IPs, ...); unknown until apply */
  readonly computed?: boolean;
  /** hidden in plans and outputs */
  readonly sensitive?: boolean;
  /** a change cannot be made in place: the resource is replaced */
  readonly forceNew?: boolean;
}

export interface BlockSchema {
  readonly attributes: Readonly<Record<string, AttributeSchema>>;
  /** nested blocks: cdk.tf.json writes them as lists of objects */
  readonly blocks?: Readonly<Record<string, NestedBlockSchema>>;
  readonly description?: string;
}

export interface NestedBlockSchema {
  readonly nesting: 'list' | 'set' | 'single';
  readonly block: BlockSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly forceNew?: boolean;
}

export interface ResourceSchema {
  readonly version: number;
  readonly block: BlockSchema;
}

export interface ProviderSchema {
  readonly provider: ResourceSchema;
  readonly resources: Readonly<Record<string, ResourceSchema>>;
  readonly dataSources: Readonly<Record<string, ResourceSchema>>;
}

/** An object of attribute values; `Unknown` marks values known only after apply. */
export type ObjectValue = { [name: string]: Value };

export interface ConfigureRequest {
  readonly config: ObjectValue;
}
export interface ConfigureResponse {
  readonly diagnostics: Diagnostic[];
}

export interface ValidateRequest {
  readonly typeName: string;
  readonly config: ObjectValue;
}
export interface ValidateResponse {
  readonly diagnostics: Diagnostic[];
}

export interface PlanRequest {
  readonly typeName: string;
  /** null when creating */
  readonly priorState: ObjectValue | null;
  /** config merged over prior state by the engine; null when destroying */
  readonly proposedNewState: ObjectValue | null;
  readonly config: ObjectValue | null;
  readonly priorPrivate?: string;
}
export interface PlanResponse {
  readonly plannedState: ObjectValue | null;
  /** attribute paths whose change forces replacement */
  readonly requiresReplace: AttributePath[];
  readonly plannedPrivate?: string;
  readonly diagnostics: Diagnostic[];
}

export interface ApplyRequest {
  readonly typeName: string;
  readonly priorState: ObjectValue | null;
  /** null when destroying */
  readonly plannedState: ObjectValue | null;
  readonly config: ObjectValue | null;
  readonly plannedPrivate?: string;
  /**
   * Set on a create: a random key the engine recorded before the call. A provider that marks what
   * it creates with it can find that again with recoverInterruptedCreate if the run is killed.
   */
  readonly idempotencyKey?: string;
}
export interface ApplyResponse {
  /** null after a delete; on a failed create, whatever exists (or null) so nothing is lost */
  readonly newState: ObjectValue | null;
  readonly private?: string;
  readonly diagnostics: Diagnostic[];
}

export interface ReadRequest {
  readonly typeName: string;
  readonly currentState: ObjectValue;
  readonly private?: string;
}
export interface ReadResponse {
  /** null when the resource no longer exists */
  readonly newState: ObjectValue | null;
  readonly private?: string;
  readonly diagnostics: Diagnostic[];
}

export interface ImportRequest {
  readonly typeName: string;
  readonly id: string;
}
export interface ImportResponse {
  readonly importedState: ObjectValue | null;
  readonly diagnostics: Diagnostic[];
}

/** A create whose run stopped before its result was recorded: the key its ApplyRequest carried. */
export interface RecoverRequest {
  readonly typeName: string;
  readonly idempotencyKey: string;
}
export interface RecoverResponse {
  /** the object the interrupted create made, to record as an import would; null when nothing of it is left */
  readonly state: ObjectValue | null;
  readonly private?: string;
  /** warnings say what was found and done (adopted, cancelled); an error keeps the create pending */
  readonly diagnostics: Diagnostic[];
}

export interface ReadDataRequest {
  readonly typeName: string;
  readonly config: ObjectValue;
}
export interface ReadDataResponse {
  readonly state: ObjectValue | null;
  readonly diagnostics: Diagnostic[];
}

export interface Provider {
  getSchema(): ProviderSchema;
  configure(req: ConfigureRequest): Promise<ConfigureResponse>;
  validateResourceConfig(req: ValidateRequest): ValidateResponse;
  validateDataSourceConfig?(req: ValidateRequest): ValidateResponse;
  planResourceChange(req: PlanRequest): Promise<PlanResponse>;
  applyResourceChange(req: ApplyRequest): Promise<ApplyResponse>;
  readResource(req: ReadRequest): Promise<ReadResponse>;
  importResourceState(req: ImportRequest): Promise<ImportResponse>;
  readDataSource(req: ReadDataRequest): Promise<ReadDataResponse>;
  /** finds what a create with this idempotency key made before its run was killed (optional) */
  recoverInterruptedCreate?(req: RecoverRequest): Promise<RecoverResponse>;
  /** releases connections; the engine calls it once at the end of a command */
  close?(): Promise<void>;
}

/** How the composition root tells the engine which providers exist, by source address. */
export interface ProviderFactory {
  /** e.g. "registry.terraform.io/gridform/grid" (short "gridform/grid" also matches) */
  readonly source: string;
  /** other sources configurations may name this provider by (a fork's or the upstream's), e.g. "threefoldtech/grid" */
  readonly alsoKnownAs?: readonly string[];
  readonly version: string;
  create(): Provider;
}
