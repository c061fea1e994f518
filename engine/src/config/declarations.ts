// The declarations of a configuration besides resources: outputs, input variables (with their
// type constraints and validation blocks) and locals, each checked for the shape terraform
// requires, with errors naming the declaration and the argument that is wrong.
import { error, type Diagnostic } from '../diagnostics';
import type { OutputConfig, VariableConfig, VariableValidation } from './types';
import { parseTypeConstraint } from './type-constraint';

type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `doc[name]` when it is an object (of named blocks); an error when it is present and is not. */
export function section(doc: Json, name: string, file: string, what: string, diags: Diagnostic[]): Json {
  const v = doc[name];
  if (v === undefined || v === null) return {};
  if (isObject(v)) return v;
  diags.push(
    error(
      `Invalid ${name} section in ${file}`,
      `${name} must be an object (${what}), not ${describe(v)}. Run cdktf synth again to regenerate the file.`,
    ),
  );
  return {};
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `the ${typeof v} ${JSON.stringify(v)}`;
}

/** An error naming an argument of a declaration that is not expected there. */
function unexpected(where: string, name: string, known: readonly string[]): Diagnostic {
  return error(
    'Unsupported argument',
    `An argument named ${JSON.stringify(name)} is not expected here. ${where} takes ${known.join(', ')}.`,
    { address: where },
  );
}

const OUTPUT_ARGUMENTS = ['value', 'description', 'sensitive', 'depends_on', 'precondition', '//'];

export function readOutputs(raw: Json, diags: Diagnostic[]): OutputConfig[] {
  const out: OutputConfig[] = [];
  for (const [name, o] of Object.entries(raw)) {
    const where = `output.${name}`;
    if (!isObject(o)) {
      diags.push(error(`Invalid output ${name}`, `output ${name} is not an object with a value, but ${describe(o)}.`, { address: where }));
      continue;
    }
    if (!('value' in o))
      diags.push(
        error(`Invalid output ${name}`, `output ${name} has no value: set value (in CDKTF, TerraformOutput's value).`, { address: where }),
      );
    for (const k of Object.keys(o)) if (!OUTPUT_ARGUMENTS.includes(k)) diags.push(unexpected(where, k, OUTPUT_ARGUMENTS.slice(0, 4)));
    if (o.sensitive !== undefined && typeof o.sensitive !== 'boolean') {
      diags.push(
        error(`Invalid output ${name}`, `sensitive must be true or false, not ${describe(o.sensitive)}.`, {
          address: where,
          attributePath: ['sensitive'],
        }),
      );
    }
    if (o.description !== undefined && typeof o.description !== 'string') {
      diags.push(
        error(`Invalid output ${name}`, `description must be a string, not ${describe(o.description)}.`, {
          address: where,
          attributePath: ['description'],
        }),
      );
    }
    out.push({
      name,
      value: o.value,
      sensitive: o.sensitive === true,
      description: typeof o.description === 'string' ? o.description : undefined,
    });
  }
  return out;
}

const VARIABLE_ARGUMENTS = ['default', 'type', 'description', 'sensitive', 'nullable', 'validation', 'ephemeral', '//'];

export function readVariables(raw: Json, diags: Diagnostic[]): Map<string, VariableConfig> {
  const variables = new Map<string, VariableConfig>();
  for (const [name, v] of Object.entries(raw)) {
    const where = `var.${name}`;
    if (!isObject(v)) {
      diags.push(
        error(`Invalid variable ${name}`, `variable ${name} is not an object (with type, default, description ...), but ${describe(v)}.`),
      );
      continue;
    }
    for (const k of Object.keys(v)) if (!VARIABLE_ARGUMENTS.includes(k)) diags.push(unexpected(where, k, VARIABLE_ARGUMENTS.slice(0, 6)));
    let type: string | undefined;
    if (typeof v.type === 'string') {
      const parsed = parseTypeConstraint(v.type);
      if ('problem' in parsed) diags.push(error(`Invalid type for variable ${name}`, `${parsed.problem}.`));
      else type = v.type;
    } else if (v.type !== undefined)
      diags.push(error(`Invalid type for variable ${name}`, `type must be a string such as "list(string)", not ${describe(v.type)}.`));
    for (const flag of ['sensitive', 'nullable'] as const) {
      if (v[flag] !== undefined && typeof v[flag] !== 'boolean')
        diags.push(error(`Invalid variable ${name}`, `${flag} must be true or false, not ${describe(v[flag])}.`));
    }
    variables.set(name, {
      name,
      ...('default' in v ? { default: v.default } : {}),
      type,
      description: typeof v.description === 'string' ? v.description : undefined,
      sensitive: v.sensitive === true,
      nullable: v.nullable !== false,
      validations: validations(name, v.validation, diags),
    });
  }
  return variables;
}

function validations(name: string, raw: unknown, diags: Diagnostic[]): VariableValidation[] {
  if (raw === undefined || raw === null) return [];
  const blocks = Array.isArray(raw) ? raw : [raw];
  const out: VariableValidation[] = [];
  for (const [i, b] of blocks.entries()) {
    const which = `validation ${i + 1} of variable ${name}`;
    if (!isObject(b) || b.condition === undefined) {
      diags.push(error(`Invalid validation of variable ${name}`, `${which} needs a condition (a bool expression about var.${name}).`));
      continue;
    }
    if (typeof b.error_message !== 'string' || !b.error_message.trim()) {
      diags.push(
        error(`Invalid validation of variable ${name}`, `${which} needs error_message, the sentence shown when the condition is false.`),
      );
      continue;
    }
    out.push({ condition: b.condition, errorMessage: b.error_message });
  }
  return out;
}
