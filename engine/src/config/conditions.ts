// Custom conditions as the configuration writes them: a resource's lifecycle precondition and
// postcondition blocks, an output's precondition, a variable's validation blocks and the assert
// blocks of check blocks. Each is a condition and an error_message, checked here as terraform
// checks them when it reads the files; they are evaluated by the plan (plan/conditions.ts).
import { error, type Diagnostic } from '../diagnostics';
import { ExprError, parseTemplate, references } from '../expr/parse';
import type { CheckConfig, ConditionConfig } from './types';
import { isObject } from './json-shape';

export type ConditionKind = 'precondition' | 'postcondition' | 'validation' | 'assert';

export interface ConditionContext {
  /** what the blocks belong to, for messages: "terraform_data.x", "variable \"n\"", "check \"c\"" */
  readonly owner: string;
  readonly address?: string;
  /** for validation: the variable the condition must refer to */
  readonly variable?: string;
}

/** The roots and names an expression written in JSON refers to ("var.n", "self", "terraform_data.x"). */
function referenced(raw: unknown): string[] | undefined {
  if (typeof raw !== 'string' || !raw.includes('${')) return [];
  try {
    return references(parseTemplate(raw)).map((r) => (r.steps[0]?.kind === 'attr' ? `${r.root}.${r.steps[0].name}` : r.root));
  } catch (err) {
    if (err instanceof ExprError) return undefined;
    throw err;
  }
}

/** Blocks of one kind (an object or a list of them) into conditions; malformed ones are refused. */
export function conditionBlocks(raw: unknown, kind: ConditionKind, ctx: ConditionContext, diags: Diagnostic[]): ConditionConfig[] {
  // null, as in terraform, is no block
  if (raw === undefined || raw === null) return [];
  const where = { ...(ctx.address ? { address: ctx.address } : {}) };
  const out: ConditionConfig[] = [];
  for (const [i, block] of (Array.isArray(raw) ? raw : [raw]).entries()) {
    const name = `${kind} block ${i + 1} of ${ctx.owner}`;
    if (!isObject(block)) {
      diags.push(error('Incorrect block value type', `${name} must be a block (an object with condition and error_message).`, where));
      continue;
    }
    const extra = Object.keys(block).filter((k) => k !== '//' && k !== 'condition' && k !== 'error_message');
    for (const k of extra) {
      diags.push(error('Extraneous JSON object property', `No argument or block type is named "${k}" in ${name}.`, where));
    }
    const missing = ['condition', 'error_message'].filter((k) => block[k] === undefined);
    for (const k of missing) {
      diags.push(error('Missing required argument', `${name}: the argument "${k}" is required, but no definition was found.`, where));
    }
    if (extra.length || missing.length) continue;
    const refs = referenced(block.condition);
    if (!refs) {
      const detail = `The condition of ${name} is not a valid expression: ${JSON.stringify(block.condition)}.`;
      diags.push(error('Invalid expression', detail, where));
      continue;
    }
    if (!refs.length) {
      const detail =
        `The condition expression of ${name} must refer to at least one object from elsewhere in the configuration, ` +
        'or else its result would not be checking anything.';
      diags.push(error(`Invalid ${kind} expression`, detail, where));
      continue;
    }
    if (kind !== 'postcondition' && refs.some((r) => r === 'self' || r.startsWith('self.'))) {
      const detail = `${name} refers to self: the "self" object is available only in postcondition blocks (and provisioners).`;
      diags.push(error('Invalid "self" reference', detail, where));
      continue;
    }
    if (ctx.variable && !refs.includes(`var.${ctx.variable}`)) {
      const detail = `The condition for variable "${ctx.variable}" must refer to var.${ctx.variable} in order to test incoming values.`;
      diags.push(error('Invalid variable validation condition', detail, where));
      continue;
    }
    out.push({ condition: block.condition, errorMessage: block.error_message });
  }
  return out;
}

/** `check` blocks: each with at least one assert block; scoped data sources are not supported yet. */
export function checkBlocks(raw: unknown, diags: Diagnostic[]): CheckConfig[] {
  const out: CheckConfig[] = [];
  for (const section of Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) {
    for (const [name, body] of Object.entries(isObject(section) ? section : {})) {
      const address = `check.${name}`;
      for (const b of Array.isArray(body) ? body : [body]) {
        const block = isObject(b) ? b : {};
        for (const k of Object.keys(block).filter((k) => k !== '//' && k !== 'assert' && k !== 'data')) {
          const detail = `No argument or block type is named "${k}" in check "${name}".`;
          diags.push(error('Extraneous JSON object property', detail, { address }));
        }
        if (block.data !== undefined) {
          const detail =
            `check "${name}" declares a data source of its own: gridform does not read scoped data sources yet. ` +
            'Declare it at the top level instead.';
          diags.push(error('Scoped data sources are not supported yet', detail, { address }));
        }
        const asserts = conditionBlocks(block.assert, 'assert', { owner: `check "${name}"`, address }, diags);
        if (block.assert === undefined) {
          diags.push(error('Zero assert blocks', `check "${name}": check blocks must have at least one assert block.`, { address }));
        }
        out.push({ name, asserts });
      }
    }
  }
  return out;
}
