// Parses HCL native expression syntax, as `cdktf synth` writes it inside JSON strings as `${...}`,
// into an expression tree (a Pratt parser over the tokens of lexer.ts), and finds the references
// an expression makes.
import { lexExpression, lexTemplate, LexError, type TemplatePart, type Token } from './lexer';
import type { CtyNumber } from '../cty-number';
import { parseNumber } from './exact-numbers';
import { declaredAddress } from '../addresses/module-names';

export type Step =
  { kind: 'attr'; name: string } | { kind: 'index'; value: number | string } | { kind: 'indexExpr'; expr: Expr } | { kind: 'splat' };

export type BinaryOp = '*' | '/' | '%' | '+' | '-' | '<' | '>' | '<=' | '>=' | '==' | '!=' | '&&' | '||';

export type Expr =
  | { kind: 'literal'; value: string | number | CtyNumber | boolean | null }
  /** string text and interpolations, concatenated */
  | { kind: 'template'; parts: Expr[] }
  /** a traversal rooted at an identifier: var.x, aws_vm.a[0].ip, data.t.n.attr */
  | { kind: 'ref'; root: string; steps: Step[] }
  /** a variable of an enclosing for expression */
  | { kind: 'iterator'; name: string }
  /** steps applied to any other expression: f(x)[0], (a ? b : c).id, x.*.id[0] */
  | { kind: 'traverse'; target: Expr; steps: Step[] }
  | { kind: 'tuple'; items: Expr[] }
  /** a bare identifier key is a literal string key */
  | { kind: 'object'; items: { key: Expr; value: Expr }[] }
  | { kind: 'unary'; op: '-' | '!'; operand: Expr }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'conditional'; cond: Expr; then: Expr; else: Expr }
  /** expand: the last argument is a list spread into the arguments (`f(xs...)`) */
  | { kind: 'call'; name: string; args: Expr[]; expand: boolean }
  /** key set: an object for (`{for k, v in m : k => v}`); group: values with one key are collected (`...`) */
  | { kind: 'for'; keyVar?: string; valueVar: string; collection: Expr; key?: Expr; value: Expr; cond?: Expr; group: boolean }
  /** a template's `%{for ...}body%{endfor}`: the body's text once per element */
  | { kind: 'templateFor'; keyVar?: string; valueVar: string; collection: Expr; body: Expr & { kind: 'template' } }
  /** a template's `%{if ...}then%{else}else%{endif}` */
  | { kind: 'templateIf'; cond: Expr; then: Expr & { kind: 'template' }; else: Expr & { kind: 'template' } };

/** What one `%{...}` template directive says. */
type Directive =
  | { word: 'for'; keyVar?: string; valueVar: string; collection: Expr }
  | { word: 'if'; cond: Expr }
  | { word: 'else' | 'endfor' | 'endif'; start: number };

export type RefExpr = Expr & { kind: 'ref' };

export class ExprError extends Error {
  override name = 'ExprError';
}

export const PRECEDENCE: Record<BinaryOp, number> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '>': 4,
  '<=': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%': 6,
};

/** Whether a JSON string is a template to parse: it has an interpolation `${` or a directive `%{`. */
export function isTemplate(text: string): boolean {
  return text.includes('${') || text.includes('%{');
}

/**
 * Trees of the texts parsed lately. The same text is parsed by the graph, the sensitivity rules, the
 * evaluator and the module flattener, for every instance of a module: the tree is shared (never changed).
 */
const parsedTexts = new Map<string, Expr>();
const MAX_PARSED_TEXTS = 20_000;

/** Parses a whole JSON string value. A value that is exactly one `${expr}` is that expression. */
export function parseTemplate(text: string): Expr {
  const known = parsedTexts.get(text);
  if (known) return known;
  const e = withContext(JSON.stringify(text), () => templateExpr(lexTemplate(text, 0, false).parts, new Set()));
  if (parsedTexts.size >= MAX_PARSED_TEXTS) parsedTexts.clear();
  parsedTexts.set(text, e);
  return e;
}

/** Parses a template whose bare names `names` are its variables (templatefile's vars), read as for-expression variables are. */
export function parseTemplateWithVariables(text: string, names: readonly string[]): Expr {
  return withContext(JSON.stringify(text), () => templateExpr(lexTemplate(text, 0, false).parts, new Set(names)));
}

/** Parses one expression (the text inside `${...}`). */
export function parseExpression(src: string): Expr {
  return withContext(`\${${src}}`, () => new Parser(lexExpression(src), new Set()).parseAll());
}

/** How deeply parentheses, operators and calls may nest: far beyond what people write, far below the stack's limit. */
export const MAX_NESTING = 256;

