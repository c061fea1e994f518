// The configuration as the engine uses it, read from cdk.tf.json.
export interface ResourceConfig {
  /** grid_deployment.vm or data.grid_gateway_domain.d */
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** the module instance it belongs to (module.net["eu"]); absent at the root */
  readonly module?: string;
  /** provider local name plus optional alias: "grid" or "grid.eu" */
  readonly provider: string;
  /** attribute values as written, `${...}` not yet evaluated; meta-arguments removed */
  readonly body: Record<string, unknown>;
  readonly dependsOn: readonly string[];
  readonly lifecycle: Lifecycle;
  /** the count meta-argument as written (a number or a `${...}` string) */
  readonly count?: unknown;
  /** the for_each meta-argument as written (a map, a set of strings, or a `${...}` string) */
  readonly forEach?: unknown;
}

export interface VariableConfig {
  readonly name: string;
  readonly default?: unknown;
  readonly type?: string;
  readonly description?: string;
  readonly sensitive: boolean;
  readonly nullable: boolean;
  /** validation blocks, evaluated by the plan (plan/conditions.ts) */
  readonly validations: readonly ConditionConfig[];
}

export interface Lifecycle {
  readonly preventDestroy: boolean;
  readonly createBeforeDestroy: boolean;
  readonly ignoreChanges: readonly string[] | 'all';
  readonly replaceTriggeredBy: readonly string[];
  /** checked before the instance is planned (and again before it is applied) */
  readonly preconditions: readonly ConditionConfig[];
  /** checked on the planned object (`self`) and again on the applied one */
  readonly postconditions: readonly ConditionConfig[];
}

/** A custom condition (precondition, postcondition, validation, assert), as written: `${...}` not yet evaluated. */
export interface ConditionConfig {
  readonly condition: unknown;
  readonly errorMessage: unknown;
}

/** A validation rule of a module instance's input variable, rewritten into the flattened names. */
export interface ModuleValidationConfig extends ConditionConfig {
  /** the module instance: module.a["x"] */
  readonly module: string;
  readonly variable: string;
  /** where the call sets the variable: `on main.tf line 3, in module "a"` */
  readonly call: string;
  /** where the variable with the rule is declared: `m/main.tf line 1` */
  readonly rule: string;
}

/** A `check` block: assertions that warn, never stop, when they fail. */
export interface CheckConfig {
  readonly name: string;
  readonly asserts: readonly ConditionConfig[];
}

export interface ProviderConfig {
  /** "grid" or "grid.eu" */
  readonly key: string;
  readonly localName: string;
  /** normalized source, e.g. registry.terraform.io/gridform/grid */
  readonly source: string;
  readonly body: Record<string, unknown>;
}

export interface OutputConfig {
  readonly name: string;
  readonly value: unknown;
  readonly sensitive: boolean;
  readonly description?: string;
  readonly preconditions: readonly ConditionConfig[];
}

export interface BackendConfig {
  readonly type: string;
  readonly config: Record<string, unknown>;
}

/** A `moved` block (cdktf's moveTo / moveFromId): the object at `from` now lives at `to`. */
export interface MoveConfig {
  readonly from: string;
  readonly to: string;
}

/** An `import` block (cdktf's importFrom): the object `id` is brought under management at `to`. */
export interface ImportConfig {
  readonly to: string;
  readonly id: string;
  /** a provider configuration other than the resource's ("grid.eu") */
  readonly provider?: string;
}

/** A `removed` block: the resource `from` leaves the configuration; destroyed, or with `destroy = false` only forgotten. */
export interface RemovedConfig {
  /** a managed resource address (no instance key) */
  readonly from: string;
  readonly destroy: boolean;
}

export interface Config {
  readonly resources: ReadonlyMap<string, ResourceConfig>;
  readonly imports: readonly ImportConfig[];
  /** in the order written */
  readonly moves: readonly MoveConfig[];
  readonly removed: readonly RemovedConfig[];
  readonly checks: readonly CheckConfig[];
  readonly providers: ReadonlyMap<string, ProviderConfig>;
  readonly outputs: readonly OutputConfig[];
  readonly variables: ReadonlyMap<string, VariableConfig>;
  readonly locals: ReadonlyMap<string, unknown>;
  readonly backend?: BackendConfig;
  /** module variables' validation rules, one per module instance (plain Terraform folders only) */
  readonly moduleValidations?: readonly ModuleValidationConfig[];
}
