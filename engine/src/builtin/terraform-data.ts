// Terraform's builtin `terraform` provider with its `terraform_data` resource: `input` is stored
// and echoed as `output`; a change of `triggers_replace` replaces it; `id` is a random UUID.
// input is of dynamic type, so a change of its type alone ([1, 2] to tolist([1, 2])) is a change,
// as cty's RawEquals says in terraform. The state holds bare values, whose type is what their shape
// says (tuples, objects); the provider keeps in its private data the cty type of an input that is
// of another type (a list, set or map, a typed null inside), so states stay as small as before.
import { randomUUID } from 'node:crypto';
import type { ObjectValue, Provider, ProviderFactory, ProviderSchema } from '../provider/interface';
import { BUILTIN_SOURCE } from '../config/source';
import { cloneData, isUnknown, Unknown, type Value } from '../values';
import { isCtyNumber } from '../cty-number';
import { error } from '../diagnostics';
import { valuesEqual } from '../plan/diff';
import { typeOf, typeEquals, type CtyType } from '../cty';

const isStructural = (v: Value): boolean => v !== null && typeof v === 'object' && !isCtyNumber(v) && !isUnknown(v);

/** Whether equal prior and new inputs are also of one type (primitives equal by value are). */
function sameType(priv: string | undefined, prior: Value, input: Value): boolean {
  if (!isStructural(prior) && !isStructural(input)) return true;
  return typeEquals(priorInputType(priv, prior), typeOf(input));
}

/** The private data recording the input's type, when its bare value would not say it. */
function privateFor(input: Value): string | undefined {
  if (!isStructural(input)) return undefined;
  const t = typeOf(input);
  return typeEquals(t, bareType(input)) ? undefined : JSON.stringify({ input_type: t });
}

/** The type a value has once written to state and read back: the type its shape says. */
function bareType(v: Value): CtyType {
  return typeOf(v !== null && typeof v === 'object' ? cloneData(v) : v);
}

/** The cty type of the input a prior apply stored: from the private data, else its bare type. */
function priorInputType(priv: string | undefined, prior: Value): CtyType {
  if (priv) {
    try {
      const parsed = JSON.parse(priv) as { input_type?: CtyType };
      if (parsed.input_type !== undefined) return parsed.input_type;
    } catch {
      // private data of another shape: the value's own type
    }
  }
  return bareType(prior);
}

const SCHEMA: ProviderSchema = {
  provider: { version: 0, block: { attributes: {} } },
  resources: {
    terraform_data: {
      version: 0,
      block: {
        attributes: {
          id: { type: 'string', computed: true },
          input: { type: 'dynamic', optional: true },
          output: { type: 'dynamic', computed: true },
          triggers_replace: { type: 'dynamic', optional: true, forceNew: true },
        },
      },
    },
  },
  dataSources: {},
};

export class TerraformDataProvider implements Provider {
  getSchema() {
    return SCHEMA;
  }
  async configure() {
    return { diagnostics: [] };
  }
  validateResourceConfig(req: { typeName: string }) {
    return { diagnostics: req.typeName === 'terraform_data' ? [] : [error(`the builtin provider has no resource type ${req.typeName}`)] };
  }
  async planResourceChange(req: Parameters<Provider['planResourceChange']>[0]) {
    if (!req.proposedNewState) return { plannedState: null, requiresReplace: [], diagnostics: [] };
    const input = (req.config?.input ?? null) as Value;
    // as Terraform does: output keeps its value while input is unchanged (by value: {a=1,b=2} is {b=2,a=1},
    // and by type where the type it had is known), else it is known after apply
    const prior = req.priorState?.input ?? null;
    const unchanged = req.priorState !== null && valuesEqual(prior, input) && sameType(req.priorPrivate, prior, input);
    const output: Value = unchanged ? (req.priorState!.output ?? null) : Unknown;
    const id: Value = req.priorState?.id ?? Unknown;
    const planned: ObjectValue = { ...req.proposedNewState, input, output, id };
    const plannedPrivate = privateFor(input);
    return { plannedState: planned, plannedPrivate, requiresReplace: [['triggers_replace']], diagnostics: [] };
  }
  async applyResourceChange(req: Parameters<Provider['applyResourceChange']>[0]) {
    if (!req.plannedState) return { newState: null, diagnostics: [] };
    const input = (req.plannedState.input ?? null) as Value;
    const newState: ObjectValue = { ...req.plannedState, id: (req.priorState?.id as string) ?? randomUUID(), output: input };
    return { newState, private: req.plannedPrivate, diagnostics: [] };
  }
  async readResource(req: Parameters<Provider['readResource']>[0]) {
    return { newState: req.currentState, private: req.private, diagnostics: [] };
  }
  async importResourceState(req: { id: string }) {
    return { importedState: { id: req.id, input: null, output: null, triggers_replace: null }, diagnostics: [] };
  }
  async readDataSource() {
    return { state: null, diagnostics: [error('the builtin provider has no data sources')] };
  }
}

export const terraformDataFactory: ProviderFactory = {
  source: BUILTIN_SOURCE,
  version: '1.11.0',
  create: () => new TerraformDataProvider(),
};
