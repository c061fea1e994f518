// Evaluates expression trees against known values. A value known only after apply is Unknown,
// and anything computed from it is Unknown too, except where the result is already decided
// (a conditional's untaken branch, coalesce, try). Errors are ExprErrors naming the expression.
import { isCtyNumber } from '../cty-number';
import { isUnknown, setKey, Unknown, type Value } from '../values';
import { containsUnknown, isObject, numToString, sortedObject, toBool, toExactNum, toNum, toStr, typeName } from './convert';
import { isSetValue, ValueError, type ObjectValue } from './convert';
import { arith, compareNum, isZeroNum, negateNum } from './exact-numbers';
import { FUNCTIONS } from './functions';
import { ExprError, isTemplate, parseTemplate, type Expr, type Step } from './parse';
import type { Clock } from './functions/types';
import { show } from './print';
import { conditional } from './conditional';
import { valuesEqual } from './equality';
import { MAX_FOR_ITERATIONS, MAX_STRING_LENGTH } from './limits';
import { declaredAddress } from '../addresses/module-names';

export interface Scope {
  /**
   * value of a resource or data source by address (an object; a list of objects for count; a map for for_each); undefined when not
   * declared
   */
  resource(address: string): Value | undefined;
  variable(name: string): Value | undefined;
  local(name: string): Value | undefined;
  /** count.index inside a counted resource */
  readonly countIndex?: number;
  /** each.key / each.value inside a for_each resource */
  readonly each?: { key: string; value: Value };
  /** path.module, path.root, path.cwd */
  readonly paths?: { module: string; root: string; cwd: string };
  /** terraform.workspace */
  readonly workspace?: string;
  /** the object a postcondition checks */
  readonly self?: Value;
  /** the plan's time and whether apply is running, for timestamp() and plantimestamp() */
  readonly clock?: Clock;
}

/** The scope plus the variables of enclosing for expressions, and the for iterations left. */
export interface Env {
  scope: Scope;
  vars: ReadonlyMap<string, Value>;
  readonly budget: { iterations: number };
}

export function evaluate(e: Expr, scope: Scope): Value {
  return ev(e, { scope, vars: new Map(), budget: { iterations: MAX_FOR_ITERATIONS } });
}

/** Evaluates with variables bound as a for expression binds them (templatefile's vars). */
export function evaluateWithVariables(e: Expr, scope: Scope, vars: ReadonlyMap<string, Value>): Value {
  return ev(e, { scope, vars, budget: { iterations: MAX_FOR_ITERATIONS } });
}

/** Evaluates every string containing `${` inside a JSON body (strings, lists, objects). */
export function evaluateBody(body: unknown, scope: Scope): Value {
  try {
    return evaluateNested(body, scope);
  } catch (err) {
    // a configuration nested thousands of levels deep (in JSON, or in expressions) ends the stack
    if (!(err instanceof RangeError)) throw err;
    if (/call stack/.test(err.message)) throw new ExprError('The configuration is nested too deeply to evaluate');
    if (/Invalid (string|array|typed array) length|out of memory|allocation/i.test(err.message)) {
      throw new ExprError(`A value of the configuration is too large to compute (${err.message})`);
    }
    throw new ExprError(`A value of the configuration is out of the range a function takes (${err.message})`);
  }
}

function evaluateNested(body: unknown, scope: Scope): Value {
  if (typeof body === 'string') return evaluateString(body, scope);
  if (Array.isArray(body)) return body.map((b) => evaluateNested(b, scope));
  if (body !== null && typeof body === 'object') return evaluateObject(body as Record<string, unknown>, scope);
  return body as Value;
}

function evaluateString(text: string, scope: Scope): Value {
  if (!isTemplate(text)) return text;
  return evaluate(parseTemplate(text), scope);
}

/**
 * A JSON object as HCL's JSON syntax reads it in an expression: each property name is a string
 * template too (`{"${format("%s", x)}": "v"}`, as cdktf writes a map keyed by a token). A name not
 * known yet makes the whole object unknown; a null name, or two names that evaluate alike, is an error.
 */
