// Evaluating custom conditions where terraform evaluates them: variable validations and resource
// preconditions before planning (errors), postconditions on the planned object (errors), output
// preconditions (errors), check blocks at the end of the plan and of the apply (warnings). A
// condition whose value is known only after apply is checked then, not guessed at now.
import { error, warning, type Diagnostic, type Severity } from '../diagnostics';
import { evaluateBody, type Scope } from '../expr/evaluate';
import { ExprError } from '../expr/parse';
import { containsUnknown } from '../expr/convert';
import type { Config, ConditionConfig } from '../config/types';
import type { Value } from '../values';

export interface ConditionSite {
  /** the summary of a failed rule: "Resource precondition failed" */
  readonly summary: string;
  readonly severity: Severity;
  readonly address?: string;
  /** for validation: terraform's own summaries for a condition that is not a bool */
  readonly validation?: boolean;
  /** appended to the rule's error_message */
  readonly note?: string;
}

export interface ConditionResult {
  readonly diagnostics: Diagnostic[];
  /** some condition could not be decided yet (a value known only after apply) */
  readonly deferred: boolean;
}

/** Where resource preconditions and postconditions fail: errors about the instance. */
export function resourceSite(when: 'precondition' | 'postcondition', address: string): ConditionSite {
  return { summary: `Resource ${when} failed`, severity: 'error', address };
}

/** Evaluates `rules` in `scope`: a rule that is false gives its error_message as a diagnostic of `site`. */
export function checkConditions(rules: readonly ConditionConfig[], scope: Scope, site: ConditionSite): ConditionResult {
  const diagnostics: Diagnostic[] = [];
  let deferred = false;
  const where = site.address ? { address: site.address } : {};
  for (const rule of rules) {
    let value: Value;
    try {
      value = evaluateBody(rule.condition, scope);
    } catch (err) {
      if (!(err instanceof ExprError)) throw err;
      diagnostics.push(error('Invalid expression', err.message, where));
      continue;
    }
    if (containsUnknown(value)) {
      deferred = true;
      continue;
    }
    const passed = value === true || value === 'true' ? true : value === false || value === 'false' ? false : undefined;
    if (passed === undefined) {
      const detail =
        value === null
          ? `${site.validation ? 'Validation condition' : 'Condition'} expression must return either true or false, not null.`
          : `Invalid ${site.validation ? 'validation ' : ''}condition result value: a bool is required (got ${JSON.stringify(value)}).`;
      diagnostics.push(error(site.validation ? 'Invalid variable validation result' : 'Invalid condition result', detail, where));
      continue;
    }
    if (passed) continue;
    const message = errorMessage(rule, scope);
    const detail = site.note ? `${message}\n\n${site.note}` : message;
    diagnostics.push(site.severity === 'error' ? error(site.summary, detail, where) : warning(site.summary, detail, where));
  }
  return { diagnostics, deferred };
}

/** The rule's error_message, evaluated; a message that cannot be evaluated is said to be so. */
function errorMessage(rule: ConditionConfig, scope: Scope): string {
  try {
    const m = evaluateBody(rule.errorMessage, scope);
    if (typeof m === 'string') return m;
  } catch (err) {
    if (!(err instanceof ExprError)) throw err;
    return `The condition failed, and its error message could not be evaluated: ${err.message}`;
  }
  return 'The condition failed (its error message is known only after apply, or is not a string).';
}

/** Each input variable's validation rules; a failed rule is an error with its error_message. */
export function validateVariables(config: Config, scope: Scope): Diagnostic[] {
  return [...config.variables.values()].flatMap(
    ({ name, validations: rules }) =>
      checkConditions(rules, scope, {
        summary: 'Invalid value for variable',
        severity: 'error',
        validation: true,
        address: `var.${name}`,
        note: `This was checked by the validation rule of variable "${name}".`,
      }).diagnostics,
  );
}

/** Check blocks: a failed assertion is a warning, as in terraform. */
export function checkBlocksResult(config: Config, scope: Scope): Diagnostic[] {
  return config.checks.flatMap((c) => {
    const site: ConditionSite = { summary: 'Check block assertion failed', severity: 'warning', address: `check.${c.name}` };
    return checkConditions(c.asserts, scope, site).diagnostics;
  });
}

/** A scope in which `self` is the object a postcondition checks. */
export function withSelf(scope: Scope, self: Value): Scope {
  return { ...scope, self } as Scope;
}
