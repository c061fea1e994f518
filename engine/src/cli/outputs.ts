// Output values: evaluated from the state after apply, stored in state as Terraform does
// ({value, type, sensitive}), and printed.
import type { Config } from '../config/types';
import { evaluateBody } from '../expr/evaluate';
import { ExprError } from '../expr/parse';
import { error, type Diagnostic } from '../diagnostics';
import type { StateOutput, StateView } from '../state/state';
import type { Value } from '../values';
import { isCtyNumber } from '../cty-number';
import { containsUnknown, emptyListElement, isListValue, isMapValue, isSetValue } from '../expr/convert';
import { applyScope } from '../apply/apply-scope';
import { stringifyJson } from '../json-syntax';

export function typeOf(v: unknown): unknown {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number' || isCtyNumber(v)) return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v) && (isSetValue(v) || isListValue(v))) return [isSetValue(v) ? 'set' : 'list', elementType(v)];
  if (Array.isArray(v)) return ['tuple', v.map(typeOf)];
  if (isMapValue(v as Value)) return ['map', unifyTypes(Object.values(v as Record<string, Value>).map(typeOf))];
  if (v && typeof v === 'object') return ['object', Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeOf(x)]))];
  return 'dynamic';
}

/** The element type of a list or set: its elements' one type, or dynamic when they differ. */
function elementType(v: Value[]): unknown {
  if (!v.length) return emptyListElement(v);
  return unifyTypes(v.map((x) => (x === null ? 'dynamic' : typeOf(x))));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The one type elements of these types convert to, as cty unifies them for a collection: nulls
 * (dynamic) take the others' type, tuples and lists of one element type become lists, objects
 * and maps become maps when their attributes differ, else objects; dynamic when none fits.
 */
function unifyTypes(types: unknown[]): unknown {
  const known = types.filter((t) => t !== 'dynamic');
  if (!known.length) return 'dynamic';
  if (known.every((t) => same(t, known[0]))) return known[0];
  if (known.every((t) => typeof t === 'string')) return 'string';
  const kind = (t: unknown) => (Array.isArray(t) ? t[0] : t);
  if (known.every((t) => kind(t) === 'tuple' || kind(t) === 'list')) {
    const elements = known.flatMap((t) => ((t as unknown[])[0] === 'tuple' ? ((t as unknown[])[1] as unknown[]) : [(t as unknown[])[1]]));
    return ['list', unifyTypes(elements)];
  }
  if (known.every((t) => kind(t) === 'object' || kind(t) === 'map')) {
    const attrs = known.map((t) => ((t as unknown[])[0] === 'object' ? Object.values((t as [string, object])[1]) : [(t as unknown[])[1]]));
    return ['map', unifyTypes(attrs.flat())];
  }
  return 'dynamic';
}

function containsInfinity(v: Value): boolean {
  if (typeof v === 'number') return !Number.isFinite(v);
  if (Array.isArray(v)) return v.some(containsInfinity);
  if (v !== null && typeof v === 'object' && !isCtyNumber(v)) return Object.values(v).some(containsInfinity);
  return false;
}

export interface ComputedOutputs {
  readonly outputs: Record<string, StateOutput>;
  /** the outputs whose expression failed (each has an error in diagnostics) */
  readonly failed: string[];
  readonly diagnostics: Diagnostic[];
}

export function computeOutputs(
  config: Config,
  state: StateView,
  variables: ReadonlyMap<string, Value>,
  workspace?: string,
): ComputedOutputs {
  const diagnostics: Diagnostic[] = [];
  const failed: string[] = [];
  const outputs: Record<string, StateOutput> = {};
  // a resource not in state (not created, or destroyed) has no values yet: outputs using it are left out
  const scope = applyScope(config, state, { variables, workspace });
  for (const o of config.outputs) {
    try {
      const value = evaluateBody(o.value, scope);
      if (value === null || value === undefined || containsUnknown(value)) continue;
      if (containsInfinity(value)) {
        // JSON has no infinity: terraform fails to write such an output in state (log(0, 10), pow(10, 400))
        failed.push(o.name);
        const detail = `An error occurred while serializing output value "${o.name}": cannot serialize infinity as JSON.`;
        diagnostics.push(error('Failed to serialize output value in state', detail, { configPath: ['output', o.name, 'value'] }));
        continue;
      }
      outputs[o.name] = { value, type: typeOf(value), ...(o.sensitive ? { sensitive: true } : {}) };
    } catch (err) {
      if (!(err instanceof ExprError)) throw err;
      failed.push(o.name);
      diagnostics.push(error(`Invalid value for output ${o.name}`, err.message, { configPath: ['output', o.name, 'value'] }));
    }
  }
  return { outputs, failed, diagnostics };
}

export function renderOutputs(outputs: Record<string, StateOutput>): string {
  const names = Object.keys(outputs).sort();
  if (!names.length) return '';
  const shown = (n: string) => (outputs[n].sensitive ? '<sensitive>' : stringifyJson(outputs[n].value, 2));
  return '\nOutputs:\n\n' + names.map((n) => `${n} = ${shown(n)}`).join('\n') + '\n';
}
