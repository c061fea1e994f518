// Reads cdk.tf.json (as `cdktf synth` writes it) into a Config, with diagnostics naming the
// resource and attribute for anything malformed or not supported.
import { error, type Diagnostic } from '../diagnostics';
import { formatPath, setKey } from '../values';
import { BUILTIN_SOURCE, normalizeSource } from './source';
import type { BackendConfig, Config, ImportConfig, Lifecycle, MoveConfig, ProviderConfig, ResourceConfig } from './types';
import { parseInstanceAddress, splitResourceAddress } from '../addresses/address';
import { documentProblem, MAX_DOCUMENT_DEPTH } from './nesting';
import { MAX_STRING_LENGTH } from '../expr/limits';
import { describe, isObject, readOutputs, readVariables, section } from './declarations';

const META = new Set(['//', 'depends_on', 'lifecycle', 'provider', 'count', 'for_each', 'connection', 'provisioner']);

type Json = Record<string, unknown>;

/** An address as cdktf may write it, bare or as a `${...}` reference; "" when not a string. */
function addressText(v: unknown): string {
  return typeof v === 'string' ? v.replace(/^\$\{(.*)\}$/, '$1') : '';
}

/** A top-level block kind (moved, import): a list of blocks, or one. */
function blockList(raw: unknown): unknown[] {
  return Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
}

export function loadConfig(doc: unknown, file = 'cdk.tf.json'): { config?: Config; diagnostics: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  if (!isObject(doc)) return { diagnostics: [error(`${file} is not a JSON object`, 'Run cdktf synth again to regenerate it.')] };
  const problem = documentProblem(doc);
  if (problem?.kind === 'deep') {
    const detail = `${formatPath(problem.path)} ... is nested more than ${MAX_DOCUMENT_DEPTH} levels deep.`;
    return { diagnostics: [error(`${file} is nested too deeply`, detail)] };
  }
  if (problem?.kind === 'long') return { diagnostics: [tooLong(file, problem.path, problem.length)] };
  const terraform = section(doc, 'terraform', file, 'of settings', diags);
  const required = section(terraform, 'required_providers', file, 'of provider requirements', diags);
  const sources = new Map<string, string>([['terraform', BUILTIN_SOURCE]]);
  for (const [name, req] of Object.entries(required)) {
    const src = typeof req === 'string' ? req : isObject(req) && typeof req.source === 'string' ? req.source : name;
    sources.set(name, normalizeSource(src));
  }

  const providers = new Map<string, ProviderConfig>();
  for (const [localName, blocks] of Object.entries(section(doc, 'provider', file, 'of provider blocks by name', diags))) {
    for (const block of Array.isArray(blocks) ? blocks : [blocks]) {
      if (!isObject(block)) {
        const detail = `Each block of provider ${localName} must be an object, not ${describe(block)}.`;
        diags.push(error('Invalid provider block', detail, { address: `provider.${localName}` }));
        continue;
      }
      const { alias, ...body } = block as Json & { alias?: string };
      const key = alias ? `${localName}.${alias}` : localName;
      providers.set(key, { key, localName, source: sources.get(localName) ?? normalizeSource(localName), body });
    }
  }

  const resources = new Map<string, ResourceConfig>();
  const read = (mode: 'managed' | 'data', section: Json, kind: string) => {
    for (const [type, byName] of Object.entries(section)) {
      if (!isObject(byName)) {
        const detail = `${kind}.${type} must be an object of named ${kind}s, not ${describe(byName)}.`;
        diags.push(error(`Invalid ${kind} section in ${file}`, detail));
        continue;
      }
      for (const [name, raw] of Object.entries(byName)) {
        const address = mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
        if (!isObject(raw)) {
          diags.push(error(`${address} is not an object`, undefined, { address }));
          continue;
        }
        if (raw.count !== undefined && raw.for_each !== undefined) diags.push(error('Invalid combination of "count" and "for_each"', `${address} sets both; use one of them.`, { address, attributePath: ['count'] }));
        for (const meta of ['provisioner', 'connection']) {
          if (raw[meta] !== undefined) diags.push(error(`${meta} is not supported yet`, `Remove ${meta} from ${address}, or declare the instances one by one.`, { address, attributePath: [meta] }));
        }
        if (raw.provider !== undefined && typeof raw.provider !== 'string') {
          const detail = `provider of ${address} must be a provider name such as "grid" or "grid.eu", not ${describe(raw.provider)}.`;
          diags.push(error('Invalid provider reference', detail, { address, attributePath: ['provider'] }));
        }
        const providerKey = typeof raw.provider === 'string' ? raw.provider.replace(/^provider\./, '') : type.split('_')[0];
        const localName = providerKey.split('.')[0];
        if (!sources.has(localName) && !providers.has(providerKey)) {
          diags.push(error(`provider ${localName} of ${address} is not declared`, `Add it to terraform.required_providers (in CDKTF: instantiate its provider construct).`, { address }));
        }
        const body: Json = {};
        for (const [k, v] of Object.entries(raw)) if (!META.has(k)) setKey(body, k, v);
        resources.set(address, {
          address, mode, type, name, provider: providerKey, body,
          dependsOn: dependsOn(address, raw.depends_on, diags), lifecycle: lifecycle(address, raw.lifecycle, diags),
          ...(raw.count !== undefined ? { count: raw.count } : {}), ...(raw.for_each !== undefined ? { forEach: raw.for_each } : {}),
        });
      }
    }
  };
  read('managed', section(doc, 'resource', file, 'of resource types', diags), 'resource');
  read('data', section(doc, 'data', file, 'of data source types', diags), 'data');

  const outputs = readOutputs(section(doc, 'output', file, 'of named outputs', diags), diags);
  const variables = readVariables(section(doc, 'variable', file, 'of named variables', diags), diags);
  const locals = new Map<string, unknown>(Object.entries(section(doc, 'locals', file, 'of named values', diags)));
  let backend: BackendConfig | undefined;
  if (isObject(terraform.backend)) {
    const [type, cfg] = Object.entries(terraform.backend)[0] ?? [];
    if (type) backend = { type, config: isObject(cfg) ? cfg : {} };
  }
  const moves = movedBlocks(doc.moved, resources, diags);
  const imports = importBlocks(doc.import, resources, diags);
  return { config: { resources, providers, outputs, variables, locals, backend, moves, imports }, diagnostics: diags };
}

