// Objects in the state as `terraform state show` prints them: one resource block per instance,
// attributes aligned, sensitive ones hidden (state-object.ts).
import type { SchemaLookup } from './plan-text';
import type { StateView } from '../state/state';
import { parseInstanceAddress, splitResourceAddress } from '../addresses/address';
import { renderStateObject } from './state-object';
import { goQuote } from './hcl-text';
import { providerKeyFromState } from '../config/source';
import type { AttributePath } from '../values';

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
      const body = renderStateObject(inst.attributes, schema, attributePaths(inst.sensitive_attributes));
      const header = `# ${address}:${inst.status === 'tainted' ? ' (tainted)' : ''}`;
      return `${header}\n${mode === 'data' ? 'data' : 'resource'} ${goQuote(type)} ${goQuote(name)} ${body}\n`;
    })
    .join('\n');
}

/** sensitive_attributes of the v4 state (lists of get_attr and index steps) as attribute paths. */
function attributePaths(paths: unknown[]): AttributePath[] {
  return paths.filter(Array.isArray).map((steps: unknown[]) =>
    steps.map((step) => {
      const { type, value } = (step ?? {}) as { type?: string; value?: unknown };
      if (type === 'get_attr') return String(value);
      const key = (value as { value?: unknown } | undefined)?.value;
      return typeof key === 'number' ? key : String(key);
    }),
  );
}
