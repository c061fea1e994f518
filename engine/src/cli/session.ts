// Everything a plan/apply/destroy run needs, opened once: the configuration and its graph, the
// state backend (locked), and the configured providers.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { error, hasErrors, inContext, type Diagnostic } from '../diagnostics';
import { loadConfig } from '../config/load';
import { BUILTIN_SOURCE, normalizeSource } from '../config/source';
import type { Config } from '../config/types';
import { evaluateBody } from '../expr/evaluate';
import { buildGraph, type Graph } from '../graph/graph';
import type { ConfiguredProvider, ProviderSet } from '../plan/providers';
import type { ObjectValue, ProviderFactory } from '../provider/interface';
import { LocalBackend } from '../state/local-backend';
import { emptyState, StateView } from '../state/state';
import { terraformDataFactory } from '../builtin/terraform-data';
import type { StackDir } from './workdir';

export interface Session {
  readonly stack: StackDir;
  readonly config: Config;
  readonly graph: Graph;
  readonly backend: LocalBackend;
  readonly state: StateView;
  readonly providers: ProviderSet;
  close(): Promise<void>;
}

export interface SessionOptions {
  readonly factories: readonly ProviderFactory[];
  readonly lock: boolean;
  readonly operation: string;
  readonly version: string;
}

export function loadStackConfig(stack: StackDir): { config?: Config; graph?: Graph; diagnostics: Diagnostic[] } {
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(stack.file, 'utf8'));
  } catch (err) {
    return { diagnostics: [error(`Cannot read ${stack.file}`, (err as Error).message)] };
  }
  const { config, diagnostics } = loadConfig(doc, stack.file);
  if (!config || hasErrors(diagnostics)) return { diagnostics };
  const g = buildGraph(config);
  return { config, graph: g.graph, diagnostics: [...diagnostics, ...g.diagnostics] };
}

export function backendFor(stack: StackDir, config: Config | undefined): { backend?: LocalBackend; diagnostics: Diagnostic[] } {
  const b = config?.backend;
  if (b && b.type !== 'local') return { diagnostics: [error(`Backend ${b.type} is not supported`, 'gridform keeps state with the local backend; remove the backend or use LocalBackend.')] };
  const p = typeof b?.config.path === 'string' ? b.config.path : 'terraform.tfstate';
  return { backend: new LocalBackend(path.resolve(stack.dir, p)), diagnostics: [] };
}

export async function openSession(stack: StackDir, o: SessionOptions): Promise<{ session?: Session; diagnostics: Diagnostic[] }> {
  const { config, graph, diagnostics } = loadStackConfig(stack);
  if (!config || !graph || hasErrors(diagnostics)) return { diagnostics };
  const { backend, diagnostics: bd } = backendFor(stack, config);
  if (!backend) return { diagnostics: [...diagnostics, ...bd] };
  let lockId: string | undefined;
  if (o.lock) {
    const l = backend.lock(o.operation, o.version);
    if (!l.ok) {
      return {
        diagnostics: [error('Error acquiring the state lock', `The state ${backend.statePath} is locked by ${l.holder.Who} (pid ${l.holder.Pid}) for ${l.holder.Operation} since ${l.holder.Created}, lock ID ${l.holder.ID}. Wait for it to finish, or run with -lock=false if you are sure nobody else is using it.`)],
      };
    }
    lockId = l.info.ID;
  }
  const release = () => lockId && backend.unlock(lockId);
  let state: StateView;
  try {
    state = new StateView(backend.read() ?? emptyState());
  } catch (err) {
    release();
    return { diagnostics: [error(`Cannot read the state ${backend.statePath}`, (err as Error).message)] };
  }
  const { providers, diagnostics: pd } = await configureProviders(config, state, o.factories);
  if (hasErrors(pd)) {
    release();
    await Promise.all([...providers.values()].map((p) => p.provider.close?.()));
    return { diagnostics: [...diagnostics, ...pd] };
  }
  return {
    session: {
      stack, config, graph, backend, state, providers,
      async close() {
        await Promise.all([...providers.values()].map((p) => p.provider.close?.()));
        release();
      },
    },
    diagnostics: [...diagnostics, ...pd],
  };
}

async function configureProviders(config: Config, state: StateView, factories: readonly ProviderFactory[]): Promise<{ providers: Map<string, ConfiguredProvider>; diagnostics: Diagnostic[] }> {
  const all = [terraformDataFactory, ...factories];
  const bySource = new Map(all.map((f) => [normalizeSource(f.source), f]));
  const wanted = new Map<string, { source: string; body: Record<string, unknown> }>();
  for (const p of config.providers.values()) wanted.set(p.key, { source: p.source, body: p.body });
  const sourceOfLocal = new Map([...config.providers.values()].map((p) => [p.localName, p.source]));
  for (const r of config.resources.values()) {
    if (!wanted.has(r.provider)) {
      const local = r.provider.split('.')[0];
      wanted.set(r.provider, { source: local === 'terraform' ? BUILTIN_SOURCE : sourceOfLocal.get(local) ?? normalizeSource(local), body: {} });
    }
  }
  for (const r of state.file.resources) {
    const m = /^provider\["([^"]+)"\](?:\.(\w+))?$/.exec(r.provider);
    if (!m) continue;
    const key = `${m[1].split('/').pop()}${m[2] ? `.${m[2]}` : ''}`;
    if (!wanted.has(key)) wanted.set(key, { source: m[1], body: {} });
  }
  const providers = new Map<string, ConfiguredProvider>();
  const diags: Diagnostic[] = [];
  for (const [key, { source, body }] of wanted) {
    const factory = bySource.get(source);
    if (!factory) {
      diags.push(error(`Provider ${source} is not available`, `gridform has providers ${[...bySource.keys()].join(', ')}; ${key} needs ${source}.`));
      continue;
    }
    const provider = factory.create();
    const schema = provider.getSchema();
    const res = await provider.configure({ config: evaluateBody(body, { resource: () => undefined, variable: () => undefined, local: () => undefined }) as ObjectValue });
    diags.push(...inContext(res.diagnostics, `provider.${key}`));
    providers.set(key, { key, source, provider, schema });
  }
  return { providers, diagnostics: diags };
}
