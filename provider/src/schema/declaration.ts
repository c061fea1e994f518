// The one declaration of a resource, data source or the provider block: each attribute's cty type,
// whether it is required, optional or computed, sensitive, forces replacement, its description,
// default and constraints. Validation (validator.ts), the engine schema (engine-schema.ts),
// `providers schema -json`, the reference docs and the CDKTF constructs all come from it.
import type { CtyType } from '../../../engine';

/** A pattern a string must match, and how to say it in a message: "it must be <what>". */
export interface PatternConstraint {
  readonly regex: string;
  readonly what: string;
}

/** What a list or set must hold; `noun` names one element in messages ("at least one node"). */
export interface ItemsConstraint {
  readonly noun: string;
  /** an element, shown when the list is too short: "at least one backend, such as http://10.1.2.2:8080" */
  readonly example?: string;
  readonly min?: number;
  readonly max?: number;
  readonly unique?: boolean;
  /** why `max` is the limit, said after it */
  readonly maxWhy?: string;
}

export interface AttributeDecl {
  readonly type: CtyType;
  readonly description: string;
  readonly required?: boolean;
  readonly optional?: boolean;
  /** set by the provider (ids, addresses); with optional, set by the provider when not configured */
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  /** a change replaces the resource */
  readonly forceNew?: boolean;
  /** what the provider uses when the attribute is not set (documented; the resource applies it) */
  readonly default?: string | number | boolean;
  /** the environment variable read when the attribute is not set, before `default` (the description says so too) */
  readonly env?: string;
  /** numbers (or a collection's numbers): a whole number in [min, max] */
  readonly range?: readonly [number, number];
  /** the unit of a range, said after it: MB, GB */
  readonly unit?: string;
  /** strings (or a collection's strings) */
  readonly pattern?: PatternConstraint;
  /** strings: one of these values */
  readonly oneOf?: readonly string[];
  /** lists and sets */
  readonly items?: ItemsConstraint;
}

export interface NestedBlockDecl {
  readonly nesting: 'list' | 'set' | 'single';
  readonly block: BlockDecl;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly forceNew?: boolean;
}

export interface BlockDecl {
  readonly description?: string;
  readonly attributes: Readonly<Record<string, AttributeDecl>>;
  readonly blocks?: Readonly<Record<string, NestedBlockDecl>>;
}

export interface ResourceDecl {
  readonly version: number;
  readonly block: BlockDecl;
}

export interface ProviderDecl {
  readonly provider: ResourceDecl;
  readonly resources: Readonly<Record<string, ResourceDecl>>;
  readonly dataSources: Readonly<Record<string, ResourceDecl>>;
}
