// Type constraints of input variables (`type = "list(number)"`, as cdktf writes them) and the
// conversion of a value to one, by cty's rules as terraform applies them (../cty): the string "2"
// to the number 2, numbers and bools to strings, "true" to true, collections element by element,
// an object's missing attributes refused unless optional, optional attributes' defaults filled in
// first (HCL's typeexpr.Defaults). What does not convert is a problem naming the element or
// attribute.
import { ConversionError, convert, type CtyType } from '../cty';
import { evaluate } from '../expr/evaluate';
import { ExprError, parseExpression } from '../expr/parse';
import { isUnknown, setKey, type Value } from '../values';

export type TypeConstraint =
  | { readonly kind: 'string' | 'number' | 'bool' | 'any' }
  | { readonly kind: 'list' | 'set'; readonly element: TypeConstraint }
  | { readonly kind: 'map'; readonly element: TypeConstraint }
  | { readonly kind: 'tuple'; readonly elements: readonly TypeConstraint[] }
  | { readonly kind: 'object'; readonly attributes: ReadonlyMap<string, ObjectAttribute> };

export interface ObjectAttribute {
  readonly type: TypeConstraint;
  readonly optional: boolean;
  /** the value optional(TYPE, DEFAULT) gives a missing or null attribute, converted to TYPE */
  readonly default?: Value;
}

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

  type(depth: number, inObject: boolean): ObjectAttribute {
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
        const attributes = new Map<string, ObjectAttribute>();
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
        if (!this.peek(',')) {
          this.expect(')');
          return { type: inner, optional: true };
        }
        this.expect(',');
        const text = this.expressionText();
        this.expect(')');
        return { type: inner, optional: true, default: defaultValue(inner, text) };
      }
      default:
        throw new TypeSyntaxError(
          `"${name}" is not a type; use string, number, bool, any, list(...), set(...), map(...), tuple([...]) or object({...})`,
        );
    }
  }

  /** The text of an expression up to the ")" that closes the enclosing optional(...). */
  private expressionText(): string {
    const start = this.pos;
    const closers: string[] = [];
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '"') {
        this.pos++;
        while (this.pos < this.src.length && this.src[this.pos] !== '"') this.pos += this.src[this.pos] === '\\' ? 2 : 1;
      } else if (c === '(' || c === '[' || c === '{') closers.push(c === '(' ? ')' : c === '[' ? ']' : '}');
      else if (c === ')' && !closers.length) break;
      else if (c === ')' || c === ']' || c === '}') {
        if (closers.pop() !== c) throw new TypeSyntaxError(`unbalanced "${c}" in the default value`);
      }
      this.pos++;
    }
    const text = this.src.slice(start, this.pos).trim();
    if (!text) throw new TypeSyntaxError('optional(...) has an empty default value');
    return text;
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

/** `v` converted to `t` after filling in optional attributes' defaults; null and unknown pass as they are. */
export function convertToType(t: TypeConstraint, v: Value): { value: Value } | { problem: string } {
  if (v === null || v === undefined || isUnknown(v)) return { value: v ?? null };
  try {
    return { value: convert(applyDefaults(t, v), ctyType(t)) };
  } catch (err) {
    if (err instanceof ConversionError) return { problem: err.message };
    throw err;
  }
}

/** A type constraint as a cty type: object types keep which attributes are optional. */
export function ctyType(t: TypeConstraint): CtyType {
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
      return [t.kind, ctyType(t.element)];
    case 'tuple':
      return ['tuple', t.elements.map(ctyType)];
    case 'object': {
      const attributes = Object.fromEntries([...t.attributes].map(([k, a]) => [k, ctyType(a.type)]));
      const optional = [...t.attributes].filter(([, a]) => a.optional).map(([k]) => k);
      return optional.length ? ['object', attributes, optional] : ['object', attributes];
    }
  }
}

const NO_SCOPE = { resource: () => undefined, variable: () => undefined, local: () => undefined };

/** An optional attribute's default: a constant expression, converted to the attribute's type. */
function defaultValue(t: TypeConstraint, text: string): Value {
  let value: Value;
  try {
    value = evaluate(parseExpression(text), NO_SCOPE);
  } catch (err) {
    if (!(err instanceof ExprError)) throw err;
    throw new TypeSyntaxError(`the default value ${text} is not a constant value: ${err.message}`);
  }
  const converted = convertToType(t, value);
  if ('problem' in converted) throw new TypeSyntaxError(`the default value ${text} does not fit its type: ${converted.problem}`);
  return converted.value;
}

/**
 * Optional attributes' defaults filled in where the value has the attribute missing or null, at
 * every level (HCL's typeexpr.Defaults.Apply, which works on the value before its conversion).
 */
export function applyDefaults(t: TypeConstraint, v: Value): Value {
  if (v === null || isUnknown(v) || typeof v !== 'object' || t.kind === 'any') return v;
  if (Array.isArray(v)) {
    if (t.kind === 'list' || t.kind === 'set') return v.map((x) => applyDefaults(t.element, x));
    if (t.kind === 'tuple') return v.map((x, i) => (i < t.elements.length ? applyDefaults(t.elements[i], x) : x));
    return v;
  }
  const o = v as Record<string, Value>;
  if (t.kind === 'map') {
    const out: Record<string, Value> = {};
    for (const k of Object.keys(o)) setKey(out, k, applyDefaults(t.element, o[k]));
    return out;
  }
  if (t.kind !== 'object') return v;
  const out: Record<string, Value> = {};
  for (const k of Object.keys(o)) setKey(out, k, t.attributes.has(k) ? applyDefaults(t.attributes.get(k)!.type, o[k]) : o[k]);
  for (const [name, a] of t.attributes) {
    if (a.default === undefined || (Object.hasOwn(out, name) && out[name] !== null)) continue;
    setKey(out, name, applyDefaults(a.type, a.default));
  }
  return out;
}
