// Provider schemas and source addresses for commands that show things without configuring
// providers (show, state show): each provider is created only to ask its schema.
import { BUILTIN_SOURCE, normalizeSource, parseStateProvider } from '../config/source';
import type { Config } from '../config/types';
import type { ProviderFactory, ProviderSchema } from '../provider/interface';
import { terraformDataFactory } from '../builtin/terraform-data';
import type { StateFile } from '../state/state';
import { schemaLookup, type SchemaLookup } from '../render/plan-text';

export function providerSources(config: Config | undefined, state: StateFile): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of state.resources) {
    const p = parseStateProvider(r.provider);
    if (p) out.set(p.key, p.source);
  }
  if (config) {
    for (const p of config.providers.values()) out.set(p.key, p.source);
    for (const r of config.resources.values()) {
      if (out.has(r.provider)) continue;
      const local = r.provider.split('.')[0];
      out.set(
        r.provider,
        local === 'terraform'
          ? BUILTIN_SOURCE
          : ([...config.providers.values()].find((p) => p.localName === local)?.source ?? normalizeSource(local)),
      );
    }
  }
  return out;
}

export function schemasFor(sources: ReadonlyMap<string, string>, factories: readonly ProviderFactory[]): SchemaLookup {
  const bySource = new Map([terraformDataFactory, ...factories].map((f) => [normalizeSource(f.source), f]));
  const cache = new Map<string, ProviderSchema>();
  const byKey = new Map<string, ProviderSchema>();
  for (const [key, source] of sources) {
    const f = bySource.get(source);
    if (!f) continue;
    if (!cache.has(source)) cache.set(source, f.create().getSchema());
    byKey.set(key, cache.get(source)!);
  }
  return schemaLookup(byKey);
}
