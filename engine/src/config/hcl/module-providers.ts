// Provider blocks inside a called module, by terraform's rules: an empty block (a "proxy
// configuration" of older terraform) is redundant and only warned about; a module that configures a
// provider itself cannot be called with count, for_each or depends_on (terraform's error, word for
// word). terraform accepts such a "legacy module" called once; gridform does not configure providers
// per module, so it refuses it too, saying to pass the configuration from the root module.
import { error, warning, type Diagnostic } from '../../diagnostics';
import { isObject } from '../json-shape';
import { findBlock, where } from './block-lines';
import type { ModuleCall } from './module-tree';

/** The diagnostics of the provider blocks of the module `call` calls, once per call (module path without instance keys). */
export function moduleProviderDiagnostics(call: ModuleCall, modulePath: string, callAt: string): Diagnostic[] {
  const section = call.node.folder.doc.provider;
  if (!isObject(section)) return [];
  const diags: Diagnostic[] = [];
  const configured: string[] = [];
  for (const [name, raw] of Object.entries(section)) {
    const blocks = (Array.isArray(raw) ? raw : [raw]).filter(isObject);
    for (const b of blocks) {
      const settings = Object.keys(b).filter((k) => k !== 'alias');
      if (settings.length) {
        configured.push(name);
        continue;
      }
      const at = where(findBlock(call.node.folder.files, 'provider', [name]));
      diags.push(warning('Redundant empty provider block', emptyBlockDetail(name, at, modulePath)));
    }
  }
  if (!configured.length) return diags;
  const meta = ['count', 'for_each', 'depends_on'].filter((k) => call.block[k] !== undefined);
  const source = typeof call.block.source === 'string' ? call.block.source : call.node.folder.shown;
  if (meta.length) {
    const detail =
      `${callAt}: The module at ${modulePath} is a legacy module which contains its own local provider configurations, and so calls ` +
      `to it may not use the count, for_each, or depends_on arguments.\n\nIf you also control the module ${JSON.stringify(source)}, ` +
      'consider updating this module to instead expect provider configurations to be passed by its caller.';
    diags.push(error('Module is incompatible with count, for_each, and depends_on', detail));
    return diags;
  }
  const at = where(findBlock(call.node.folder.files, 'provider', [configured[0]]));
  const detail =
    `${modulePath} (${source}) configures provider "${configured[0]}" ${at}. terraform still accepts such a legacy module when ` +
    'it is called without count, for_each and depends_on; gridform configures providers in the root module only. Move the ' +
    'provider block to the root module, which the module inherits.';
  diags.push(error('Provider configuration in a module', detail));
  return diags;
}

function emptyBlockDetail(name: string, at: string, modulePath: string): string {
  return (
    `provider "${name}" ${at}: Earlier versions of Terraform used empty provider blocks ("proxy provider configurations") for ` +
    'child modules to declare their need to be passed a provider configuration by their callers. That approach was ambiguous ' +
    `and is now deprecated.\n\nIf you control this module, you can migrate to the new declaration syntax by removing all of the ` +
    `empty provider "${name}" blocks and then adding or updating an entry for "${name}" to the required_providers block of ${modulePath}.`
  );
}