function evaluateObject(body: Record<string, unknown>, scope: Scope): Value {
  const out: ObjectValue = {};
  const fromTemplate = new Set<string>();
  let unknownName = false;
  for (const [k, v] of Object.entries(body)) {
    const value = evaluateNested(v, scope);
    if (!isTemplate(k)) {
      if (fromTemplate.has(k)) throw new ExprError(`Duplicate object attribute: ${JSON.stringify(k)} is defined twice in this object`);
      setKey(out, k, value);
      continue;
    }
    const name = evaluateString(k, scope);
    if (isUnknown(name) || containsUnknown(name)) {
      unknownName = true;
      continue;
    }
    if (name === null)
      throw new ExprError(`Invalid object key expression: the property name ${JSON.stringify(k)} is null, which cannot be a key`);
    let key: string;
    try {
      key = toStr(name, `the property name ${JSON.stringify(k)}`);
    } catch (err) {
      if (err instanceof ValueError) throw new ExprError(`Invalid object key expression: ${err.message}`);
      throw err;
    }
    if (Object.prototype.hasOwnProperty.call(out, key)) {
      throw new ExprError(`Duplicate object attribute: ${JSON.stringify(k)} gives ${JSON.stringify(key)}, which this object already has`);
    }
    fromTemplate.add(key);
    setKey(out, key, value);
  }
  return unknownName ? Unknown : out;
}

/** An ExprError saying what failed, in which expression, and why. */
export function fail(e: Expr, summary: string, detail?: string): never {
  throw new ExprError(`${summary} in \${${show(e)}}${detail ? `: ${detail}` : ''}`);
}

/** Runs a conversion, turning its ValueError into an ExprError about `e`. */
export function check<T>(e: Expr, summary: string, f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof ValueError) fail(e, summary, err.message);
    throw err;
  }
}

export function ev(e: Expr, env: Env): Value {
  switch (e.kind) {
    case 'literal':
      return e.value;
    case 'template':
      return template(e, env);
    case 'ref':
      return reference(e, env);
    case 'iterator':
      return env.vars.get(e.name) ?? null;
    case 'traverse':
      return traverse(e, ev(e.target, env), e.steps, env);
    case 'tuple':
      return e.items.map((x) => ev(x, env));
    case 'object':
      return object(e, env);
    case 'unary': {
      const v = ev(e.operand, env);
      if (isUnknown(v)) return Unknown;
      if (e.op === '-') return negateNum(check(e, 'Invalid operand', () => toExactNum(v, 'the operand of -')));
      return !check(e, 'Invalid operand', () => toBool(v, 'the operand of !'));
    }
    case 'binary':
      return binary(e, ev(e.left, env), ev(e.right, env));
    case 'conditional':
      return conditional(e, env);
    case 'call':
      return call(e, env);
    case 'for':
      return forExpr(e, env);
    case 'templateFor':
      return templateFor(e, env);
    case 'templateIf': {
      const c = ev(e.cond, env);
      if (isUnknown(c)) return Unknown;
      return template(check(e, 'Invalid condition', () => toBool(c, 'the condition')) ? e.then : e.else, env);
    }
  }
}

/** `%{for}`: the body's text for each element, joined. */
function templateFor(e: Expr & { kind: 'templateFor' }, env: Env): Value {
  const coll = ev(e.collection, env);
  if (isUnknown(coll)) return Unknown;
  let out = '';
  for (const [k, v] of iterationPairs(e, e.collection, coll)) {
    spendIteration(e, env);
    const vars = new Map(env.vars);
    if (e.keyVar) vars.set(e.keyVar, k);
    vars.set(e.valueVar, v);
    const text = template(e.body, { scope: env.scope, vars, budget: env.budget });
    if (isUnknown(text)) return Unknown;
    out += text as string;
    if (out.length > MAX_STRING_LENGTH) tooLong(e, out);
  }
  return out;
}

function template(e: Expr & { kind: 'template' }, env: Env): Value {
  let out = '';
  let unknown = false;
  for (const part of e.parts) {
    const v = ev(part, env);
    if (isUnknown(v)) unknown = true;
    else if (v === null) fail(e, 'Invalid template interpolation value', `${show(part)} is null`);
    else if (typeof v === 'object' && !isCtyNumber(v)) {
      const detail = `${show(part)} is a ${typeName(v)}; only strings, numbers and bools can be interpolated`;
      fail(e, 'Invalid template interpolation value', detail);
    } else out += check(e, 'Invalid template interpolation value', () => toStr(v));
    if (out.length > MAX_STRING_LENGTH) tooLong(e, out);
  }
  return unknown ? Unknown : out;
}

