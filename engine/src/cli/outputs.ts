// Output values: evaluated from the state after apply, stored in state as Terraform does
// ({value, type, sensitive}), and printed.
import type { Config } from '../config/types';
import { evaluateBody } from '../expr/evaluate';
import { ExprError } from '../expr/parse';
import { error, type Diagnostic } from '../diagnostics';
import type { StateOutput, StateView } from '../state/state';
import type { Value } from '../values';
import { isCtyNumber } from '../cty-number';
import { containsUnknown, emptyListElement, isListValue, isSetValue } from '../expr/convert';
import { applyScope } from '../apply/apply-scope';
import { stringifyJson } from '../json-syntax';


export function typeOf(v: unknown): unknown {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number' || isCtyNumber(v)) return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v) && (isSetValue(v) || isListValue(v))) return [isSetValue(v) ? 'set' : 'list', elementType(v)];
  if (Array.isArray(v)) return ['tuple', v.map(typeOf)];
  if (v && typeof v === 'object') return ['object', Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeOf(x)]))];
  return 'dynamic';
}

/** The element type of a list or set: its elements' one type, or dynamic when they differ. */
function elementType(v: Value[]): unknown {
  if (!v.length) return emptyListElement(v);
  const types = v.map(typeOf);
  const first = JSON.stringify(types[0]);
  return types.every((t) => JSON.stringify(t) === first) ? types[0] : 'dynamic';
}

export interface ComputedOutputs {
  readonly outputs: Record<string, StateOutput>;
  /** the outputs whose expression failed (each has an error in diagnostics) */
  readonly failed: string[];
  readonly diagnostics: Diagnostic[];
}

export function computeOutputs(
  config: Config, state: StateView, variables: ReadonlyMap<string, Value>, workspace?: string,
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
