// Evaluates expressions against known values. A reference to a value known only after apply
// evaluates to Unknown, and so does a template containing one.
import { isUnknown, Unknown, type Value } from '../values';
import { ExprError, parseTemplate, referencedAddress, type Expr, type Step } from './parse';

export interface Scope {
  /** the value of a resource or data source by address; undefined when not declared */
  resource(address: string): Value | undefined;
  variable(name: string): Value | undefined;
  local(name: string): Value | undefined;
}

export function evaluate(e: Expr, scope: Scope): Value {
  switch (e.kind) {
    case 'literal':
      return e.value;
    case 'template': {
      let out = '';
      for (const p of e.parts) {
        const v = evaluate(p, scope);
        if (isUnknown(v)) return Unknown;
        if (v !== null && typeof v === 'object') throw new ExprError('a list or object cannot be interpolated into a string');
        out += v === null ? '' : String(v);
      }
      return out;
    }
    case 'ref':
      return evaluateRef(e, scope);
  }
}

function evaluateRef(e: Expr & { kind: 'ref' }, scope: Scope): Value {
  let value: Value | undefined;
  let steps: Step[];
  if (e.root === 'var' || e.root === 'local') {
    const [first, ...rest] = e.steps;
    if (first?.kind !== 'attr') throw new ExprError(`${e.root} needs a name`);
    value = e.root === 'var' ? scope.variable(first.name) : scope.local(first.name);
    if (value === undefined) throw new ExprError(`${e.root}.${first.name} is not declared`);
    steps = rest;
  } else {
    const address = referencedAddress(e);
    if (!address) throw new ExprError(`references to ${e.root} are not supported`);
    value = scope.resource(address);
    if (value === undefined) throw new ExprError(`reference to undeclared resource ${address}`);
    steps = e.steps.slice(e.root === 'data' ? 2 : 1);
  }
  const path: string[] = [];
  for (const step of steps) {
    if (isUnknown(value)) return Unknown;
    const key = step.kind === 'attr' ? step.name : step.value;
    path.push(typeof key === 'number' ? `[${key}]` : `.${key}`);
    if (value === null || typeof value !== 'object') {
      throw new ExprError(`cannot read ${path.join('')} of a ${value === null ? 'null' : typeof value} value`);
    }
    const next: Value | undefined = Array.isArray(value) ? (typeof key === 'number' ? value[key] : undefined) : (value as Record<string, Value>)[String(key)];
    if (next === undefined) {
      if (Array.isArray(value)) throw new ExprError(`index ${String(key)} is out of range (the list has ${value.length} element(s))`);
      return null;
    }
    value = next;
  }
  return value;
}

/** Evaluates every `${...}` inside a JSON body (strings, lists, objects). */
export function evaluateBody(body: unknown, scope: Scope): Value {
  if (typeof body === 'string') return body.includes('${') ? evaluate(parseTemplate(body), scope) : body;
  if (Array.isArray(body)) return body.map((b) => evaluateBody(b, scope));
  if (body !== null && typeof body === 'object') {
    const out: Record<string, Value> = {};
    for (const [k, v] of Object.entries(body)) out[k] = evaluateBody(v, scope);
    return out;
  }
  return body as Value;
}