function reference(e: Expr & { kind: 'ref' }, env: Env): Value {
  const { scope } = env;
  const [first, second] = e.steps;
  const name = first?.kind === 'attr' ? first.name : undefined;
  const named = (what: string): string => {
    if (name === undefined) fail(e, 'Invalid reference', `${e.root} must be followed by an attribute name, as in ${e.root}.${what}`);
    return name;
  };
  let value: Value | undefined;
  let rest = e.steps.slice(1);
  switch (e.root) {
    case 'var':
      value = scope.variable(named('name'));
      if (value === undefined) fail(e, 'Reference to undeclared input variable', `var.${name} is not declared`);
      break;
    case 'local':
      value = scope.local(named('name'));
      if (value === undefined) fail(e, 'Reference to undeclared local value', `local.${name} is not declared`);
      break;
    case 'count':
      if (named('index') !== 'index') fail(e, 'Invalid reference', `count has only the attribute index`);
      if (scope.countIndex === undefined) fail(e, 'Invalid reference', 'count.index is only valid in a resource with count');
      value = scope.countIndex;
      break;
    case 'each':
      if (named('key') !== 'key' && name !== 'value') fail(e, 'Invalid reference', 'each has only the attributes key and value');
      if (!scope.each) fail(e, 'Invalid reference', `each.${name} is only valid in a resource with for_each`);
      value = name === 'key' ? scope.each.key : scope.each.value;
      break;
    case 'path': {
      const paths = scope.paths ?? { module: '.', root: '.', cwd: process.cwd() };
      if (!['module', 'root', 'cwd'].includes(named('module')))
        fail(e, 'Invalid reference', 'path has only the attributes module, root and cwd');
      value = paths[name as 'module'];
      break;
    }
    case 'terraform':
      if (named('workspace') !== 'workspace') fail(e, 'Invalid reference', 'terraform has only the attribute workspace');
      value = scope.workspace ?? 'default';
      break;
    case 'self':
      if (scope.self === undefined) fail(e, 'Invalid "self" reference', 'self is available only in postcondition blocks');
      return traverse(e, scope.self, e.steps, env);
    case 'data': {
      if (first?.kind !== 'attr' || second?.kind !== 'attr') fail(e, 'Invalid reference', 'a data source is referenced as data.TYPE.NAME');
      const address = declaredAddress('data', first.name, second.name);
      value = scope.resource(address);
      if (value === undefined) fail(e, `Reference to undeclared data source ${address}`);
      rest = e.steps.slice(2);
      break;
    }
    default: {
      const address = declaredAddress('managed', e.root, named('name'));
      value = scope.resource(address);
      if (value === undefined) fail(e, `Reference to undeclared resource ${address}`);
    }
  }
  return traverse(e, value, rest, env);
}

/** Applies traversal steps to a value. A splat maps the rest of the steps over a list. */
function traverse(e: Expr, value: Value, steps: Step[], env: Env): Value {
  let v = value;
  for (let i = 0; i < steps.length; i++) {
    if (isUnknown(v)) return Unknown;
    const step = steps[i];
    if (step.kind === 'splat') {
      const rest = steps.slice(i + 1);
      const items = v === null ? [] : Array.isArray(v) ? v : [v];
      return items.map((item) => traverse(e, item, rest, env));
    }
    if (step.kind === 'attr') {
      v = attribute(e, v, step.name);
      continue;
    }
    const key = step.kind === 'index' ? step.value : ev(step.expr, env);
    if (isUnknown(key)) return Unknown;
    v = index(e, v, key);
  }
  return v;
}

function attribute(e: Expr, v: Value, name: string): Value {
  if (isObject(v)) {
    if (!Object.prototype.hasOwnProperty.call(v, name)) fail(e, 'Unsupported attribute', `the object has no attribute "${name}"`);
    return v[name];
  }
  if (v === null) fail(e, 'Attempt to get attribute from null value', `cannot read "${name}" of null`);
  if (Array.isArray(v))
    fail(e, 'Unsupported attribute', `cannot read "${name}" of a list; use [*].${name} for every element or [N].${name} for one`);
  return fail(e, 'Unsupported attribute', `cannot read "${name}" of a ${typeName(v)}`);
}

