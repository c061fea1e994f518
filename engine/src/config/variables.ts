// Input variable values, by precedence as Terraform takes them: defaults, TF_VAR_name from the
// environment, -var-file files (JSON, or `name = value` lines), then -var flags. A variable with
// no value is an error naming it (gridform never prompts for one).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { error, hasErrors, type Diagnostic } from '../diagnostics';
import { evaluate, evaluateBody } from '../expr/evaluate';
import { ExprError, parseExpression } from '../expr/parse';
import type { Config, VariableConfig } from './types';
import { isUnknown, type Value } from '../values';
import { convertToType, parseTypeConstraint } from './type-constraint';
import { parseJson } from '../json-syntax';

export interface VariableInputs {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** -var NAME=VALUE, in order */
  readonly vars: readonly string[];
  /** -var-file paths, in order */
  readonly varFiles: readonly string[];
  readonly cwd: string;
}

const NO_SCOPE = { resource: () => undefined, variable: () => undefined, local: () => undefined };

export function resolveVariables(config: Config, inputs: VariableInputs): { values: Map<string, Value>; diagnostics: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const values = new Map<string, Value>();
  const fromInput = new Map<string, string>();
  for (const v of config.variables.values()) if (v.default !== undefined) values.set(v.name, v.default as Value);
  for (const v of config.variables.values()) {
    const raw = inputs.env[`TF_VAR_${v.name}`];
    if (raw !== undefined) assign(v, raw, `TF_VAR_${v.name}`);
  }
  for (const file of inputs.varFiles) {
    const full = path.resolve(inputs.cwd, file);
    let text: string;
    try {
      text = fs.readFileSync(full, 'utf8');
    } catch (err) {
      diags.push(error(`Cannot read variables file ${file}`, (err as Error).message));
      continue;
    }
    for (const [name, value] of parseVarFile(text, file, diags)) {
      const v = config.variables.get(name);
      if (!v) diags.push(error(`Value for undeclared variable ${name}`, `${file} sets ${name}, which the configuration does not declare.`));
      else (values.set(name, value), fromInput.set(name, file));
    }
  }
  for (const assignment of inputs.vars) {
    const eq = assignment.indexOf('=');
    if (eq <= 0) {
      diags.push(error(`Invalid -var option ${JSON.stringify(assignment)}`, 'Write it as -var NAME=VALUE.'));
      continue;
    }
    const name = assignment.slice(0, eq).trim();
    const v = config.variables.get(name);
    if (!v) diags.push(error(`Value for undeclared variable ${name}`, `-var sets ${name}, which the configuration does not declare (declared: ${[...config.variables.keys()].join(', ') || 'none'}).`));
    else assign(v, assignment.slice(eq + 1), `-var ${name}`);
  }
  for (const v of config.variables.values()) {
    const type = v.type ? parseTypeConstraint(v.type) : undefined;
    if (!values.has(v.name) || !type || 'problem' in type) continue;
    const converted = convertToType(type.type, values.get(v.name)!);
    if ('value' in converted) values.set(v.name, converted.value);
    else if (fromInput.has(v.name)) {
      const detail = `${fromInput.get(v.name)}: the value is not compatible with the type ${v.type}: ${converted.problem}.`;
      diags.push(error(`Invalid value for variable ${v.name}`, detail));
    } else {
      const detail = `This default value is not compatible with the variable's type constraint ${v.type}: ${converted.problem}.`;
      diags.push(error(`Invalid default value for variable ${v.name}`, detail));
    }
  }
  for (const v of config.variables.values()) {
    if (!values.has(v.name)) diags.push(error(`No value for required variable ${v.name}`, `Variable ${v.name} has no default: set it with -var ${v.name}=VALUE, a -var-file, or the environment variable TF_VAR_${v.name}.`));
    else if (values.get(v.name) === null && !v.nullable) diags.push(error(`Variable ${v.name} must not be null`, `It is declared with nullable = false.`));
  }
  if (!hasErrors(diags)) for (const v of config.variables.values()) diags.push(...validate(v, values));
  return { values, diagnostics: diags };

  /** Strings stay strings for string variables; other types are read as expressions, as Terraform does. */
  function assign(v: VariableConfig, raw: string, where: string): void {
    fromInput.set(v.name, where);
    if (!v.type || v.type === 'string' || v.type === '${string}') return void values.set(v.name, raw);
    try {
      values.set(v.name, evaluate(parseExpression(raw), NO_SCOPE));
    } catch (err) {
      if (!(err instanceof ExprError)) throw err;
      diags.push(error(`Invalid value for variable ${v.name}`, `${where}: ${err.message}`));
    }
  }
}

/** The validation blocks of `v`, each condition evaluated with the variables' values. */
function validate(v: VariableConfig, values: ReadonlyMap<string, Value>): Diagnostic[] {
  const scope = { ...NO_SCOPE, variable: (name: string) => values.get(name) };
  const out: Diagnostic[] = [];
  for (const [i, rule] of v.validations.entries()) {
    let ok: Value;
    try {
      ok = evaluateBody(rule.condition, scope);
    } catch (err) {
      if (!(err instanceof ExprError)) throw err;
      out.push(error(`Invalid validation condition for variable ${v.name}`, `validation ${i + 1}: ${err.message}`));
      continue;
    }
    if (isUnknown(ok)) continue;
    if (typeof ok !== 'boolean') {
      const detail = `validation ${i + 1} must be true or false, but its condition gives ${JSON.stringify(ok)}.`;
      out.push(error(`Invalid validation condition for variable ${v.name}`, detail));
    } else if (!ok) {
      const detail = `${rule.errorMessage}\n\nThis was checked by validation ${i + 1} of variable ${v.name}.`;
      out.push(error(`Invalid value for variable ${v.name}`, detail));
    }
  }
  return out;
}

function parseVarFile(text: string, file: string, diags: Diagnostic[]): [string, Value][] {
  if (file.endsWith('.json')) {
    const parsed = parseJson(text);
    if ('problem' in parsed) {
      diags.push(error(`Invalid JSON in ${file}`, `${parsed.problem[0].toUpperCase()}${parsed.problem.slice(1)}.`));
      return [];
    }
    if (!parsed.value || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
      diags.push(error(`Invalid variables file ${file}`, 'It must hold one JSON object of variable names and values.'));
      return [];
    }
    return Object.entries(parsed.value as Record<string, Value>);
  }
  const out: [string, Value][] = [];
  text.split('\n').forEach((line, i) => {
    const t = line.replace(/(^|\s)(#|\/\/).*$/, '').trim();
    if (!t) return;
    const m = /^([A-Za-z_][\w-]*)\s*=\s*(.+)$/.exec(t);
    if (!m) return void diags.push(error(`Cannot read line ${i + 1} of ${file}`, 'gridform reads one `name = value` per line in .tfvars files (or use .tfvars.json).'));
    try {
      out.push([m[1], evaluate(parseExpression(m[2]), NO_SCOPE)]);
    } catch (err) {
      if (!(err instanceof ExprError)) throw err;
      diags.push(error(`Invalid value on line ${i + 1} of ${file}`, err.message));
    }
  });
  return out;
}
