// Compares terraform's answer for a case with gridform's: match, differ, one-side error, crash
// (gridform failed with a JavaScript error instead of a diagnostic).
import { isDeepStrictEqual } from 'node:util';
import type { Answer, ExprAnswer, StepAnswer } from './case-types';

export type Verdict = 'match' | 'differ' | 'one-side error' | 'crash';

export interface Comparison {
  verdict: Verdict;
  /** what differs, for the report */
  why?: string;
}

const CRASH = new RegExp(
  [
    'TypeError',
    'ReferenceError',
    'RangeError',
    'SyntaxError: (?!.*JSON)',
    'Cannot read propert',
    'is not a function',
    'is not iterable',
    'undefined is not',
    'Maximum call stack',
  ].join('|'),
);

export function isCrash(text: string | undefined): boolean {
  return !!text && CRASH.test(text);
}

function compareExpr(t: ExprAnswer, g: ExprAnswer): Comparison {
  if ('error' in g && isCrash(g.error)) return { verdict: 'crash', why: g.error };
  if ('error' in t && 'error' in g) return { verdict: 'match' };
  if ('error' in t) return { verdict: 'one-side error', why: `terraform: ${t.error}; gridform: ${JSON.stringify(g)}` };
  if ('error' in g) return { verdict: 'one-side error', why: `gridform: ${g.error}; terraform: ${JSON.stringify(t)}` };
  if (isDeepStrictEqual(t, g)) return { verdict: 'match' };
  return { verdict: 'differ', why: `terraform ${JSON.stringify(t)} gridform ${JSON.stringify(g)}` };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Resource ids are random UUIDs on both sides: only their presence is compared. */
function withoutIds(v: unknown): unknown {
  if (typeof v === 'string') return UUID.test(v) ? '<uuid>' : v;
  if (Array.isArray(v)) return v.map(withoutIds);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withoutIds(x)]));
  return v;
}

/**
 * terraform writes an attribute of dynamic type (terraform_data's input and output) as
 * {value, type}; gridform writes the value alone. The values are compared; the wrapper is a
 * known difference of the state file's form (see the README).
 */
export function dynamicValue(v: unknown): unknown {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
  const keys = Object.keys(v);
  return keys.length === 2 && keys.includes('value') && keys.includes('type') ? (v as { value: unknown }).value : v;
}

function resourceValues(resources: Record<string, unknown>): unknown {
  const out: Record<string, unknown> = {};
  for (const [address, attrs] of Object.entries(resources)) {
    out[address] = Object.fromEntries(Object.entries(attrs as Record<string, unknown>).map(([k, v]) => [k, dynamicValue(v)]));
  }
  return out;
}

function compareSteps(t: StepAnswer[], g: StepAnswer[]): Comparison {
  for (let i = 0; i < t.length; i++) {
    const a = t[i];
    const b = g[i];
    if (isCrash(b.error)) return { verdict: 'crash', why: b.error };
    if (!!a.error !== !!b.error) {
      return { verdict: 'one-side error', why: `step ${i + 1}: ${a.error ? `terraform: ${a.error}` : `gridform: ${b.error}`}` };
    }
    if (a.error) return { verdict: 'match' };
    for (const part of ['actions', 'outputs', 'resources'] as const) {
      const [x, y] = part === 'resources' ? [resourceValues(a[part]), resourceValues(b[part])] : [a[part], b[part]];
      if (!isDeepStrictEqual(withoutIds(x), withoutIds(y))) {
        return {
          verdict: 'differ',
          why: `step ${i + 1} ${part}: terraform ${JSON.stringify(a[part])} gridform ${JSON.stringify(b[part])}`,
        };
      }
    }
  }
  return { verdict: 'match' };
}

export function compare(t: Answer, g: Answer): Comparison {
  if ('expr' in t && 'expr' in g) return compareExpr(t.expr, g.expr);
  if ('steps' in t && 'steps' in g) return compareSteps(t.steps, g.steps);
  return { verdict: 'differ', why: 'answers of different kinds' };
}
