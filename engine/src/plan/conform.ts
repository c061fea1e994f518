// A configuration object decoded against its schema, as terraform decodes a block before any
// provider sees it: an argument the schema does not have is refused, naming its path, and so is a
// required one that is missing or null; values are
// converted to the attribute's type by cty's rules (the string "2" to the number 2, numbers and
// bools to strings, "true"/"1" to true), and a value that cannot be converted is refused; a
// computed-only attribute cannot be set. Unknown and null values pass as they are.
import { error, type Diagnostic } from '../diagnostics';
import { numToString } from '../expr/convert';
import type { AttributeSchema, AttributeType, BlockSchema, NestedBlockSchema, ObjectValue } from '../provider/interface';
import { isUnknown, type AttributePath, type Value } from '../values';

/** Keys cdktf writes that are not arguments: "//" holds its construct metadata. */
const NOT_ARGUMENTS = new Set(['//']);

export interface Conformed {
  readonly value: ObjectValue;
  readonly diagnostics: Diagnostic[];
}

/** Decodes `value` against `block`; diagnostics carry `address` and the attribute path. */
export function conformToSchema(block: BlockSchema, value: ObjectValue, address: string): Conformed {
  const diagnostics: Diagnostic[] = [];
  const out = conformBlock(block, value, [], { address, diagnostics });
  return { value: out, diagnostics };
}

interface Context {
  readonly address: string;
  readonly diagnostics: Diagnostic[];
}

function conformBlock(block: BlockSchema, value: ObjectValue, path: AttributePath, ctx: Context): ObjectValue {
  const out: ObjectValue = {};
  for (const [name, v] of Object.entries(value)) {
    if (NOT_ARGUMENTS.has(name)) continue;
    const attribute = Object.hasOwn(block.attributes, name) ? block.attributes[name] : undefined;
    const nested = block.blocks && Object.hasOwn(block.blocks, name) ? block.blocks[name] : undefined;
    const at = [...path, name];
    if (attribute) out[name] = conformAttribute(name, attribute, v, at, ctx);
    else if (nested) out[name] = conformNested(name, nested, v, at, ctx);
    else unsupported(name, block, at, ctx);
  }
  for (const [name, attribute] of Object.entries(block.attributes)) {
    if (!attribute.required || (value[name] !== null && value[name] !== undefined)) continue;
    const detail = `The argument "${name}" is required, but no definition was found.`;
    ctx.diagnostics.push(error('Missing required argument', detail, { address: ctx.address, attributePath: [...path, name] }));
  }
  return out;
}

function conformAttribute(name: string, schema: AttributeSchema, v: Value, path: AttributePath, ctx: Context): Value {
  if (schema.computed && !schema.optional && !schema.required && v !== null && v !== undefined) {
    const detail =
      `Can't configure a value for "${name}": ` +
      `its value will be decided automatically based on the result of applying this configuration.`;
    ctx.diagnostics.push(error('Value for unconfigurable attribute', detail, { address: ctx.address, attributePath: path }));
    return v;
  }
  const converted = convertTo(schema.type, schema.elementType, v, path);
  if ('value' in converted) return converted.value;
  const detail = `Inappropriate value for attribute "${name}": ${converted.problem}.`;
  ctx.diagnostics.push(error('Incorrect attribute value type', detail, { address: ctx.address, attributePath: converted.path }));
  return v;
}

function conformNested(name: string, nested: NestedBlockSchema, v: Value, path: AttributePath, ctx: Context): Value {
  if (v === null || isUnknown(v)) return v;
  const isObject = typeof v === 'object' && !Array.isArray(v);
  if (nested.nesting === 'single') {
    if (isObject) return conformBlock(nested.block, v as ObjectValue, path, ctx);
    if (Array.isArray(v) && v.length <= 1) return v.length ? conformNestedItem(name, nested, v[0], path, ctx) : null;
    return blockTypeError(name, `a single ${name} block is expected`, path, ctx, v);
  }
  // terraform's JSON syntax takes one block as an object, or any number as an array of objects
  const items = isObject ? [v] : v;
  if (!Array.isArray(items)) return blockTypeError(name, `a list of ${name} blocks is expected`, path, ctx, v);
  return items.map((item, i) => conformNestedItem(name, nested, item, [...path, i], ctx));
}

