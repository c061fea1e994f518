// Type constraints of input variables (`type = "list(number)"`, as cdktf writes them) and the
// conversion of a value to one, by cty's rules as terraform applies them: the string "2" to the
// number 2, numbers and bools to strings, "true" to true, collections element by element, an
// object's missing attributes refused unless optional. What does not convert is a problem naming
// the element or attribute.
import { markList, markMap, numToString, toSet, unify } from '../expr/convert';
import { isNum, parseNumber } from '../expr/exact-numbers';
import { isUnknown, type Value } from '../values';

export type TypeConstraint =
  | { readonly kind: 'string' | 'number' | 'bool' | 'any' }
  | { readonly kind: 'list' | 'set'; readonly element: TypeConstraint }
  | { readonly kind: 'map'; readonly element: TypeConstraint }
  | { readonly kind: 'tuple'; readonly elements: readonly TypeConstraint[] }
  | { readonly kind: 'object'; readonly attributes: ReadonlyMap<string, { readonly type: TypeConstraint; readonly optional: boolean }> };

const MAX_TYPE_DEPTH = 64;

/** Parses a type constraint; a problem saying what is wrong when it is not one. */
export function parseTypeConstraint(text: string): { type: TypeConstraint } | { problem: string } {
  const source = text.trim().replace(/^\$\{([\s\S]*)\}$/, '$1');
  const p = new TypeParser(source);
  try {
    const type = p.type(0, false).type;
    p.end();
    return { type };
  } catch (err) {
    if (!(err instanceof TypeSyntaxError)) throw err;
    return { problem: `${JSON.stringify(text)} is not a type constraint: ${err.message}` };
  }
}

class TypeSyntaxError extends Error {}

class TypeParser {
  private pos = 0;
  constructor(private readonly src: string) {}

  type(depth: number, inObject: boolean): { type: TypeConstraint; optional: boolean } {
    if (depth > MAX_TYPE_DEPTH) throw new TypeSyntaxError(`it is nested more than ${MAX_TYPE_DEPTH} levels deep`);
    const name = this.word();
    switch (name) {
      case 'string':
      case 'number':
      case 'bool':
      case 'any':
        return { type: { kind: name }, optional: false };
      case 'list':
      case 'set':
      case 'map': {
        if (!this.peek('(')) return { type: { kind: name, element: { kind: 'any' } }, optional: false };
        this.expect('(');
        const element = this.type(depth + 1, false).type;
        this.expect(')');
        return { type: { kind: name, element }, optional: false };
      }
      case 'tuple': {
        this.expect('(');
        this.expect('[');
        const elements: TypeConstraint[] = [];
        while (!this.peek(']')) {
          elements.push(this.type(depth + 1, false).type);
          if (!this.peek(']')) this.expect(',');
        }
        this.expect(']');
        this.expect(')');
        return { type: { kind: 'tuple', elements }, optional: false };
      }
      case 'object': {
        this.expect('(');
        this.expect('{');
        const attributes = new Map<string, { type: TypeConstraint; optional: boolean }>();
        while (!this.peek('}')) {
          const attr = this.word();
          if (!this.peek('=')) this.expect(':');
          else this.expect('=');
          attributes.set(attr, this.type(depth + 1, true));
          if (this.peek(',')) this.expect(',');
        }
        this.expect('}');
        this.expect(')');
        return { type: { kind: 'object', attributes }, optional: false };
      }
      case 'optional': {
        if (!inObject) throw new TypeSyntaxError('optional(...) is allowed only for an attribute of an object type');
        this.expect('(');
        const inner = this.type(depth + 1, false).type;
        if (this.peek(',')) throw new TypeSyntaxError('optional attributes with a default value are not supported by gridform');
        this.expect(')');
        return { type: inner, optional: true };
      }
      default:
        throw new TypeSyntaxError(
          `"${name}" is not a type; use string, number, bool, any, list(...), set(...), map(...), tuple([...]) or object({...})`,
        );
    }
  }

  end(): void {
    this.skip();
    if (this.pos < this.src.length)
      throw new TypeSyntaxError(`unexpected ${JSON.stringify(this.src.slice(this.pos, this.pos + 10))} after the type`);
  }

  private word(): string {
    this.skip();
    const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.src.slice(this.pos));
    if (!m)
      throw new TypeSyntaxError(
        this.pos < this.src.length
          ? `a type name is expected at ${JSON.stringify(this.src.slice(this.pos, this.pos + 10))}`
          : 'it ends early',
      );
    this.pos += m[0].length;
    return m[0];
  }

  private peek(c: string): boolean {
    this.skip();
    return this.src[this.pos] === c;
  }

  private expect(c: string): void {
    this.skip();
    if (this.src[this.pos] !== c)
      throw new TypeSyntaxError(
        `"${c}" is expected ${this.pos < this.src.length ? `at ${JSON.stringify(this.src.slice(this.pos, this.pos + 10))}` : 'at the end'}`,
      );
    this.pos++;
  }

  private skip(): void {
    while (/\s/.test(this.src[this.pos] ?? '')) this.pos++;
  }
}

