// Reading a state document someone else may have damaged: what is wrong with it, in words, so the
// error can name the file and say what to do instead of failing later on a missing field. Every
// field the engine reads is checked here, once, when the state is read.
import { addressOf, objectKey, type StateFile } from './state';
import { instanceAddress, isModuleAddress } from '../addresses/address';
import { parseJson } from '../json-syntax';

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Parses `text` as a v4 state; `problem` says what is wrong (a phrase such as "is not JSON (...)"). */
export function parseState(text: string): { state: StateFile } | { problem: string } {
  const parsed = parseJson(text);
  if ('problem' in parsed) return { problem: `is not JSON (${parsed.problem})` };
  const problem = stateProblem(parsed.value);
  return problem ? { problem } : { state: parsed.value as StateFile };
}

/** What makes `doc` not a v4 state the engine can use, as a phrase after "the state file ..."; undefined when it is one. */
export function stateProblem(doc: unknown): string | undefined {
  if (!isObject(doc)) return 'holds JSON, but not a state object';
  if (doc.version === undefined) return 'has no state format version';
  if (doc.version !== 4) return `has state format version ${JSON.stringify(doc.version)}; gridform reads version 4`;
  if (!isCount(doc.serial))
    return doc.serial === undefined
      ? 'has no serial number'
      : `has serial ${JSON.stringify(doc.serial)}, which is not a whole number of zero or more`;
  if (typeof doc.lineage !== 'string')
    return doc.lineage === undefined ? 'has no lineage' : `has lineage ${JSON.stringify(doc.lineage)}, which is not a string`;
  if (!Array.isArray(doc.resources)) return 'has no resources list';
  if (doc.outputs !== undefined && !isObject(doc.outputs)) return 'has outputs that are not an object of named outputs';
  for (const [name, o] of Object.entries(doc.outputs ?? {})) {
    if (!isObject(o) || !('value' in o)) return `has an output ${name} that is not an object with a value`;
  }
  const seen = new Set<string>();
  for (const [i, r] of doc.resources.entries()) {
    if (!isObject(r) || typeof r.type !== 'string' || typeof r.name !== 'string' || !Array.isArray(r.instances)) {
      return `has a resource (number ${i + 1}) without type, name or instances`;
    }
    const problem = resourceProblem(r, seen);
    if (problem) return problem;
  }
  return undefined;
}

function resourceProblem(r: Record<string, unknown>, seen: Set<string>): string | undefined {
  if (r.mode !== 'managed' && r.mode !== 'data')
    return `has a resource ${r.type}.${r.name} of mode ${JSON.stringify(r.mode)}; it must be "managed" or "data"`;
  if (r.module !== undefined && !(typeof r.module === 'string' && isModuleAddress(r.module)))
    return `has a resource ${r.type}.${r.name} whose module ${JSON.stringify(r.module)} is not a module address such as module.net["eu"]`;
  const address = addressOf(r as { mode: 'managed' | 'data'; type: string; name: string; module?: string });
  if (!NAME.test(r.type as string) || !NAME.test(r.name as string))
    return `has a resource whose address ${JSON.stringify(address)} is not one`;
  if (typeof r.provider !== 'string') return `has ${address} without the provider it belongs to`;
  if (seen.has(address)) return `has ${address} twice`;
  seen.add(address);
  const objects = new Set<string>();
  for (const [i, inst] of (r.instances as unknown[]).entries()) {
    const which = `${address} has an instance (number ${i + 1})`;
    if (!isObject(inst)) return `${which} that is not an object`;
    const key = inst.index_key;
    if (key !== undefined && !(typeof key === 'string' || isCount(key)))
      return `${which} whose index_key ${JSON.stringify(key)} is not a number or a string`;
    if (!isObject(inst.attributes)) return `${which} without an attributes object`;
    if (inst.deposed !== undefined && typeof inst.deposed !== 'string') return `${which} whose deposed key is not a string`;
    if (inst.dependencies !== undefined && !(Array.isArray(inst.dependencies) && inst.dependencies.every((d) => typeof d === 'string'))) {
      return `${which} whose dependencies are not a list of addresses`;
    }
    if (inst.sensitive_attributes !== undefined && !Array.isArray(inst.sensitive_attributes))
      return `${which} whose sensitive_attributes are not a list`;
    if (inst.private !== undefined && typeof inst.private !== 'string') return `${which} whose private data is not a string`;
    if (inst.status !== undefined && inst.status !== 'tainted')
      return `${which} of status ${JSON.stringify(inst.status)}; only "tainted" is one`;
    const id = objectKey(instanceAddress(address, key as string | number | undefined), inst.deposed as string | undefined);
    if (objects.has(id)) return `has ${id} twice`;
    objects.add(id);
  }
  return undefined;
}

/** What to do about a damaged state, for the end of the message. */
export const DAMAGED_STATE_ADVICE =
  'Restore it from a backup or from version control; or, if it is beyond repair, move it away and run again: ' +
  'gridform then starts from an empty state, and "gridform import" brings back the objects it no longer knows.';
