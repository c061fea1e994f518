// Objects in the state as `terraform state show` prints them: one resource block per instance,
// attributes aligned, sensitive ones hidden.
import type { SchemaLookup } from './plan-text';
import type { StateView } from '../state/state';
import { parseInstanceAddress, splitResourceAddress } from '../addresses/address';
import { renderScalar } from './values';
import { providerKeyFromState } from '../config/source';
import type { Value } from '../values';
import { stringifyJson } from '../json-syntax';

export function renderStateResources(state: StateView, addresses: readonly string[], schemas: SchemaLookup): string {
  return addresses
    .map((address) => {
      const inst = state.instance(address)!;
      const a = parseInstanceAddress(address)!;
      const r = state.resource(a.resource)!;
      const { mode, type, name } = splitResourceAddress(a.resource);
      const schema = schemas({
        address,
        resource: a.resource,
        key: a.key,
        mode,
        type,
        name,
        providerKey: providerKeyFromState(r.provider),
        action: 'no-op',
        before: null,
        after: null,
        replacePaths: [],
        dependencies: [],
        priorDependencies: [],
        createBeforeDestroy: false,
      });
      const entries = Object.entries(inst.attributes)
        .filter(([, v]) => v !== null)
        .sort(([x], [y]) => (x < y ? -1 : 1));
      const width = Math.max(0, ...entries.map(([k]) => k.length));
      const lines = entries.map(([k, v]) => `    ${k.padEnd(width)} = ${schema?.attributes[k]?.sensitive ? '(sensitive value)' : show(v)}`);
      return (
        `# ${address}:${inst.status === 'tainted' ? ' (tainted)' : ''}\n` +
        `${mode === 'data' ? 'data' : 'resource'} "${type}" "${name}" {\n${lines.join('\n')}\n}\n`
      );
    })
    .join('\n');
}

function show(v: Value): string {
  return v !== null && typeof v === 'object' ? stringifyJson(v, 4).replace(/\n/g, '\n    ') : renderScalar(v);
}