function withContext(shown: string, parse: () => Expr): Expr {
  try {
    return parse();
  } catch (err) {
    if (err instanceof LexError) throw new ExprError(`Invalid expression in ${clip(shown)}: ${err.message} (at character ${err.pos + 1})`);
    if (err instanceof RangeError) throw new ExprError(`Invalid expression in ${clip(shown)}: it is nested too deeply`);
    throw err;
  }
}

/** An expression as shown in a message: long ones are cut in the middle. */
function clip(shown: string): string {
  return shown.length <= 200 ? shown : `${shown.slice(0, 100)} ... ${shown.slice(-60)}`;
}

function templateExpr(parts: TemplatePart[], bound: Set<string>): Expr {
  const stripped = stripMarkers(parts);
  const cursor = { i: 0 };
  const exprs = templateSequence(stripped, cursor, bound, []).exprs;
  if (exprs.length === 0) return { kind: 'literal', value: '' };
  // a template that is a single interpolation yields the value itself, with its type
  if (exprs.length === 1 && exprs[0].kind !== 'templateFor' && exprs[0].kind !== 'templateIf') return exprs[0];
  return { kind: 'template', parts: exprs };
}

/** Applies the `~` strip markers: the whitespace of the literal text beside a marked `${~` / `~}` is dropped. */
function stripMarkers(parts: TemplatePart[]): TemplatePart[] {
  const out = [...parts];
  out.forEach((p, i) => {
    if (typeof p === 'string') return;
    const before = out[i - 1];
    const after = out[i + 1];
    if (p.stripBefore && typeof before === 'string') out[i - 1] = before.replace(/\s+$/u, '');
    if (p.stripAfter && typeof after === 'string') out[i + 1] = after.replace(/^\s+/u, '');
  });
  return out.filter((p) => p !== '');
}

/**
 * Parses template parts from `cursor.i` until the end or until one of the directives in `ends`,
 * which it consumes and names in `endedBy`. `%{for}` and `%{if}` nest their bodies.
 */
function templateSequence(
  parts: TemplatePart[],
  cursor: { i: number },
  bound: Set<string>,
  ends: string[],
): { exprs: Expr[]; endedBy?: string } {
  const exprs: Expr[] = [];
  while (cursor.i < parts.length) {
    const p = parts[cursor.i++];
    if (typeof p === 'string') {
      exprs.push({ kind: 'literal', value: p });
      continue;
    }
    if (!p.directive) {
      exprs.push(new Parser(p.tokens, bound).parseAll());
      continue;
    }
    const d = new Parser(p.tokens, bound).directive();
    if (ends.includes(d.word)) return { exprs, endedBy: d.word };
    if (d.word === 'for') {
      const inner = new Set([...bound, d.valueVar, ...(d.keyVar ? [d.keyVar] : [])]);
      const body = templateSequence(parts, cursor, inner, ['endfor']);
      if (body.endedBy !== 'endfor') throw new LexError('%{for} has no matching %{endfor}', p.start);
      const { keyVar, valueVar, collection } = d;
      exprs.push({ kind: 'templateFor', keyVar, valueVar, collection, body: { kind: 'template', parts: body.exprs } });
    } else if (d.word === 'if') {
      const then = templateSequence(parts, cursor, bound, ['else', 'endif']);
      const otherwise = then.endedBy === 'else' ? templateSequence(parts, cursor, bound, ['endif']) : { exprs: [], endedBy: then.endedBy };
      if (otherwise.endedBy !== 'endif') throw new LexError('%{if} has no matching %{endif}', p.start);
      const branch = (x: Expr[]): Expr & { kind: 'template' } => ({ kind: 'template', parts: x });
      exprs.push({ kind: 'templateIf', cond: d.cond, then: branch(then.exprs), else: branch(otherwise.exprs) });
    } else throw new LexError(`%{${d.word}} without a matching opening directive`, p.start);
  }
  return { exprs };
}

class Parser {
  private i = 0;
  private depth = 0;
  constructor(
    private readonly tokens: Token[],
    /** names bound by enclosing for expressions */
    private readonly bound: Set<string>,
  ) {}

  parseAll(): Expr {
    const e = this.expression();
    if (this.peek().kind !== 'eof') this.fail(`unexpected ${describe(this.peek())}`);
    return e;
  }

