// Structural rules of a deployment, checked before anything else: names, versions, types known,
// each workload's data valid for its type.
import type { node } from '../../proto';
import { NodeRefusal } from './refusal';
import { WORKLOAD_TYPES } from './workloads/registry';
import { isObject } from './workloads/types';

const NAME = /^[a-zA-Z0-9_]{1,36}$/;
const ALL_TYPES: ReadonlySet<string> = new Set(Object.keys(WORKLOAD_TYPES));

export function parseData(w: node.Workload__Output): Record<string, unknown> {
  let data: unknown;
  try {
    data = JSON.parse(w.data || '{}');
  } catch {
    const detail = `workload ${w.name}: data is not JSON (it must be a JSON object as the workload type ${w.type} describes)`;
    throw new NodeRefusal('INVALID_ARGUMENT', detail);
  }
  if (!isObject(data)) throw new NodeRefusal('INVALID_ARGUMENT', `workload ${w.name}: data must be a JSON object`);
  return data;
}

/** `supported`: the workload types the node's version runs (default: all it knows). */
export function checkShape(d: node.Deployment__Output, supported: ReadonlySet<string> = ALL_TYPES): void {
  const seen = new Set<string>();
  if (!d.workloads.length) throw new NodeRefusal('INVALID_ARGUMENT', `deployment of contract ${d.contractId} has no workloads`);
  for (const w of d.workloads) {
    if (!NAME.test(w.name))
      throw new NodeRefusal(
        'INVALID_ARGUMENT',
        `workload name ${JSON.stringify(w.name)} must be 1-36 characters of letters, digits and '_'`,
      );
    if (seen.has(w.name)) throw new NodeRefusal('INVALID_ARGUMENT', `workload name ${w.name} is used twice in the deployment`);
    seen.add(w.name);
    if (w.version > d.version)
      throw new NodeRefusal('INVALID_ARGUMENT', `workload ${w.name} has version ${w.version}, above the deployment's version ${d.version}`);
    const type = supported.has(w.type) ? WORKLOAD_TYPES[w.type] : undefined;
    if (!type) {
      const known = [...supported].join(', ');
      const detail = `workload ${w.name}: type ${JSON.stringify(w.type)} is not supported by this node (supported: ${known})`;
      throw new NodeRefusal('INVALID_ARGUMENT', detail);
    }
    const problem = type.validate(parseData(w));
    if (problem) throw new NodeRefusal('INVALID_ARGUMENT', `workload ${w.name} (${w.type}): ${problem}`);
  }
}
