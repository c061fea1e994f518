// Types as terraform's plugin protocol and `terraform providers schema -json` write them: cty's
// type JSON ("string", ["list", "string"], ["object", {"a": "number"}], ...). Plain JSON, so any
// part of gridform (and any tool reading the schema) can use it without a type library.
import type { AttributeSchema, AttributeType } from './interface';

export type CtyPrimitiveType = 'string' | 'number' | 'bool' | 'dynamic';
export type CtyType =
  | CtyPrimitiveType
  | readonly ['list' | 'set' | 'map', CtyType]
  | readonly ['object', { readonly [name: string]: CtyType }]
  | readonly ['object', { readonly [name: string]: CtyType }, readonly string[]]
  | readonly ['tuple', readonly CtyType[]];

const PRIMITIVES: ReadonlySet<string> = new Set(['string', 'number', 'bool']);

/** The cty type of an engine attribute (its type, and element type for collections). */
export function ctyTypeOf(attribute: Pick<AttributeSchema, 'type' | 'elementType'>): CtyType {
  const { type, elementType } = attribute;
  if (type === 'list' || type === 'set' || type === 'map') return [type, primitiveOrDynamic(elementType)];
  if (type === 'object') return 'dynamic';
  return primitiveOrDynamic(type);
}

function primitiveOrDynamic(type: AttributeType | undefined): CtyType {
  return type && PRIMITIVES.has(type) ? (type as CtyPrimitiveType) : 'dynamic';
}

/**
 * The engine's attribute type for a cty type: primitives, and collections of primitives. Other
 * types (objects, tuples, nested collections) have no engine attribute type yet: null.
 */
export function attributeTypeOf(type: CtyType): Pick<AttributeSchema, 'type' | 'elementType'> | null {
  if (typeof type === 'string') return { type: type };
  const [kind, element] = type;
  if (kind !== 'list' && kind !== 'set' && kind !== 'map') return null;
  if (typeof element !== 'string' || element === 'dynamic') return null;
  return { type: kind, elementType: element };
}

/** cty's friendly name of a type, as terraform prints it in messages: list(string), map(number). */
export function ctyTypeName(type: CtyType): string {
  if (typeof type === 'string') return type === 'dynamic' ? 'any' : type;
  const [kind, inner] = type;
  if (kind === 'tuple') return `tuple([${(inner as readonly CtyType[]).map(ctyTypeName).join(', ')}])`;
  if (kind === 'object') {
    const fields = Object.entries(inner as Record<string, CtyType>).map(([k, t]) => `${k}=${ctyTypeName(t)}`);
    return `object({${fields.join(', ')}})`;
  }
  return `${kind}(${ctyTypeName(inner as CtyType)})`;
}
