// The declarations of a configuration besides resources: outputs (with their preconditions) and
// input variables (with their type constraints and validation blocks), read from sections that
// checkDocument has brought to their object form and checked for the arguments terraform takes.
// What is left to check here: a type constraint that does not parse, and the condition blocks.
import { error, type Diagnostic } from '../diagnostics';
import type { OutputConfig, VariableConfig } from './types';
import { parseTypeConstraint } from './type-constraint';
import { conditionBlocks } from './conditions';
import { describe, isObject, type Json } from './json-shape';

/** A bool argument as terraform reads it: true, false, or their strings; `otherwise` when absent (or refused). */
function flag(v: unknown, otherwise: boolean): boolean {
  return v === true || v === 'true' ? true : v === false || v === 'false' ? false : otherwise;
}

export function readOutputs(raw: Json, diags: Diagnostic[]): OutputConfig[] {
  const out: OutputConfig[] = [];
  for (const [name, o] of Object.entries(raw)) {
    // checkDocument has refused an output that is not an object
    if (!isObject(o)) continue;
    const ctx = { owner: `output "${name}"`, address: `output.${name}` };
    out.push({
      name,
      value: o.value,
      sensitive: flag(o.sensitive, false),
      description: typeof o.description === 'string' ? o.description : undefined,
      preconditions: conditionBlocks(o.precondition, 'precondition', ctx, diags),
    });
  }
  return out;
}

export function readVariables(raw: Json, diags: Diagnostic[]): Map<string, VariableConfig> {
  const variables = new Map<string, VariableConfig>();
  for (const [name, body] of Object.entries(raw)) {
    // `"v": null` declares a variable with no arguments; checkDocument has refused other non-objects
    if (body !== null && body !== undefined && !isObject(body)) continue;
    const v = isObject(body) ? body : {};
    const address = `var.${name}`;
    let type: string | undefined;
    if (typeof v.type === 'string') {
      const parsed = parseTypeConstraint(v.type);
      if ('problem' in parsed) diags.push(error(`Invalid type for variable ${name}`, `${parsed.problem}.`, { address }));
      else type = v.type;
    } else if (v.type !== undefined) {
      const detail = `type must be a string such as "list(string)", not ${describe(v.type)}.`;
      diags.push(error(`Invalid type for variable ${name}`, detail, { address }));
    }
    variables.set(name, {
      name,
      ...('default' in v ? { default: v.default } : {}),
      type,
      description: typeof v.description === 'string' ? v.description : undefined,
      sensitive: flag(v.sensitive, false),
      nullable: flag(v.nullable, true),
      validations: conditionBlocks(v.validation, 'validation', { owner: `variable "${name}"`, address, variable: name }, diags),
    });
  }
  return variables;
}
