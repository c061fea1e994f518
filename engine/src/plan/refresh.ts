// Refresh: read every managed object through its provider, in parallel, into a copy of the state.
// What differs from the state before is drift: changes made outside gridform.
import { error, hasErrors, inContext, type Diagnostic } from '../diagnostics';
import type { Config } from '../config/types';
import { parseInstanceAddress } from '../addresses/address';
import { StateView, type StateFile } from '../state/state';
import { valuesEqual } from './diff';
import type { ProviderSet } from './providers';
import type { ObjectValue } from '../provider/interface';
import { providerKeyFromState } from '../config/source';
import { cloneData } from '../values';

export interface Drift {
  readonly address: string;
  readonly type: string;
  readonly providerKey: string;
  readonly mode: 'managed' | 'data';
  readonly before: ObjectValue;
  /** null when the object is gone */
  readonly after: ObjectValue | null;
}

const REFRESH_PARALLELISM = 64;

export function cloneState(file: StateFile): StateView {
  return new StateView(cloneData(file));
}

/** Refreshes every managed object except those `skip` names. */
export async function refreshState(
  prior: StateView,
  config: Config,
  providers: ProviderSet,
  skip: (address: string) => boolean = () => false,
): Promise<{ state: StateView; drift: Drift[]; diagnostics: Diagnostic[] }> {
  const state = cloneState(prior.file);
  const diags: Diagnostic[] = [];
  const drift: Drift[] = [];
  const work = state.instanceAddresses().filter((a) => state.resource(parseInstanceAddress(a)!.resource)!.mode === 'managed' && !skip(a));
  let next = 0;
  const worker = async () => {
    while (next < work.length) {
      const address = work[next++];
      const resource = parseInstanceAddress(address)!.resource;
      const r = state.resource(resource)!;
      const inst = state.instance(address)!;
      const key = config.resources.get(resource)?.provider ?? providerKeyFromState(r.provider);
      const p = providers.get(key);
      if (!p) {
        diags.push(
          error(
            `Provider ${key} of ${address} is not configured`,
            'Keep its provider in the configuration until the resource is destroyed.',
            { address },
          ),
        );
        continue;
      }
      const res = await p.provider.readResource({ typeName: r.type, currentState: inst.attributes, private: inst.private });
      diags.push(...inContext(res.diagnostics, address));
      if (hasErrors(res.diagnostics)) continue;
      if (!valuesEqual(inst.attributes, res.newState))
        drift.push({ address, type: r.type, providerKey: key, mode: r.mode, before: inst.attributes, after: res.newState });
      if (res.newState === null) state.removeInstance(address);
      else
        state.setInstance(r, address, {
          ...inst,
          attributes: res.newState,
          ...((res.private ?? inst.private) ? { private: res.private ?? inst.private } : {}),
        });
    }
  };
  await Promise.all(Array.from({ length: Math.min(REFRESH_PARALLELISM, work.length) }, worker));
  drift.sort((a, b) => (a.address < b.address ? -1 : 1));
  return { state, drift, diagnostics: diags };
}
