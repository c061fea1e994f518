// Reads cdk.tf.json (as `cdktf synth` writes it) into a Config, with diagnostics naming the
// resource and attribute for anything malformed or not supported.
import { error, type Diagnostic } from '../diagnostics';
import { BUILTIN_SOURCE, normalizeSource } from './source';
import type { BackendConfig, Config, Lifecycle, OutputConfig, ProviderConfig, ResourceConfig, VariableConfig } from './types';
import { addressText, importBlocks, movedBlocks, removedBlocks } from './refactoring';
import { MAX_DOCUMENT_DEPTH, tooDeep } from './nesting';
import { moduleDiagnostics } from './document-checks';

const META = new Set(['//', 'depends_on', 'lifecycle', 'provider', 'count', 'for_each', 'connection', 'provisioner']);

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function loadConfig(doc: unknown, file = 'cdk.tf.json'): { config?: Config; diagnostics: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  if (!isObject(doc)) return { diagnostics: [error(`${file} is not a JSON object`, 'Run cdktf synth again to regenerate it.')] };
  const deep = tooDeep(doc);
  if (deep) return { diagnostics: [error(`${file} is nested too deeply`, `${deep} is nested more than ${MAX_DOCUMENT_DEPTH} levels deep.`)] };
  diags.push(...moduleDiagnostics(doc, file));
  const terraform = isObject(doc.terraform) ? doc.terraform : {};
  const required = isObject(terraform.required_providers) ? terraform.required_providers : {};
  const sources = new Map<string, string>([['terraform', BUILTIN_SOURCE]]);
  for (const [name, req] of Object.entries(required)) {
    const src = typeof req === 'string' ? req : isObject(req) && typeof req.source === 'string' ? req.source : name;
    sources.set(name, normalizeSource(src));
  }

  const providers = new Map<string, ProviderConfig>();
  for (const [localName, blocks] of Object.entries(isObject(doc.provider) ? doc.provider : {})) {
    for (const block of Array.isArray(blocks) ? blocks : [blocks]) {
      if (!isObject(block)) continue;
      const { alias, ...body } = block as Json & { alias?: string };
      const key = alias ? `${localName}.${alias}` : localName;
      providers.set(key, { key, localName, source: sources.get(localName) ?? normalizeSource(localName), body });
    }
  }

  const resources = new Map<string, ResourceConfig>();
  const read = (mode: 'managed' | 'data', section: unknown) => {
    for (const [type, byName] of Object.entries(isObject(section) ? section : {})) {
      for (const [name, raw] of Object.entries(isObject(byName) ? byName : {})) {
        const address = mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
        if (!isObject(raw)) {
          diags.push(error(`${address} is not an object`, undefined, { address }));
          continue;
        }
        if (raw.count !== undefined && raw.for_each !== undefined) diags.push(error('Invalid combination of "count" and "for_each"', `${address} sets both; use one of them.`, { address, attributePath: ['count'] }));
        for (const meta of ['provisioner', 'connection']) {
          if (raw[meta] !== undefined) diags.push(error(`${meta} is not supported yet`, `Remove ${meta} from ${address}, or declare the instances one by one.`, { address, attributePath: [meta] }));
        }
        const providerKey = typeof raw.provider === 'string' ? raw.provider.replace(/^provider\./, '') : type.split('_')[0];
        const localName = providerKey.split('.')[0];
        if (!sources.has(localName) && !providers.has(providerKey)) {
          diags.push(error(`provider ${localName} of ${address} is not declared`, `Add it to terraform.required_providers (in CDKTF: instantiate its provider construct).`, { address }));
        }
        const body: Json = {};
        for (const [k, v] of Object.entries(raw)) if (!META.has(k)) body[k] = v;
        const dependsOn = Array.isArray(raw.depends_on) ? raw.depends_on.filter((d): d is string => typeof d === 'string').map(addressText) : [];
        resources.set(address, {
          address, mode, type, name, provider: providerKey, body, dependsOn, lifecycle: lifecycle(raw.lifecycle),
          ...(raw.count !== undefined ? { count: raw.count } : {}), ...(raw.for_each !== undefined ? { forEach: raw.for_each } : {}),
        });
      }
    }
  };
  read('managed', doc.resource);
  read('data', doc.data);

  const outputs: OutputConfig[] = Object.entries(isObject(doc.output) ? doc.output : {}).map(([name, o]) => ({
    name,
    value: isObject(o) ? o.value : undefined,
    sensitive: isObject(o) && o.sensitive === true,
    description: isObject(o) && typeof o.description === 'string' ? o.description : undefined,
  }));
  const variables = new Map<string, VariableConfig>(Object.entries(isObject(doc.variable) ? doc.variable : {}).map(([name, v]) => {
    const o = isObject(v) ? v : {};
    return [name, {
      name, ...('default' in o ? { default: o.default } : {}), type: typeof o.type === 'string' ? o.type : undefined,
      description: typeof o.description === 'string' ? o.description : undefined, sensitive: o.sensitive === true, nullable: o.nullable !== false,
    }];
  }));
  const locals = new Map<string, unknown>(Object.entries(isObject(doc.locals) ? doc.locals : {}));
  let backend: BackendConfig | undefined;
  if (isObject(terraform.backend)) {
    const [type, cfg] = Object.entries(terraform.backend)[0] ?? [];
    if (type) backend = { type, config: isObject(cfg) ? cfg : {} };
  }
  const moves = movedBlocks(doc.moved, resources, diags);
  const imports = importBlocks(doc.import, resources, diags);
  const removed = removedBlocks(doc.removed, resources, diags);
  return { config: { resources, providers, outputs, variables, locals, backend, moves, imports, removed }, diagnostics: diags };
}

function lifecycle(raw: unknown): Lifecycle {
  const l = isObject(raw) ? raw : {};
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map(addressText) : []);
  return {
    preventDestroy: l.prevent_destroy === true,
    createBeforeDestroy: l.create_before_destroy === true,
    ignoreChanges: l.ignore_changes === 'all' ? 'all' : strings(l.ignore_changes),
    replaceTriggeredBy: strings(l.replace_triggered_by),
  };
}