function index(e: Expr, v: Value, key: Value): Value {
  if (isSetValue(v)) {
    const detail = "elements of a set are identified only by their value and don't have an index; convert it with tolist() first";
    fail(e, 'Invalid index', detail);
  }
  if (Array.isArray(v)) {
    const i = check(e, 'Invalid index', () => toNum(key, 'a list index'));
    if (!Number.isInteger(i) || i < 0 || i >= v.length)
      fail(e, 'Invalid index', `the list has ${v.length} element${v.length === 1 ? '' : 's'}, so there is no element ${numToString(i)}`);
    return v[i];
  }
  if (isObject(v)) {
    const k = check(e, 'Invalid index', () => toStr(key, 'a map key'));
    if (!Object.prototype.hasOwnProperty.call(v, k)) fail(e, 'Invalid index', `the map has no element for the key ${JSON.stringify(k)}`);
    return v[k];
  }
  if (v === null) fail(e, 'Attempt to index null value', 'cannot index null');
  return fail(e, 'Invalid index', `a ${typeName(v)} has no elements to index`);
}

function object(e: Expr & { kind: 'object' }, env: Env): Value {
  const entries = new Map<string, Value>();
  let unknown = false;
  for (const item of e.items) {
    const k = ev(item.key, env);
    const v = ev(item.value, env);
    if (isUnknown(k)) unknown = true;
    else {
      const key = check(e, 'Invalid object key', () => toStr(k, 'an object key'));
      entries.set(key, v);
    }
  }
  return unknown ? Unknown : Object.fromEntries(entries);
}

function binary(e: Expr & { kind: 'binary' }, l: Value, r: Value): Value {
  switch (e.op) {
    case '==':
    case '!=':
      if (containsUnknown(l) || containsUnknown(r)) return Unknown;
      return valuesEqual(l, r) === (e.op === '==');
    case '&&':
    case '||': {
      if (isUnknown(l) || isUnknown(r)) return Unknown;
      const a = check(e, 'Invalid operand', () => toBool(l, `the left operand of ${e.op}`));
      const b = check(e, 'Invalid operand', () => toBool(r, `the right operand of ${e.op}`));
      return e.op === '&&' ? a && b : a || b;
    }
  }
  if (isUnknown(l) || isUnknown(r)) return Unknown;
  const a = check(e, 'Invalid operand', () => toExactNum(l, `the left operand of ${e.op}`));
  const b = check(e, 'Invalid operand', () => toExactNum(r, `the right operand of ${e.op}`));
  switch (e.op) {
    case '/':
      if (isZeroNum(b)) fail(e, 'Operation failed', 'division by zero');
      return arith('/', a, b);
    case '%':
      // cty's Modulo gives the dividend back when the divisor is zero
      if (isZeroNum(b)) return a;
      return arith('%', a, b);
    case '+':
    case '-':
    case '*':
      return arith(e.op, a, b);
    case '<':
      return compareNum(a, b) < 0;
    case '>':
      return compareNum(a, b) > 0;
    case '<=':
      return compareNum(a, b) <= 0;
    case '>=':
      return compareNum(a, b) >= 0;
  }
}

function call(e: Expr & { kind: 'call' }, env: Env): Value {
  if (e.name === 'try' || e.name === 'can') return tryOrCan(e, env);
  const f = Object.hasOwn(FUNCTIONS, e.name) ? FUNCTIONS[e.name] : undefined;
  if (!f) fail(e, `Call to unknown function "${e.name}"`);
  let args = e.args.map((a) => ev(a, env));
  if (e.expand) {
    const last = args.pop()!;
    if (isUnknown(last)) return Unknown;
    if (!Array.isArray(last)) fail(e, 'Invalid expanding argument', `the argument before "..." must be a list, got ${typeName(last)}`);
    args = [...args, ...last];
  }
  if (args.length < f.min)
    fail(
      e,
      'Not enough function arguments',
      `function "${e.name}" needs ${f.min === f.max ? '' : 'at least '}${f.min}, got ${args.length}`,
    );
  if (args.length > f.max)
    fail(e, 'Too many function arguments', `function "${e.name}" takes ${f.min === f.max ? '' : 'at most '}${f.max}, got ${args.length}`);
  if (f.unknown !== 'raw' && args.some(f.unknown === 'shallow' ? isUnknown : containsUnknown)) return Unknown;
  const ctx = { cwd: env.scope.paths?.cwd ?? process.cwd(), ...(env.scope.clock ? { clock: env.scope.clock } : {}) };
  const result = check(e, `Call to function "${e.name}" failed`, () => f.call(args, ctx));
  if (typeof result === 'string' && result.length > MAX_STRING_LENGTH) tooLong(e, result);
  return result;
}

