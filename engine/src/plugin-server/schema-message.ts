// The engine's schemas as tfplugin6 Schema messages: attribute types as cty's JSON type bytes
// (the same JSON `providers schema -json` writes), nested blocks with their nesting mode.
import { ctyTypeOf } from '../provider/cty-type';
import type { BlockSchema, NestedBlockSchema, ProviderSchema, ResourceSchema } from '../provider/interface';

type Message = Record<string, unknown>;

const NESTING = { single: 'SINGLE', list: 'LIST', set: 'SET' } as const;

export function providerSchemaMessage(schema: ProviderSchema): Message {
  return {
    provider: schemaMessage(schema.provider),
    resourceSchemas: mapValues(schema.resources, schemaMessage),
    dataSourceSchemas: mapValues(schema.dataSources, schemaMessage),
    diagnostics: [],
    // terraform may cache the schema instead of asking every process; destroys are planned too
    serverCapabilities: { getProviderSchemaOptional: true, planDestroy: true },
  };
}

function schemaMessage(schema: ResourceSchema): Message {
  return { version: schema.version, block: blockMessage(schema.block, schema.version) };
}

function blockMessage(block: BlockSchema, version = 0): Message {
  const attributes = Object.entries(block.attributes).map(([name, a]) => ({
    name,
    type: Buffer.from(JSON.stringify(ctyTypeOf(a))),
    description: a.description ?? '',
    required: !!a.required,
    optional: !!a.optional,
    computed: !!a.computed,
    sensitive: !!a.sensitive,
    descriptionKind: 'PLAIN',
  }));
  const blockTypes = Object.entries(block.blocks ?? {}).map(([typeName, nested]) => ({
    typeName,
    block: blockMessage(nested.block),
    nesting: NESTING[nested.nesting],
    ...itemBounds(nested),
  }));
  return { version, attributes, blockTypes, description: block.description ?? '', descriptionKind: 'PLAIN' };
}

/** terraform refuses a single block whose bounds differ: a required one is 1..1, an optional one 0..0 */
function itemBounds(nested: NestedBlockSchema): { minItems: number; maxItems: number } {
  if (nested.nesting !== 'single') return { minItems: nested.minItems ?? 0, maxItems: nested.maxItems ?? 0 };
  const required = (nested.minItems ?? 0) > 0 ? 1 : 0;
  return { minItems: required, maxItems: required };
}

function mapValues<T, U>(record: Readonly<Record<string, T>>, f: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v)]));
}
