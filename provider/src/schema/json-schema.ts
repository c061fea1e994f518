// A declaration as a JSON Schema for ajv: the value types of its attributes (null allowed where an
// attribute is optional), ranges, patterns, enums and list sizes, nested blocks as arrays or objects.
// Computed-only attributes take anything: configuring them is refused by the engine already.
import type { CtyType } from '../../../engine';
import type { AttributeDecl, BlockDecl, NestedBlockDecl } from './declaration';

export type JsonSchema = { [keyword: string]: unknown };

export function blockJsonSchema(block: BlockDecl): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [name, a] of Object.entries(block.attributes)) {
    properties[name] = attributeJsonSchema(a);
    if (a.required) required.push(name);
  }
  for (const [name, b] of Object.entries(block.blocks ?? {})) properties[name] = nestedJsonSchema(b);
  return { type: 'object', properties, required };
}

function nestedJsonSchema(nested: NestedBlockDecl): JsonSchema {
  if (nested.nesting === 'single') return { ...blockJsonSchema(nested.block), type: ['object', 'null'] };
  return { type: ['array', 'null'], items: blockJsonSchema(nested.block) };
}

function attributeJsonSchema(a: AttributeDecl): JsonSchema {
  if (a.computed && !a.optional && !a.required) return {};
  const schema = valueJsonSchema(a.type, a);
  if (a.required) {
    // an empty string is as good as unset for a required argument
    return schema.type === 'string' ? { ...schema, minLength: 1 } : schema;
  }
  const unset: JsonSchema = { ...schema, type: [schema.type, 'null'] };
  // an enum lists every allowed value, and null (unset, as terraform sends an optional attribute) is one
  if (Array.isArray(schema.enum)) unset.enum = [...(schema.enum as unknown[]), null];
  return unset;
}

/** The schema of a value of cty type `type`; the attribute's constraints apply to primitives. */
function valueJsonSchema(type: CtyType, a: AttributeDecl): JsonSchema {
  if (type === 'string') return stringSchema(a);
  if (type === 'number') return a.range ? { type: 'integer', minimum: a.range[0], maximum: a.range[1] } : { type: 'number' };
  if (type === 'bool') return { type: 'boolean' };
  if (type === 'dynamic') return {};
  const [kind, inner] = type;
  if (kind === 'list' || kind === 'set') return { type: 'array', items: valueJsonSchema(inner as CtyType, a), ...itemsKeywords(a) };
  if (kind === 'map') return { type: 'object', additionalProperties: valueJsonSchema(inner as CtyType, a) };
  return {};
}

function stringSchema(a: AttributeDecl): JsonSchema {
  const schema: JsonSchema = { type: 'string' };
  if (a.pattern) schema.pattern = a.pattern.regex;
  if (a.oneOf) schema.enum = [...a.oneOf];
  return schema;
}

function itemsKeywords(a: AttributeDecl): JsonSchema {
  const out: JsonSchema = {};
  if (a.items?.min !== undefined) out.minItems = a.items.min;
  if (a.items?.max !== undefined) out.maxItems = a.items.max;
  if (a.items?.unique) out.uniqueItems = true;
  return out;
}