  /** Parses the inside of a `%{...}` directive: `for [k,] v in coll`, `if cond`, `else`, `endfor` or `endif`. */
  directive(): Directive {
    const start = this.peek().start;
    const word = this.ident();
    let d: Directive;
    if (word === 'for') {
      let valueVar = this.ident();
      let keyVar: string | undefined;
      if (this.accept(',')) {
        keyVar = valueVar;
        valueVar = this.ident();
      }
      this.expect('in');
      d = { word, keyVar, valueVar, collection: this.expression() };
    } else if (word === 'if') d = { word, cond: this.expression() };
    else if (word === 'else' || word === 'endfor' || word === 'endif') d = { word, start };
    else this.fail(`unknown template directive "${word}"; expected for, if, else, endfor or endif`);
    if (this.peek().kind !== 'eof') this.fail(`unexpected ${describe(this.peek())}`);
    return d;
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.i + ahead, this.tokens.length - 1)];
  }
  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.i++;
    return t;
  }
  private is(text: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return (t.kind === 'punct' || t.kind === 'ident') && t.text === text;
  }
  private accept(text: string): boolean {
    if (!this.is(text)) return false;
    this.i++;
    return true;
  }
  private expect(text: string): void {
    if (!this.accept(text)) this.fail(`expected "${text}" but found ${describe(this.peek())}`);
  }
  private ident(): string {
    const t = this.next();
    if (t.kind !== 'ident') this.fail(`expected a name but found ${describe(t)}`, t);
    return (t as { text: string }).text;
  }
  private fail(message: string, at = this.peek()): never {
    throw new LexError(message, at.start);
  }

  expression(): Expr {
    this.enter();
    try {
      const cond = this.binary(1);
      if (!this.accept('?')) return cond;
      const then = this.expression();
      this.expect(':');
      return { kind: 'conditional', cond, then, else: this.expression() };
    } finally {
      this.depth--;
    }
  }

  private enter(): void {
    if (++this.depth > MAX_NESTING) this.fail(`the expression is nested more than ${MAX_NESTING} levels deep`);
  }

  private binary(min: number): Expr {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      const op = t.kind === 'punct' && t.text in PRECEDENCE ? (t.text as BinaryOp) : undefined;
      if (!op || PRECEDENCE[op] < min) return left;
      this.i++;
      left = { kind: 'binary', op, left, right: this.binary(PRECEDENCE[op] + 1) };
    }
  }

  private unary(): Expr {
    if (this.is('-') || this.is('!')) {
      const op = (this.next() as { text: '-' | '!' }).text;
      this.enter();
      try {
        return { kind: 'unary', op, operand: this.unary() };
      } finally {
        this.depth--;
      }
    }
    const parenthesized = this.is('(');
    return this.postfix(this.primary(), parenthesized);
  }

  /**
   * Attribute, index and splat steps. A full splat `[*]` takes every following step; a legacy splat `.*` only the attribute names
   * right after it.
   */
  private postfix(primary: Expr, parenthesized: boolean): Expr {
    let node = primary;
    // where the next step goes; a new traversal around `node` when undefined (parentheses end a splat's reach)
    let steps: Step[] | undefined = node.kind === 'ref' && !parenthesized ? node.steps : undefined;
    const push = (step: Step) => {
      if (!steps) node = { kind: 'traverse', target: node, steps: (steps = []) };
      steps.push(step);
    };
    for (;;) {
      if (this.accept('.')) {
        const t = this.next();
        if (t.kind === 'ident') push({ kind: 'attr', name: t.text });
        // legacy index steps: a.0, and a.0.1 which lexes as one number
        else if (t.kind === 'number' && /^\d+(\.\d+)?$/.test(t.text))
          t.text.split('.').forEach((n) => push({ kind: 'index', value: Number(n) }));
        else if (t.kind === 'punct' && t.text === '*') {
          push({ kind: 'splat' });
          while (this.is('.') && this.peek(1).kind === 'ident') {
            this.i++;
            push({ kind: 'attr', name: (this.next() as { text: string }).text });
          }
          steps = undefined;
        } else this.fail(`expected an attribute name after "." but found ${describe(t)}`, t);
      } else if (this.is('[') && !this.peek().newlineBefore) {
        this.i++;
        if (this.accept('*')) push({ kind: 'splat' });
        else {
          const key = this.expression();
          push(
            key.kind === 'literal' && (typeof key.value === 'number' || typeof key.value === 'string')
              ? { kind: 'index', value: key.value }
              : { kind: 'indexExpr', expr: key },
          );
        }
        this.expect(']');
      } else return node;
    }
  }

  private primary(): Expr {
    const t = this.next();
    switch (t.kind) {
      case 'number':
        return { kind: 'literal', value: parseNumber(t.text) ?? Number(t.text) };
      case 'string':
        return templateExpr(t.parts, this.bound);
      case 'ident':
        if (t.text === 'true' || t.text === 'false') return { kind: 'literal', value: t.text === 'true' };
        if (t.text === 'null') return { kind: 'literal', value: null };
        if (this.is('(')) return this.call(t.text);
        if (this.bound.has(t.text)) return { kind: 'iterator', name: t.text };
        return { kind: 'ref', root: t.text, steps: [] };
      case 'punct':
        if (t.text === '(') {
          const e = this.expression();
          this.expect(')');
          return e;
        }
        if (t.text === '[') return this.is('for') && this.peek(1).kind === 'ident' ? this.forExpr(']') : this.tuple();
        if (t.text === '{') return this.is('for') && this.peek(1).kind === 'ident' ? this.forExpr('}') : this.object();
    }
    return this.fail(`expected an expression but found ${describe(t)}`, t);
  }

  private call(name: string): Expr {
    this.expect('(');
    const args: Expr[] = [];
    let expand = false;
    while (!this.accept(')')) {
      args.push(this.expression());
      if (this.accept('...')) {
        expand = true;
        this.accept(',');
        this.expect(')');
        break;
      }
      if (!this.is(')')) this.expect(',');
    }
    return { kind: 'call', name, args, expand };
  }

  private tuple(): Expr {
    const items: Expr[] = [];
    while (!this.accept(']')) {
      items.push(this.expression());
      if (!this.is(']')) this.expect(',');
    }
    return { kind: 'tuple', items };
  }

  private object(): Expr {
    const items: { key: Expr; value: Expr }[] = [];
    while (!this.accept('}')) {
      const t = this.peek();
      const bare = t.kind === 'ident' && (this.is('=', 1) || this.is(':', 1));
      const key: Expr = bare ? { kind: 'literal', value: (this.next() as { text: string }).text } : this.expression();
      if (!this.accept('=')) this.expect(':');
      items.push({ key, value: this.expression() });
      // items are separated by commas or newlines
      if (!this.accept(',') && !this.is('}') && !this.peek().newlineBefore)
        this.fail(`expected "," or "}" but found ${describe(this.peek())}`);
    }
    return { kind: 'object', items };
  }

  private forExpr(close: ']' | '}'): Expr {
    this.expect('for');
    let valueVar = this.ident();
    let keyVar: string | undefined;
    if (this.accept(',')) {
      keyVar = valueVar;
      valueVar = this.ident();
    }
    this.expect('in');
    const collection = this.expression();
    this.expect(':');
    const inner = new Parser(this.tokens, new Set([...this.bound, valueVar, ...(keyVar ? [keyVar] : [])]));
    inner.i = this.i;
    let key: Expr | undefined;
    let value = inner.expression();
    let group = false;
    if (close === '}') {
      inner.expect('=>');
      key = value;
      value = inner.expression();
      group = inner.accept('...');
    }
    const cond = inner.accept('if') ? inner.expression() : undefined;
    inner.expect(close);
    this.i = inner.i;
    return { kind: 'for', keyVar, valueVar, collection, key, value, cond, group };
  }
}

