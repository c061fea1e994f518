// Reading an existing object into the state at an address (`gridform import` and `import` blocks):
// the provider imports it by ID, then reads it; nothing is changed on the real object.
import { error, hasErrors, inContext, type Diagnostic } from '../diagnostics';
import type { ResourceConfig } from '../config/types';
import { stateProviderString } from '../config/source';
import { recordedInstance } from '../apply/record';
import type { StateView } from '../state/state';
import type { ConfiguredProvider } from './providers';

/** Imports the object `id` into `state` at `address` (an instance of `rc`); true when it did. */
export async function importObject(
  p: ConfiguredProvider,
  rc: ResourceConfig,
  address: string,
  id: string,
  state: StateView,
  diags: Diagnostic[],
): Promise<boolean> {
  const imported = await p.provider.importResourceState({ typeName: rc.type, id });
  diags.push(...inContext(imported.diagnostics, address));
  if (hasErrors(imported.diagnostics)) return false;
  if (!imported.importedState) {
    diags.push(
      error('Cannot import non-existent remote object', `${rc.type} ${JSON.stringify(id)} was not found by the provider.`, { address }),
    );
    return false;
  }
  const read = await p.provider.readResource({ typeName: rc.type, currentState: imported.importedState });
  diags.push(...inContext(read.diagnostics, address));
  if (hasErrors(read.diagnostics)) return false;
  if (!read.newState) {
    diags.push(
      error('Cannot import non-existent remote object', `${rc.type} ${JSON.stringify(id)} vanished while it was read.`, { address }),
    );
    return false;
  }
  state.setInstance(
    { mode: 'managed', type: rc.type, name: rc.name, provider: stateProviderString(p.source, rc.provider.split('.')[1]) },
    address,
    recordedInstance(p.schema.resources[rc.type], read.newState, read.private, []),
  );
  return true;
}