/** A string of the document over the limit, placed at its resource and attribute when it is in one. */
function tooLong(file: string, path: (string | number)[], length: number): Diagnostic {
  const detail = `It has ${length} characters, over the limit of ${MAX_STRING_LENGTH} (16 MiB).`;
  const [section, type, name, ...rest] = path;
  if ((section === 'resource' || section === 'data') && typeof type === 'string' && typeof name === 'string') {
    const address = section === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
    return error('String too long', detail, { address, attributePath: rest });
  }
  return error('String too long', `${formatPath(path)} in ${file}: ${detail}`);
}

function dependsOn(address: string, raw: unknown, diags: Diagnostic[]): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || !raw.every((d) => typeof d === 'string')) {
    const detail = `depends_on of ${address} must be a list of resource addresses such as ["grid_network.net"], not ${describe(raw)}.`;
    diags.push(error('Invalid depends_on', detail, { address, attributePath: ['depends_on'] }));
    return [];
  }
  return raw.map(addressText);
}

/** `import` blocks: `to` a declared managed resource (or one of its instances), `id` a literal. */
function importBlocks(raw: unknown, resources: ReadonlyMap<string, ResourceConfig>, diags: Diagnostic[]): ImportConfig[] {
  const out: ImportConfig[] = [];
  for (const [i, block] of blockList(raw).entries()) {
    const b = isObject(block) ? block : {};
    const to = addressText(b.to);
    const target = parseInstanceAddress(to);
    if (!target || target.resource.startsWith('data.')) {
      diags.push(error('Invalid import block', `import block ${i + 1} needs to, the address of a managed resource or instance (got ${JSON.stringify(b.to)}).`));
      continue;
    }
    if (!resources.has(target.resource)) {
      diags.push(error('Configuration for import target does not exist', `import block ${i + 1} imports into ${to}, which the configuration does not declare: add the resource (in CDKTF: the construct).`, { address: to }));
      continue;
    }
    if (typeof b.id !== 'string' || !b.id || b.id.includes('${')) {
      diags.push(error('Invalid import id', `import block ${i + 1} (into ${to}) needs id, the object's ID as a literal string (got ${JSON.stringify(b.id)}).`, { address: to }));
      continue;
    }
    if (out.some((x) => x.to === to)) {
      diags.push(error('Duplicate import configuration', `Two import blocks import into ${to}; keep one.`, { address: to }));
      continue;
    }
    out.push({ to, id: b.id, ...(addressText(b.provider) ? { provider: addressText(b.provider) } : {}) });
  }
  return out;
}

