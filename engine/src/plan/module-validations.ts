// The validation rules of module input variables, evaluated per module instance as terraform does:
// before anything is planned where the values are known then, and once more after the resources
// they refer to are planned for the rest. A rule still unknown then is decided at apply, as a root
// variable's is. A failed rule is an error naming the module call's file and line and the variable.
import type { Diagnostic } from '../diagnostics';
import type { Scope } from '../expr/evaluate';
import type { ModuleValidationConfig } from '../config/types';
import { checkConditions } from './conditions';

export interface ModuleValidationResult {
  readonly diagnostics: Diagnostic[];
  /** rules whose condition is not known yet */
  readonly deferred: ModuleValidationConfig[];
}

export function checkModuleValidations(rules: readonly ModuleValidationConfig[], scope: Scope): ModuleValidationResult {
  const diagnostics: Diagnostic[] = [];
  const deferred: ModuleValidationConfig[] = [];
  for (const rule of rules) {
    const address = `${rule.module}.var.${rule.variable}`;
    const result = checkConditions([rule], scope, {
      summary: 'Invalid value for variable',
      severity: 'error',
      validation: true,
      address,
      note: `This was checked by the validation rule of variable "${rule.variable}" at ${rule.rule}, for ${rule.module}.`,
    });
    if (result.deferred) deferred.push(rule);
    for (const d of result.diagnostics) diagnostics.push({ ...d, detail: `${rule.call}: ${d.detail ?? d.summary}` });
  }
  return { diagnostics, deferred };
}