function tooLong(e: Expr, s: string): never {
  fail(e, 'String too long', `the result has ${s.length} characters, over the limit of ${MAX_STRING_LENGTH} (16 MiB)`);
}

/** try and can evaluate their arguments lazily, turning errors into the next alternative or false. */
function tryOrCan(e: Expr & { kind: 'call' }, env: Env): Value {
  if (e.expand) fail(e, 'Invalid expanding argument', `"${e.name}" does not take "..."`);
  if (e.name === 'can' && e.args.length !== 1) fail(e, 'Invalid number of arguments', `function "can" takes 1, got ${e.args.length}`);
  if (e.args.length === 0) fail(e, 'Not enough function arguments', 'function "try" needs at least 1');
  const errors: string[] = [];
  for (const arg of e.args) {
    try {
      const v = ev(arg, env);
      // a value not yet wholly known might still fail once known
      if (containsUnknown(v)) return Unknown;
      return e.name === 'can' ? true : v;
    } catch (err) {
      if (!(err instanceof ExprError)) throw err;
      errors.push(err.message);
    }
  }
  return e.name === 'can' ? false : fail(e, 'Call to function "try" failed', `no expression succeeded:\n- ${errors.join('\n- ')}`);
}

/** The key/value pairs a for expression or directive walks: list indexes or map keys in order. */
function iterationPairs(e: Expr, collection: Expr, coll: Value): [Value, Value][] {
  if (Array.isArray(coll)) return coll.map((v, i) => [i, v]);
  if (isObject(coll))
    return Object.keys(coll)
      .sort()
      .map((k) => [k, coll[k]]);
  if (coll === null) return fail(e, 'Iteration over null value', `${show(collection)} is null`);
  return fail(e, 'Iteration over non-iterable value', `${show(collection)} is a ${typeName(coll)}`);
}

function spendIteration(e: Expr, env: Env): void {
  if (--env.budget.iterations >= 0) return;
  const detail = `its for expressions iterate more than ${MAX_FOR_ITERATIONS} times in all; split the work, or compute it elsewhere`;
  fail(e, 'Expression too costly', detail);
}

function forExpr(e: Expr & { kind: 'for' }, env: Env): Value {
  const coll = ev(e.collection, env);
  if (isUnknown(coll)) return Unknown;
  const pairs = iterationPairs(e, e.collection, coll);

  const list: Value[] = [];
  const grouped = new Map<string, Value>();
  let unknown = false;
  for (const [k, v] of pairs) {
    spendIteration(e, env);
    const vars = new Map(env.vars);
    if (e.keyVar) vars.set(e.keyVar, k);
    vars.set(e.valueVar, v);
    const inner = { scope: env.scope, vars, budget: env.budget };
    if (e.cond) {
      const c = ev(e.cond, inner);
      if (isUnknown(c)) {
        unknown = true;
        continue;
      }
      if (!check(e, 'Invalid for condition', () => toBool(c, 'the condition after if'))) continue;
    }
    const value = ev(e.value, inner);
    if (!e.key) {
      list.push(value);
      continue;
    }
    const kv = ev(e.key, inner);
    if (isUnknown(kv)) {
      unknown = true;
      continue;
    }
    const key = check(e, 'Invalid object key', () => toStr(kv, 'the key'));
    if (e.group) {
      if (!grouped.has(key)) grouped.set(key, []);
      (grouped.get(key) as Value[]).push(value);
    } else if (grouped.has(key))
      fail(e, 'Duplicate object key', `two elements produce the key "${key}"; add "..." after the value to group them`);
    else grouped.set(key, value);
  }
  if (unknown) return Unknown;
  return e.key ? sortedObject(grouped) : list;
}
