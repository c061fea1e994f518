// Which expressions give sensitive values, found from what they refer to, as terraform's marks
// would flow: a sensitive variable, a sensitive attribute of a resource (by its schema, or
// because its configuration set it from a sensitive value), sensitive(); nonsensitive() clears.
// Two questions are asked: whether any part of a value is sensitive (an output must then be
// marked sensitive), and whether the value as a whole is (for_each refuses it then, while a map
// with some sensitive elements is allowed). Like terraform, a conditional takes the marks of
// both of its branches, and a function's result those of all its arguments.
import { ExprError, parseTemplate, type Expr, type Step } from './parse';

export interface SensitivityScope {
  /** whether the input variable is declared sensitive */
  variable(name: string): boolean;
  /** the body of a local value, or undefined */
  local(name: string): unknown;
  /** whether a reference to the resource at `address` followed by `steps` reaches a sensitive value (any part of it) */
  resource(address: string, steps: readonly Step[]): boolean;
  /** the for_each expression each.value comes from, in a resource's body */
  readonly forEach?: unknown;
}

/**
 * The expression `steps` select in a local written as object or tuple constructors (`{ "n" = local.a, "s" = local.b }`),
 * as far as the steps go by literal keys and indexes; undefined when not even the first step selects one item.
 */
function picks(body: unknown, steps: readonly Step[]): Expr | undefined {
  if (typeof body !== 'string' || !body.startsWith('${') || !steps.length) return undefined;
  let e: Expr;
  try {
    e = parseTemplate(body);
  } catch (err) {
    if (err instanceof ExprError) return undefined;
    throw err;
  }
  if (e.kind === 'template' && e.parts.length === 1) e = e.parts[0];
  let picked: Expr | undefined;
  for (const step of steps) {
    const key = step.kind === 'attr' ? step.name : step.kind === 'index' ? step.value : undefined;
    const next = key === undefined ? undefined : item(e, key);
    if (!next) break;
    e = next;
    picked = next;
  }
  return picked;
}

function item(e: Expr, key: string | number): Expr | undefined {
  if (e.kind === 'tuple') return typeof key === 'number' ? e.items[key] : undefined;
  if (e.kind !== 'object') return undefined;
  const found = e.items.find((i) => i.key.kind === 'literal' && String(i.key.value) === String(key));
  return found?.value;
}

type Depth = 'any' | 'whole';

/** Whether any part of the value of a JSON body (strings holding `${...}`) is sensitive. */
export function anySensitive(body: unknown, scope: SensitivityScope): boolean {
  return bodySensitive(body, scope, 'any', new Set());
}

/** Whether the value of a JSON body is sensitive as a whole (not only some of its elements). */
export function wholeSensitive(body: unknown, scope: SensitivityScope): boolean {
  return bodySensitive(body, scope, 'whole', new Set());
}

function bodySensitive(body: unknown, scope: SensitivityScope, depth: Depth, seen: Set<string>): boolean {
  if (typeof body === 'string') {
    if (!body.includes('${')) return false;
    let e: Expr;
    try {
      e = parseTemplate(body);
    } catch (err) {
      if (err instanceof ExprError) return false; // the evaluator reports it
      throw err;
    }
    return sensitive(e, scope, depth, seen);
  }
  // a JSON list or object is a constructor: sensitive as a whole only through its elements' marks, never itself
  if (Array.isArray(body)) return depth === 'any' && body.some((b) => bodySensitive(b, scope, depth, seen));
  if (body && typeof body === 'object') return depth === 'any' && Object.values(body).some((b) => bodySensitive(b, scope, depth, seen));
  return false;
}

function sensitive(e: Expr, scope: SensitivityScope, depth: Depth, seen: Set<string>): boolean {
  const any = (x: Expr) => sensitive(x, scope, 'any', seen);
  const same = (x: Expr) => sensitive(x, scope, depth, seen);
  switch (e.kind) {
    case 'literal':
    case 'iterator':
      return false;
    case 'template':
      // a single interpolation is its value; text around interpolations makes a string, marked by every part
      return e.parts.length === 1 ? same(e.parts[0]) : e.parts.some(any);
    case 'ref':
      return reference(e, scope, seen);
    case 'traverse':
      return any(e.target) || stepsSensitive(e.steps, any);
    case 'tuple':
      return depth === 'any' && e.items.some(any);
    case 'object':
      return depth === 'any' && e.items.some((i) => any(i.key) || any(i.value));
    case 'unary':
      return any(e.operand);
    case 'binary':
      return any(e.left) || any(e.right);
    case 'conditional':
      return any(e.cond) || same(e.then) || same(e.else);
    case 'call':
      if (e.name === 'nonsensitive' || e.name === 'issensitive' || e.name === 'can') return false;
      if (e.name === 'sensitive') return true;
      return e.args.some(any);
    case 'for':
      return any(e.collection) || (depth === 'any' && [e.key, e.value, e.cond].some((x) => x !== undefined && any(x)));
    case 'templateFor':
      return any(e.collection) || any(e.body);
    case 'templateIf':
      return any(e.cond) || any(e.then) || any(e.else);
  }
}

function stepsSensitive(steps: readonly Step[], any: (e: Expr) => boolean): boolean {
  return steps.some((s) => s.kind === 'indexExpr' && any(s.expr));
}

function reference(e: Expr & { kind: 'ref' }, scope: SensitivityScope, seen: Set<string>): boolean {
  const name = e.steps[0]?.kind === 'attr' ? e.steps[0].name : undefined;
  const any = (x: Expr) => sensitive(x, scope, 'any', seen);
  if (stepsSensitive(e.steps, any)) return true;
  switch (e.root) {
    case 'var':
      return name !== undefined && scope.variable(name);
    case 'local': {
      if (name === undefined || seen.has(name)) return false;
      seen.add(name);
      try {
        // local.call.out picks one item of an object constructor (a module call's outputs): only its marks count
        const picked = picks(scope.local(name), e.steps.slice(1));
        if (picked) return sensitive(picked, scope, 'any', seen);
        return bodySensitive(scope.local(name), scope, 'any', seen);
      } finally {
        seen.delete(name);
      }
    }
    case 'each':
      return name === 'value' && scope.forEach !== undefined && bodySensitive(scope.forEach, scope, 'any', seen);
    case 'count':
    case 'path':
    case 'terraform':
    case 'self':
      return false;
    case 'data': {
      const [type, resourceName] = e.steps;
      if (type?.kind !== 'attr' || resourceName?.kind !== 'attr') return false;
      return scope.resource(`data.${type.name}.${resourceName.name}`, e.steps.slice(2));
    }
    default:
      return name !== undefined && scope.resource(`${e.root}.${name}`, e.steps.slice(1));
  }
}
