// Values on the plugin protocol's wire (DynamicValue): msgpack as go-cty writes it, read and
// written against the schema's types. null is nil; unknown is extension type 0, and any other
// extension (terraform 1.11 sends refined unknowns as type 12) is read as unknown too; an object
// is a map with exactly its schema's attributes and nested block types; a dynamic value is a
// two-element array of its JSON type (bytes) and the value.
import { decode, encode, ExtData } from '@msgpack/msgpack';
import { CtyNumber, parseDecimal } from '../cty-number';
import type { CtyType } from '../provider/cty-type';
import { ctyTypeOf } from '../provider/cty-type';
import type { BlockSchema, ObjectValue } from '../provider/interface';
import { Unknown, isUnknown, type Value } from '../values';

const UNKNOWN_EXT = new ExtData(0, new Uint8Array([0]));

/** Decodes a DynamicValue's msgpack bytes as an object of `block`; null for nil or no bytes. */
export function decodeObject(block: BlockSchema, bytes: Uint8Array | undefined): ObjectValue | null {
  if (!bytes || bytes.length === 0) return null;
  const raw = decode(bytes, { useBigInt64: false });
  const v = fromWireBlock(block, raw);
  if (v === Unknown) throw new Error('the whole object is unknown');
  return v as ObjectValue | null;
}

/** Encodes an object of `block` (or null) as a DynamicValue's msgpack bytes. */
export function encodeObject(block: BlockSchema, value: ObjectValue | null): Uint8Array {
  return encode(toWireBlock(block, value), { ignoreUndefined: false });
}

/** Reads terraform's JSON state of an object (UpgradeResourceState's raw_state.json) into engine values. */
export function fromStateJson(block: BlockSchema, doc: unknown): ObjectValue | null {
  return fromJsonBlock(block, doc) as ObjectValue | null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof ExtData);
}

function fromWireBlock(block: BlockSchema, raw: unknown): Value {
  if (raw === null || raw === undefined) return null;
  if (raw instanceof ExtData) return Unknown;
  if (!isObject(raw)) throw new Error(`expected an object, got ${describe(raw)}`);
  const out: ObjectValue = {};
  for (const [name, attr] of Object.entries(block.attributes)) out[name] = fromWire(ctyTypeOf(attr), raw[name]);
  for (const [name, nested] of Object.entries(block.blocks ?? {})) {
    const item = raw[name];
    if (nested.nesting === 'single') out[name] = fromWireBlock(nested.block, item);
    else if (item instanceof ExtData) out[name] = Unknown;
    else if (item === null || item === undefined) out[name] = [];
    else out[name] = asArray(item).map((x) => fromWireBlock(nested.block, x));
  }
  return out;
}

function fromWire(type: CtyType, raw: unknown): Value {
  if (raw === null || raw === undefined) return null;
  if (raw instanceof ExtData) return Unknown;
  if (typeof type === 'string') return fromWirePrimitive(type, raw);
  const [kind, inner] = type;
  if (kind === 'list' || kind === 'set') return asArray(raw).map((x) => fromWire(inner as CtyType, x));
  if (kind === 'tuple') return asArray(raw).map((x, i) => fromWire((inner as readonly CtyType[])[i] ?? 'dynamic', x));
  if (!isObject(raw)) throw new Error(`expected a ${kind}, got ${describe(raw)}`);
  const out: ObjectValue = {};
  for (const [k, x] of Object.entries(raw)) {
    const elementType = kind === 'map' ? (inner as CtyType) : ((inner as Record<string, CtyType>)[k] ?? 'dynamic');
    out[k] = fromWire(elementType, x);
  }
  return out;
}

function fromWirePrimitive(type: string, raw: unknown): Value {
  if (type === 'dynamic') {
    const [typeJson, value] = asArray(raw);
    if (!(typeJson instanceof Uint8Array)) throw new Error('a dynamic value must start with its type as JSON bytes');
    return fromWire(JSON.parse(Buffer.from(typeJson).toString('utf8')) as CtyType, value);
  }
  if (type === 'number' && typeof raw === 'string') {
    const n = parseDecimal(raw);
    if (!n) throw new Error(`${JSON.stringify(raw)} is not a number`);
    return n;
  }
  if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') return raw;
  if (typeof raw === 'bigint') return Number(raw);
  throw new Error(`expected a ${type}, got ${describe(raw)}`);
}