function describe(t: Token): string {
  if (t.kind === 'eof') return 'the end of the expression';
  if (t.kind === 'string') return 'a string';
  return `"${t.text}"`;
}

const NOT_ADDRESSES = new Set(['var', 'local', 'each', 'count', 'path', 'self', 'terraform']);

/** The resource or data source a reference points at (grid_network.net, data.t.n), or undefined for var, local, each, ... */
export function referencedAddress(ref: RefExpr): string | undefined {
  if (NOT_ADDRESSES.has(ref.root)) return undefined;
  const [a, b] = ref.steps;
  if (ref.root === 'data') return a?.kind === 'attr' && b?.kind === 'attr' ? declaredAddress('data', a.name, b.name) : undefined;
  return a?.kind === 'attr' ? declaredAddress('managed', ref.root, a.name) : undefined;
}

/** Every reference anywhere in an expression (for-expression variables are not references). */
export function references(e: Expr): RefExpr[] {
  const out: RefExpr[] = [];
  const steps = (ss: Step[]) => ss.forEach((s) => s.kind === 'indexExpr' && walk(s.expr));
  const walk = (x: Expr | undefined): void => {
    if (!x) return;
    switch (x.kind) {
      case 'ref':
        out.push(x);
        return steps(x.steps);
      case 'traverse':
        walk(x.target);
        return steps(x.steps);
      case 'template':
        return x.parts.forEach(walk);
      case 'tuple':
        return x.items.forEach(walk);
      case 'object':
        return x.items.forEach((it) => (walk(it.key), walk(it.value)));
      case 'unary':
        return walk(x.operand);
      case 'binary':
        return (walk(x.left), walk(x.right));
      case 'conditional':
        return (walk(x.cond), walk(x.then), walk(x.else));
      case 'call':
        return x.args.forEach(walk);
      case 'for':
        return [x.collection, x.key, x.value, x.cond].forEach(walk);
      case 'templateFor':
        return [x.collection, x.body].forEach(walk);
      case 'templateIf':
        return [x.cond, x.then, x.else].forEach(walk);
    }
  };
  walk(e);
  return out;
}
