// Input variable values, by precedence as Terraform takes them: defaults, TF_VAR_name from the
// environment, -var-file files (JSON, or `name = value` lines), then -var flags, each converted to
// its declared type ("5" and 5 are one value of a number variable). A variable with no value is an
// error naming it (gridform never prompts for one). Validation blocks are evaluated by the plan.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { error, warning, type Diagnostic } from '../diagnostics';
import { evaluate, evaluateBody } from '../expr/evaluate';
import { ExprError, parseExpression } from '../expr/parse';
import type { Config, VariableConfig } from './types';
import type { Value } from '../values';
import { convertToType, parseTypeConstraint } from './type-constraint';
import { parseJson } from '../json-syntax';

export interface VariableInputs {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** -var NAME=VALUE, in order */
  readonly vars: readonly string[];
  /** -var-file paths, in order */
  readonly varFiles: readonly string[];
  readonly cwd: string;
  /**
   * terraform.tfvars, terraform.tfvars.json and *.auto.tfvars(.json) of an HCL folder, already read, in the order
   * terraform loads them (after TF_VAR_, before -var-file); a name no variable declares is a warning there, as in terraform
   */
  readonly autoFiles?: readonly { readonly file: string; readonly values: readonly [string, unknown][] }[];
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
  for (const auto of inputs.autoFiles ?? []) {
    for (const [name, raw] of auto.values) {
      const v = config.variables.get(name);
      if (!v) {
        const detail = `${auto.file} sets ${name}, which the configuration does not declare; the value is not used.`;
        diags.push(warning(`Value for undeclared variable ${name}`, detail));
        continue;
      }
      try {
        values.set(name, evaluateBody(raw, NO_SCOPE));
        fromInput.set(name, auto.file);
      } catch (err) {
        if (!(err instanceof ExprError)) throw err;
        diags.push(error(`Invalid value for variable ${name}`, `${auto.file}: ${err.message}`));
      }
    }
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
      if (!v) {
        // terraform only warns of a file's values for undeclared variables (a file may serve many configurations)
        const detail = `${file} sets ${name}, which the configuration does not declare; the value is ignored.`;
        diags.push(warning(`Value for undeclared variable ${name}`, detail));
      } else {
        values.set(name, value);
        fromInput.set(name, file);
      }
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
    if (v) {
      assign(v, assignment.slice(eq + 1), `-var ${name}`);
      continue;
    }
    const declared = [...config.variables.keys()].join(', ') || 'none';
    const detail = `-var sets ${name}, which the configuration does not declare (declared: ${declared}).`;
    diags.push(error(`Value for undeclared variable ${name}`, detail));
  }
  for (const v of config.variables.values()) {
    if (!values.has(v.name)) continue;
    const converted = toDeclaredType(v, values.get(v.name)!);
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
    // a value given but unreadable was reported above: it is not missing too
    if (!values.has(v.name) && fromInput.has(v.name)) continue;
    if (!values.has(v.name)) {
      const detail =
        `Variable ${v.name} has no default: set it with -var ${v.name}=VALUE, a -var-file, ` +
        `or the environment variable TF_VAR_${v.name}.`;
      diags.push(error(`No value for required variable ${v.name}`, detail));
    } else if (values.get(v.name) === null && !v.nullable) {
      // terraform takes the default in place of a null given for a variable that is not nullable
      const fallback = v.default === undefined || v.default === null ? undefined : toDeclaredType(v, v.default as Value);
      if (fallback && 'value' in fallback) values.set(v.name, fallback.value);
      else diags.push(error(`Variable ${v.name} must not be null`, `It is declared with nullable = false.`));
    }
  }
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

/** `value` converted to the type `v` declares (as it is when it declares none, or one that does not parse). */
function toDeclaredType(v: VariableConfig, value: Value): { value: Value } | { problem: string } {
  const type = v.type ? parseTypeConstraint(v.type) : undefined;
  return !type || 'problem' in type ? { value } : convertToType(type.type, value);
}

/** A saved plan's variable values, of their declared types again (a set is a set, not the list JSON made of it). */
export function savedVariables(config: Config, saved: ReadonlyMap<string, Value>): Map<string, Value> {
  const out = new Map<string, Value>();
  for (const [name, value] of saved) {
    const v = config.variables.get(name);
    const converted: { value: Value } | { problem: string } = v ? toDeclaredType(v, value) : { value };
    out.set(name, 'value' in converted ? converted.value : value);
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
    const expected = 'gridform reads one `name = value` per line in .tfvars files (or use .tfvars.json).';
    if (!m) return void diags.push(error(`Cannot read line ${i + 1} of ${file}`, expected));
    try {
      out.push([m[1], evaluate(parseExpression(m[2]), NO_SCOPE)]);
    } catch (err) {
      if (!(err instanceof ExprError)) throw err;
      diags.push(error(`Invalid value on line ${i + 1} of ${file}`, err.message));
    }
  });
  return out;
}
