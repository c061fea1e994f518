// Output values: evaluated from the state after apply, stored in state as Terraform does
// ({value, type, sensitive}), and printed.
import type { Config } from '../config/types';
import { evaluateBody } from '../expr/evaluate';
import { ExprError } from '../expr/parse';
import { error, type Diagnostic } from '../diagnostics';
import type { StateOutput, StateView } from '../state/state';
import type { Value } from '../values';
import { isCtyNumber } from '../cty-number';
import { containsUnknown } from '../expr/convert';
import { typeOf } from '../cty';
import { applyScope } from '../apply/apply-scope';
import { stringifyJson } from '../json-syntax';

export { typeOf };

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
  planTimestamp?: string,
): ComputedOutputs {
  const diagnostics: Diagnostic[] = [];
  const failed: string[] = [];
  const outputs: Record<string, StateOutput> = {};
  // a resource not in state (not created, or destroyed) has no values yet: outputs using it are left out
  const scope = applyScope(config, state, { variables, workspace, ...(planTimestamp ? { planTimestamp } : {}) });
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
