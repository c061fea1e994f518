// `providers schema -json`: provider schemas in terraform's format (format_version 1.0,
// provider_schemas by source address, each with provider, resource_schemas and
// data_source_schemas; attribute types as cty's type JSON). cdktf's provider generator reads it.
import { ctyTypeOf } from '../provider/cty-type';
import type { AttributeSchema, BlockSchema, NestedBlockSchema, ProviderSchema, ResourceSchema } from '../provider/interface';

export const SCHEMA_FORMAT_VERSION = '1.0';

type Json = { [key: string]: unknown };

/** The whole document for a set of providers, keyed by their full source address. */
export function providerSchemasJson(schemas: ReadonlyMap<string, ProviderSchema>): Json {
  const providerSchemas: Json = {};
  for (const [source, schema] of [...schemas].sort(([a], [b]) => a.localeCompare(b))) {
    providerSchemas[source] = providerSchemaJson(schema);
  }
  return { format_version: SCHEMA_FORMAT_VERSION, provider_schemas: providerSchemas };
}

/** One provider's entry: its configuration block, its resources and its data sources. */
export function providerSchemaJson(schema: ProviderSchema): Json {
  const out: Json = { provider: resourceJson(schema.provider) };
  if (Object.keys(schema.resources).length) out.resource_schemas = mapSorted(schema.resources, resourceJson);
  if (Object.keys(schema.dataSources).length) out.data_source_schemas = mapSorted(schema.dataSources, resourceJson);
  return out;
}

function resourceJson(schema: ResourceSchema): Json {
  return { version: schema.version, block: blockJson(schema.block) };
}

function blockJson(block: BlockSchema): Json {
  const out: Json = {};
  if (Object.keys(block.attributes).length) out.attributes = mapSorted(block.attributes, attributeJson);
  if (block.blocks && Object.keys(block.blocks).length) out.block_types = mapSorted(block.blocks, nestedBlockJson);
  if (block.description) out.description = block.description;
  out.description_kind = 'plain';
  return out;
}

function attributeJson(attribute: AttributeSchema): Json {
  const out: Json = { type: ctyTypeOf(attribute) };
  if (attribute.description) out.description = attribute.description;
  out.description_kind = 'plain';
  if (attribute.required) out.required = true;
  if (attribute.optional) out.optional = true;
  if (attribute.computed) out.computed = true;
  if (attribute.sensitive) out.sensitive = true;
  return out;
}

function nestedBlockJson(nested: NestedBlockSchema): Json {
  const out: Json = { nesting_mode: nested.nesting, block: blockJson(nested.block) };
  if (nested.minItems) out.min_items = nested.minItems;
  if (nested.maxItems) out.max_items = nested.maxItems;
  return out;
}

function mapSorted<T>(record: Readonly<Record<string, T>>, f: (value: T) => Json): Json {
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((k) => [k, f(record[k])]),
  );
}