/** `moved` blocks: both ends managed resource (or instance) addresses of one type, `from` no longer declared. */
function movedBlocks(raw: unknown, resources: ReadonlyMap<string, ResourceConfig>, diags: Diagnostic[]): MoveConfig[] {
  const out: MoveConfig[] = [];
  for (const [i, block] of blockList(raw).entries()) {
    const [from, to] = [addressText(isObject(block) ? block.from : undefined), addressText(isObject(block) ? block.to : undefined)];
    const [src, dst] = [parseInstanceAddress(from), parseInstanceAddress(to)];
    if (!src || !dst || src.resource.startsWith('data.') || dst.resource.startsWith('data.')) {
      diags.push(error('Invalid moved block', `moved block ${i + 1} needs from and to, each the address of a managed resource or instance (got ${JSON.stringify(from)} and ${JSON.stringify(to)}).`));
      continue;
    }
    if (splitResourceAddress(src.resource).type !== splitResourceAddress(dst.resource).type) {
      diags.push(error('Resource type mismatch', `moved block ${i + 1}: ${from} is a ${splitResourceAddress(src.resource).type}; it cannot move to ${to}, a ${splitResourceAddress(dst.resource).type}.`));
      continue;
    }
    if (src.key === undefined && resources.has(src.resource)) {
      diags.push(error('Moved object still exists', `moved block ${i + 1} moves ${from} to ${to}, but ${from} is still declared: remove it, or drop the moved block.`, { address: src.resource }));
      continue;
    }
    out.push({ from, to });
  }
  return out;
}

function lifecycle(address: string, raw: unknown, diags: Diagnostic[]): Lifecycle {
  const fail = (path: string[], detail: string) =>
    diags.push(error('Invalid lifecycle', detail, { address, attributePath: ['lifecycle', ...path] }));
  if (raw !== undefined && raw !== null && !isObject(raw)) fail([], `lifecycle of ${address} must be an object, not ${describe(raw)}.`);
  const l = isObject(raw) ? raw : {};
  for (const flag of ['prevent_destroy', 'create_before_destroy']) {
    if (l[flag] !== undefined && typeof l[flag] !== 'boolean') fail([flag], `${flag} must be true or false, not ${describe(l[flag])}.`);
  }
  const strings = (name: string, v: unknown, all: boolean): string[] => {
    if (v === undefined || v === null || (all && v === 'all')) return [];
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.map(addressText);
    fail([name], `${name} must be a list of ${all ? 'attribute names or "all"' : 'resource addresses'}, not ${describe(v)}.`);
    return [];
  };
  return {
    preventDestroy: l.prevent_destroy === true,
    createBeforeDestroy: l.create_before_destroy === true,
    ignoreChanges: l.ignore_changes === 'all' ? 'all' : strings('ignore_changes', l.ignore_changes, true),
    replaceTriggeredBy: strings('replace_triggered_by', l.replace_triggered_by, false),
  };
}
