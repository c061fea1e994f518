// Creating and configuring the providers a run needs: those the configuration declares or its
// resources use, and those the state still names (to destroy what left the configuration).
import { error, hasErrors, inContext, type Diagnostic } from '../diagnostics';
import { conformToSchema } from '../plan/conform';
import { BUILTIN_SOURCE, normalizeSource, parseStateProvider } from '../config/source';
import type { Config } from '../config/types';
import { evaluateBody } from '../expr/evaluate';
import type { ConfiguredProvider } from '../plan/providers';
import type { ObjectValue, ProviderFactory } from '../provider/interface';
import type { StateView } from '../state/state';
import { terraformDataFactory } from '../builtin/terraform-data';
import type { Value } from '../values';

export async function configureProviders(
  config: Config,
  state: StateView,
  factories: readonly ProviderFactory[],
  variables: ReadonlyMap<string, Value>,
): Promise<{ providers: Map<string, ConfiguredProvider>; diagnostics: Diagnostic[] }> {
  const all = [terraformDataFactory, ...factories];
  const bySource = new Map(all.flatMap((f) => [f.source, ...(f.alsoKnownAs ?? [])].map((s) => [normalizeSource(s), f] as const)));
  const wanted = new Map<string, { source: string; body: Record<string, unknown> }>();
  for (const p of config.providers.values()) wanted.set(p.key, { source: p.source, body: p.body });
  const sourceOfLocal = new Map([...config.providers.values()].map((p) => [p.localName, p.source]));
  for (const r of config.resources.values()) {
    if (!wanted.has(r.provider)) {
      const local = r.provider.split('.')[0];
      wanted.set(r.provider, {
        source: local === 'terraform' ? BUILTIN_SOURCE : (sourceOfLocal.get(local) ?? normalizeSource(local)),
        body: {},
      });
    }
  }
  for (const r of state.resources()) {
    const p = parseStateProvider(r.provider);
    if (p && !wanted.has(p.key)) wanted.set(p.key, { source: p.source, body: {} });
  }
  const providers = new Map<string, ConfiguredProvider>();
  const diags: Diagnostic[] = [];
  const scope = { resource: () => undefined, variable: (n: string) => variables.get(n), local: () => undefined };
  for (const [key, { source, body }] of wanted) {
    const factory = bySource.get(source);
    if (!factory) {
      diags.push(
        error(`Provider ${source} is not available`, `gridform has providers ${[...bySource.keys()].join(', ')}; ${key} needs ${source}.`),
      );
      continue;
    }
    const provider = factory.create();
    const schema = provider.getSchema();
    let cfg: ObjectValue;
    try {
      cfg = evaluateBody(body, scope) as ObjectValue;
    } catch (err) {
      diags.push(error(`Invalid configuration of provider ${key}`, (err as Error).message));
      continue;
    }
    const conformed = conformToSchema(schema.provider.block, cfg, `provider.${key}`);
    diags.push(...conformed.diagnostics);
    if (hasErrors(conformed.diagnostics)) continue;
    const res = await provider.configure({ config: conformed.value });
    diags.push(...inContext(res.diagnostics, `provider.${key}`));
    providers.set(key, { key, source, provider, schema });
  }
  return { providers, diagnostics: diags };
}