function conformNestedItem(name: string, nested: NestedBlockSchema, item: Value, path: AttributePath, ctx: Context): Value {
  if (isUnknown(item)) return item;
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    return blockTypeError(name, `each ${name} block must be an object`, path, ctx, item);
  }
  return conformBlock(nested.block, item as ObjectValue, path, ctx);
}

function blockTypeError(name: string, problem: string, path: AttributePath, ctx: Context, v: Value): Value {
  const detail = `Inappropriate value for block "${name}": ${problem}.`;
  ctx.diagnostics.push(error('Incorrect block value type', detail, { address: ctx.address, attributePath: path }));
  return v;
}

function unsupported(name: string, block: BlockSchema, path: AttributePath, ctx: Context): void {
  const known = [...Object.keys(block.attributes), ...Object.keys(block.blocks ?? {})];
  const suggestion = closest(name, known);
  const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
  const detail = `An argument named "${name}" is not expected here.${hint}`;
  ctx.diagnostics.push(error('Unsupported argument', detail, { address: ctx.address, attributePath: path }));
}

type Conversion = { value: Value } | { problem: string; path: AttributePath };

/** cty's conversion of `v` to a primitive or a collection of primitives. */
function convertTo(type: AttributeType, element: AttributeType | undefined, v: Value, path: AttributePath): Conversion {
  if (v === null || v === undefined || isUnknown(v)) return { value: v ?? null };
  switch (type) {
    case 'string':
      return toStringValue(v, path);
    case 'number':
      return toNumberValue(v, path);
    case 'bool':
      return toBoolValue(v, path);
    case 'list':
    case 'set':
      return toListValue(type, element, v, path);
    case 'map':
      return toMapValue(element, v, path);
    case 'object':
      return typeof v === 'object' && !Array.isArray(v) ? { value: v } : { problem: 'an object is required', path };
    case 'dynamic':
      return { value: v };
  }
}

function toStringValue(v: Value, path: AttributePath): Conversion {
  if (typeof v === 'string') return { value: v };
  if (typeof v === 'number') return { value: numToString(v) };
  if (typeof v === 'boolean') return { value: String(v) };
  return { problem: 'string required', path };
}

/** Decimal numbers as cty parses them: an optional sign, digits, a fraction and an exponent. */
const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

function toNumberValue(v: Value, path: AttributePath): Conversion {
  if (typeof v === 'number') return { value: v };
  if (typeof v === 'string' && NUMBER.test(v)) return { value: Number(v) };
  return { problem: 'a number is required', path };
}

function toBoolValue(v: Value, path: AttributePath): Conversion {
  if (typeof v === 'boolean') return { value: v };
  if (v === 'true' || v === '1') return { value: true };
  if (v === 'false' || v === '0') return { value: false };
  if (typeof v === 'string' && ['true', 'false'].includes(v.toLowerCase())) {
    return { problem: `a bool is required; to convert from string, use lowercase "${v.toLowerCase()}"`, path };
  }
  return { problem: 'a bool is required', path };
}

function toListValue(type: 'list' | 'set', element: AttributeType | undefined, v: Value, path: AttributePath): Conversion {
  if (!Array.isArray(v)) return { problem: `${type} of ${element ?? 'any'} required`, path };
  if (!element) return { value: v };
  const out: Value[] = [];
  for (let i = 0; i < v.length; i++) {
    const c = convertTo(element, undefined, v[i], [...path, i]);
    if (!('value' in c)) return c;
    out.push(c.value);
  }
  return { value: out };
}

function toMapValue(element: AttributeType | undefined, v: Value, path: AttributePath): Conversion {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || isUnknown(v)) {
    return { problem: `map of ${element ?? 'any'} required`, path };
  }
  if (!element) return { value: v };
  const out: ObjectValue = {};
  for (const [k, item] of Object.entries(v)) {
    const c = convertTo(element, undefined, item, [...path, k]);
    if (!('value' in c)) return c;
    out[k] = c.value;
  }
  return { value: out };
}

/** The known name nearest to `name` (at most two edits away), for "Did you mean ...?". */
function closest(name: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = editDistance(name.toLowerCase(), k.toLowerCase());
    if (d >= bestDistance) continue;
    best = k;
    bestDistance = d;
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min(previous[j] + 1, row[j - 1] + 1, substitution));
    }
    previous = row;
  }
  return previous[b.length];
}
