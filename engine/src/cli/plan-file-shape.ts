// The shape of a saved plan's body, checked field by field before anything uses it: a file whose
// checksum matches may still have been written by something other than gridform, or by a
// gridform with a bug, and apply must say so rather than fail half way on a missing field.
import { parseInstanceAddress } from '../addresses/address';
import { stateProblem } from '../state/state-check';
import type { Action } from '../plan/types';

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isStringList = (v: unknown) => Array.isArray(v) && v.every(isString);
/** Every action a change may have: a new one added to `Action` must be added here too, or this does not compile. */
const ACTION_NAMES: Record<Action, true> = {
  create: true,
  update: true,
  delete: true,
  replace: true,
  read: true,
  'no-op': true,
  forget: true,
};
const ACTIONS = new Set(Object.keys(ACTION_NAMES));

/** What is wrong with a saved plan's body, as a sentence; undefined when it has the shape apply needs. */
export function planBodyProblem(body: Record<string, unknown>): string | undefined {
  const origin = body.origin;
  if (!isObject(origin)) return 'It has no origin (the stack and state it was made for).';
  if (!isString(origin.stackDir) || !isString(origin.stackName) || !isString(origin.workspace)) {
    return 'Its origin does not name the stack folder, stack and workspace it was made for.';
  }
  const prior = origin.priorState;
  if (prior !== null && !(isObject(prior) && isString(prior.lineage) && isCount(prior.serial) && isString(prior.sha256))) {
    return 'Its origin does not record the state it was made against (lineage, serial and digest).';
  }
  if (!isObject(body.variables)) return 'Its variables are not an object.';
  if (!isObject(body.configuration)) return 'It has no configuration.';
  const plan = body.plan;
  if (!isObject(plan) || !Array.isArray(plan.changes) || !Array.isArray(plan.outputs)) return 'It has no plan.';
  if (!isObject(plan.refreshedState)) return 'Its plan has no refreshed state.';
  const state = stateProblem(plan.refreshedState);
  if (state) return `The refreshed state in its plan ${state}.`;
  if (!isCount(plan.priorSerial) || !isString(plan.priorLineage))
    return 'Its plan does not record the serial and lineage it was made against.';
  for (const flag of ['destroy', 'refreshOnly', 'targeted'] as const)
    if (typeof plan[flag] !== 'boolean') return `Its plan's ${flag} is not true or false.`;
  if (!Array.isArray(plan.drift) || !plan.drift.every((d) => isObject(d) && isString(d.address)))
    return "Its plan's drift is not a list of objects with addresses.";
  for (const [i, c] of plan.changes.entries()) {
    const problem = changeProblem(c);
    if (problem) return `Its change ${i + 1}${isObject(c) && isString(c.address) ? ` (${c.address})` : ''} ${problem}.`;
  }
  for (const [i, o] of plan.outputs.entries()) {
    if (!isObject(o) || !isString(o.name) || typeof o.sensitive !== 'boolean')
      return `Its output change ${i + 1} is not an object with a name.`;
  }
  const rules = plan.deferredValidations;
  if (
    rules !== undefined &&
    !(
      Array.isArray(rules) &&
      rules.every((r) => isObject(r) && isString(r.module) && isString(r.variable) && isString(r.call) && isString(r.rule))
    )
  )
    return "Its plan's validation rules left for apply are not a list of rules naming their module and variable.";
  return undefined;
}

function changeProblem(c: unknown): string | undefined {
  if (!isObject(c)) return 'is not an object';
  const address = isString(c.address) ? parseInstanceAddress(c.address) : undefined;
  if (!address) return 'has no instance address';
  if (c.resource !== address.resource) return `is for resource ${JSON.stringify(c.resource)}, not that of its address`;
  if (c.mode !== 'managed' && c.mode !== 'data') return `has mode ${JSON.stringify(c.mode)}`;
  if (!isString(c.type) || !isString(c.name) || !isString(c.providerKey)) return 'does not name its type, name and provider';
  if (!isString(c.action) || !ACTIONS.has(c.action))
    return `has action ${JSON.stringify(c.action)}, which is none of ${[...ACTIONS].join(', ')}`;
  for (const side of ['before', 'after'] as const) {
    if (c[side] !== null && !isObject(c[side])) return `has a ${side} value that is neither an object nor null`;
  }
  if (c.action === 'create' && (c.before !== null || c.after === null)) return 'creates an object yet has a before value or no after value';
  if (c.action === 'delete' && c.after !== null) return 'deletes an object yet has an after value';
  if (c.action === 'forget' && c.after !== null) return 'forgets an object yet has an after value';
  if (!Array.isArray(c.replacePaths) || !c.replacePaths.every(Array.isArray)) return 'has replace paths that are not a list of paths';
  if (!isStringList(c.dependencies) || !isStringList(c.priorDependencies)) return 'has dependencies that are not lists of addresses';
  if (typeof c.createBeforeDestroy !== 'boolean') return 'has createBeforeDestroy that is not true or false';
  if (c.deposed !== undefined && !isString(c.deposed)) return 'has a deposed key that is not a string';
  return undefined;
}

function isCount(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}