/** The type as terraform writes it in messages: "list of number", "map of string". */
export function typeLabel(t: TypeConstraint): string {
  switch (t.kind) {
    case 'list':
    case 'set':
    case 'map':
      return `${t.kind} of ${typeLabel(t.element)}`;
    case 'tuple':
      return 'tuple';
    case 'object':
      return 'object';
    default:
      return t.kind;
  }
}

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const isObject = (v: unknown): v is Record<string, Value> => !!v && typeof v === 'object' && !Array.isArray(v);

/** `v` converted to `t`; null and unknown pass as they are. */
export function convertToType(t: TypeConstraint, v: Value): { value: Value } | { problem: string } {
  if (v === null || v === undefined || isUnknown(v)) return { value: v ?? null };
  switch (t.kind) {
    case 'any':
      return { value: v };
    case 'string':
      if (typeof v === 'string') return { value: v };
      if (isNum(v)) return { value: numToString(v) };
      if (typeof v === 'boolean') return { value: String(v) };
      return { problem: 'string required' };
    case 'number':
      if (isNum(v)) return { value: v };
      if (typeof v === 'string' && NUMBER.test(v)) return { value: parseNumber(v) ?? Number(v) };
      return { problem: 'a number is required' };
    case 'bool':
      if (typeof v === 'boolean') return { value: v };
      if (v === 'true' || v === '1') return { value: true };
      if (v === 'false' || v === '0') return { value: false };
      return { problem: 'a bool is required' };
    case 'list':
    case 'set':
    case 'tuple':
      return convertSequence(t, v);
    case 'map':
      if (!isObject(v)) return { problem: `${typeLabel(t)} required` };
      return marked(
        t,
        convertEntries(v, (k) => [t.element, `element ${JSON.stringify(k)}`]),
      );
    case 'object': {
      if (!isObject(v)) return { problem: 'object required' };
      for (const [name, a] of t.attributes) if (!a.optional && !(name in v)) return { problem: `attribute "${name}" is required` };
      const known = Object.fromEntries([...t.attributes.keys()].filter((k) => k in v).map((k) => [k, v[k]])) as Record<string, Value>;
      const converted = convertEntries(known, (k) => [t.attributes.get(k)!.type, `attribute "${k}"`]);
      if ('problem' in converted) return converted;
      const out = converted.value as Record<string, Value>;
      for (const name of t.attributes.keys()) if (!(name in out)) out[name] = null;
      return { value: out };
    }
  }
}

function convertSequence(t: TypeConstraint & { kind: 'list' | 'set' | 'tuple' }, v: Value): { value: Value } | { problem: string } {
  if (!Array.isArray(v)) return { problem: `${typeLabel(t)} required` };
  if (t.kind === 'tuple' && v.length !== t.elements.length)
    return { problem: `a tuple of ${t.elements.length} elements is required, not ${v.length}` };
  const out: Value[] = [];
  for (const [i, item] of v.entries()) {
    const c = convertToType(t.kind === 'tuple' ? t.elements[i] : t.element, item);
    if ('problem' in c) return { problem: `element ${i}: ${c.problem}` };
    out.push(c.value);
  }
  // a set is a set: unique elements in their order, usable as for_each
  return marked(t, { value: t.kind === 'set' ? toSet(out) : out });
}

/**
 * A list, set or map keeps its kind (and the element type an empty one has) for the types of
 * outputs; of `any` elements, mixed primitives become strings as cty unifies them.
 */
function marked(t: TypeConstraint, converted: { value: Value } | { problem: string }): { value: Value } | { problem: string } {
  if ('problem' in converted || !('element' in t)) return converted;
  const v = converted.value;
  const element = typeJson(t.element);
  if (Array.isArray(v)) {
    const items = t.element.kind === 'any' ? unify(v) : v;
    if (t.kind === 'set') return { value: markList(t.element.kind === 'any' ? toSet(items) : v, element) };
    return { value: markList(items, element) };
  }
  if (v === null || typeof v !== 'object' || isUnknown(v)) return converted;
  const record = v as Record<string, Value>;
  if (t.element.kind !== 'any') return { value: markMap(record) };
  const keys = Object.keys(record);
  const values = unify(keys.map((k) => record[k]));
  return { value: markMap(Object.fromEntries(keys.map((k, i) => [k, values[i]]))) };
}

/** A type constraint as cty's JSON type: "string", ["list", "number"], "dynamic" for any. */
export function typeJson(t: TypeConstraint): unknown {
  switch (t.kind) {
    case 'any':
      return 'dynamic';
    case 'string':
    case 'number':
    case 'bool':
      return t.kind;
    case 'list':
    case 'set':
    case 'map':
      return [t.kind, typeJson(t.element)];
    case 'tuple':
      return ['tuple', t.elements.map(typeJson)];
    case 'object':
      return ['object', Object.fromEntries([...t.attributes].map(([k, a]) => [k, typeJson(a.type)]))];
  }
}

function convertEntries(
  v: Record<string, Value>,
  typeOf: (key: string) => [TypeConstraint, string],
): { value: Value } | { problem: string } {
  const out: Record<string, Value> = {};
  for (const [k, item] of Object.entries(v)) {
    const [type, label] = typeOf(k);
    const c = convertToType(type, item);
    if ('problem' in c) return { problem: `${label}: ${c.problem}` };
    out[k] = c.value;
  }
  return { value: out };
}
