// The validation rules of module input variables. A plain Terraform folder's modules are flattened
// into one document (config/hcl/flatten.ts) where each module instance's variables are root locals;
// the rules of those variables travel in a section of their own, already rewritten into the
// flattened names, one entry per module instance, and are evaluated by the plan (plan/module-validations.ts).
import { isObject } from './json-shape';
import type { ModuleValidationConfig } from './types';

/** The document section that carries them (written only by the flattening, never by cdktf). */
export const MODULE_VALIDATION_SECTION = '__gridform_module_variable_validation';

export function moduleValidations(raw: unknown): ModuleValidationConfig[] {
  const out: ModuleValidationConfig[] = [];
  for (const v of Array.isArray(raw) ? raw : []) {
    if (!isObject(v) || typeof v.module !== 'string' || typeof v.variable !== 'string') continue;
    out.push({
      module: v.module,
      variable: v.variable,
      call: typeof v.call === 'string' ? v.call : '',
      rule: typeof v.rule === 'string' ? v.rule : '',
      condition: v.condition,
      errorMessage: v.error_message,
    });
  }
  return out;
}