function asArray(raw: unknown): unknown[] {
  if (!Array.isArray(raw)) throw new Error(`expected an array, got ${describe(raw)}`);
  return raw;
}

function describe(raw: unknown): string {
  if (raw instanceof Uint8Array) return 'bytes';
  return Array.isArray(raw) ? 'an array' : typeof raw;
}

function toWireBlock(block: BlockSchema, value: Value | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (isUnknown(value)) return UNKNOWN_EXT;
  if (!isObject(value)) throw new Error(`expected an object, got ${describe(value)}`);
  const out: Record<string, unknown> = {};
  for (const [name, attr] of Object.entries(block.attributes)) out[name] = toWire(ctyTypeOf(attr), value[name]);
  for (const [name, nested] of Object.entries(block.blocks ?? {})) {
    const item = value[name];
    if (nested.nesting === 'single') out[name] = toWireBlock(nested.block, item);
    else if (isUnknown(item)) out[name] = UNKNOWN_EXT;
    // a nested list or set block is never nil: an empty array when there is none
    else out[name] = (Array.isArray(item) ? item : item ? [item] : []).map((x) => toWireBlock(nested.block, x));
  }
  return out;
}

function toWire(type: CtyType, value: Value | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (isUnknown(value)) return UNKNOWN_EXT;
  if (typeof type === 'string') return toWirePrimitive(type, value);
  const [kind, inner] = type;
  if (kind === 'list' || kind === 'set') return asArray(value).map((x) => toWire(inner as CtyType, x as Value));
  if (kind === 'tuple') return asArray(value).map((x, i) => toWire((inner as readonly CtyType[])[i] ?? 'dynamic', x as Value));
  if (!isObject(value)) throw new Error(`expected a ${kind}, got ${describe(value)}`);
  const out: Record<string, unknown> = {};
  const record = value as Record<string, Value>;
  if (kind === 'map') for (const k of Object.keys(record)) out[k] = toWire(inner as CtyType, record[k]);
  else for (const [k, t] of Object.entries(inner as Record<string, CtyType>)) out[k] = toWire(t, record[k]);
  return out;
}

function toWirePrimitive(type: string, value: Value): unknown {
  if (type === 'dynamic') {
    const inferred = typeOfValue(value);
    return [Buffer.from(JSON.stringify(inferred)), toWire(inferred, value)];
  }
  if (value instanceof CtyNumber) return value.text();
  if (type === 'string' && typeof value !== 'string') return String(value);
  if (type === 'number' && typeof value === 'number' && !Number.isFinite(value))
    throw new Error(`${value} is not a number terraform holds`);
  return value;
}

/** The cty type a plain value has, for a dynamic attribute: objects and tuples, as terraform infers them. */
export function typeOfValue(value: Value): CtyType {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number' || value instanceof CtyNumber) return 'number';
  if (typeof value === 'boolean') return 'bool';
  if (value === null || isUnknown(value)) return 'dynamic';
  if (Array.isArray(value)) return ['tuple', value.map(typeOfValue)];
  return ['object', Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeOfValue(v)]))];
}

function fromJsonBlock(block: BlockSchema, doc: unknown): Value {
  if (doc === null || doc === undefined) return null;
  if (!isObject(doc)) throw new Error(`expected an object in the state, got ${describe(doc)}`);
  const out: ObjectValue = {};
  for (const [name, attr] of Object.entries(block.attributes)) out[name] = fromJson(ctyTypeOf(attr), doc[name]);
  for (const [name, nested] of Object.entries(block.blocks ?? {})) {
    const item = doc[name];
    if (nested.nesting === 'single') out[name] = fromJsonBlock(nested.block, item);
    else out[name] = Array.isArray(item) ? item.map((x) => fromJsonBlock(nested.block, x)) : [];
  }
  return out;
}

function fromJson(type: CtyType, doc: unknown): Value {
  if (doc === null || doc === undefined) return null;
  // terraform writes a dynamic attribute's value in state JSON with its type beside it
  if (type === 'dynamic' && isObject(doc) && 'value' in doc && 'type' in doc && Object.keys(doc).length === 2) return doc.value as Value;
  return doc as Value;
}
