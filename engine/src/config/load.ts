// Reads cdk.tf.json (as `cdktf synth` writes it) into a Config, with diagnostics naming the
// resource and attribute for anything malformed or not supported.
import { error, type Diagnostic } from '../diagnostics';
import { formatPath, setKey } from '../values';
import { BUILTIN_SOURCE, normalizeSource } from './source';
import type { BackendConfig, Config, Lifecycle, ProviderConfig, ResourceConfig } from './types';
import { documentProblem, MAX_DOCUMENT_DEPTH } from './nesting';
import { MAX_STRING_LENGTH } from '../expr/limits';
import { readOutputs, readVariables } from './declarations';
import { checkBlocks, conditionBlocks } from './conditions';
import { MODULE_VALIDATION_SECTION, moduleValidations } from './module-validations';
import { importBlocks, movedBlocks, removedBlocks } from './refactoring';
import { checkDocument } from './document-checks';
import { addressText, describe, isObject, type Json } from './json-shape';
import { declaredAddress, declaredDependency, unmangleResourceName } from '../addresses/module-names';

const META = new Set(['//', 'depends_on', 'lifecycle', 'provider', 'count', 'for_each', 'connection', 'provisioner']);

export function loadConfig(raw: unknown, file = 'cdk.tf.json'): { config?: Config; diagnostics: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  if (!isObject(raw)) return { diagnostics: [error(`${file} is not a JSON object`, 'Run cdktf synth again to regenerate it.')] };
  const problem = documentProblem(raw);
  if (problem?.kind === 'deep') {
    const detail = `${formatPath(problem.path)} ... is nested more than ${MAX_DOCUMENT_DEPTH} levels deep.`;
    return { diagnostics: [error(`${file} is nested too deeply`, detail)] };
  }
  if (problem?.kind === 'long') return { diagnostics: [tooLong(file, problem.path, problem.length)] };
  // every section in its object form: what is not an object has been refused, and reads as empty
  const checked = checkDocument(raw, file);
  diags.push(...checked.diagnostics);
  const doc = checked.doc;
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
  const read = (mode: 'managed' | 'data', section: unknown) => {
    for (const [type, byName] of Object.entries(isObject(section) ? section : {})) {
      for (const [name, raw] of Object.entries(isObject(byName) ? byName : {})) {
        // a module's resource is declared under a mangled name (config/hcl/flatten.ts); its address says its module
        const address = declaredAddress(mode, type, name);
        const declared = unmangleResourceName(name);
        if (!isObject(raw)) {
          diags.push(error(`${address} is not an object`, undefined, { address }));
          continue;
        }
        if (raw.count !== undefined && raw.for_each !== undefined) {
          const detail = `${address} sets both; use one of them.`;
          diags.push(error('Invalid combination of "count" and "for_each"', detail, { address, attributePath: ['count'] }));
        }
        for (const meta of ['provisioner', 'connection']) {
          if (raw[meta] === undefined) continue;
          const detail = `Remove ${meta} from ${address}, or declare the instances one by one.`;
          diags.push(error(`${meta} is not supported yet`, detail, { address, attributePath: [meta] }));
        }
        if (raw.provider !== undefined && typeof raw.provider !== 'string') {
          const detail = `provider of ${address} must be a provider name such as "grid" or "grid.eu", not ${describe(raw.provider)}.`;
          diags.push(error('Invalid provider reference', detail, { address, attributePath: ['provider'] }));
        }
        const providerKey = typeof raw.provider === 'string' ? raw.provider.replace(/^provider\./, '') : type.split('_')[0];
        const localName = providerKey.split('.')[0];
        if (!sources.has(localName) && !providers.has(providerKey)) {
          const detail = 'Add it to terraform.required_providers (in CDKTF: instantiate its provider construct).';
          diags.push(error(`provider ${localName} of ${address} is not declared`, detail, { address }));
        } else if (providerKey.includes('.') && !providers.has(providerKey)) {
          diags.push(aliasNotDeclared(address, providerKey));
        }
        const body: Json = {};
        for (const [k, v] of Object.entries(raw)) if (!META.has(k)) setKey(body, k, v);
        resources.set(address, {
          address,
          mode,
          type,
          name: declared.name,
          ...(declared.module ? { module: declared.module } : {}),
          provider: providerKey,
          body,
          dependsOn: dependsOn(raw.depends_on),
          lifecycle: lifecycle(raw.lifecycle, address, diags),
          ...(raw.count !== undefined ? { count: raw.count } : {}),
          ...(raw.for_each !== undefined ? { forEach: raw.for_each } : {}),
        });
      }
    }
  };
  read('managed', doc.resource);
  read('data', doc.data);

  const outputs = readOutputs(isObject(doc.output) ? doc.output : {}, diags);
  const variables = readVariables(isObject(doc.variable) ? doc.variable : {}, diags);
  const locals = new Map<string, unknown>(Object.entries(isObject(doc.locals) ? doc.locals : {}));
  let backend: BackendConfig | undefined;
  if (isObject(terraform.backend)) {
    const [type, cfg] = Object.entries(terraform.backend)[0] ?? [];
    if (type) backend = { type, config: isObject(cfg) ? cfg : {} };
  }
  const moves = movedBlocks(doc.moved, resources, diags);
  const imports = importBlocks(doc.import, resources, diags);
  const removed = removedBlocks(doc.removed, resources, diags);
  const checks = checkBlocks(doc.check, diags);
  const moduleValidationRules = moduleValidations(doc[MODULE_VALIDATION_SECTION]);
  const config: Config = { resources, providers, outputs, variables, locals, backend, moves, imports, removed, checks };
  if (moduleValidationRules.length) return { config: { ...config, moduleValidations: moduleValidationRules }, diagnostics: diags };
  return { config, diagnostics: diags };
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

/** The addresses depends_on orders after (checkDocument has refused it written otherwise than as a list of them). */
function dependsOn(raw: unknown): string[] {
  // variables and locals in depends_on are allowed, and order nothing
  return (Array.isArray(raw) ? raw : [])
    .filter((d): d is string => typeof d === 'string')
    .map(addressText)
    .filter((d) => !/^(var|local|path|terraform)\./.test(d))
    .map(declaredDependency);
}

/** A resource's provider names an alias no provider block declares. */
function aliasNotDeclared(address: string, providerKey: string): Diagnostic {
  const [name, alias] = providerKey.split('.');
  const detail =
    `${address} uses the provider configuration ${providerKey}, which no provider block declares: add a provider "${name}" block ` +
    `with alias = "${alias}" (in CDKTF: a provider construct with alias: "${alias}").`;
  return error('Provider configuration not present', detail, { address, attributePath: ['provider'] });
}

/**
 * A resource's lifecycle block (JSON may write it as one object or a list of them). Its types
 * have been checked by checkDocument; what it refused reads as not set.
 */
function lifecycle(raw: unknown, address: string, diags: Diagnostic[]): Lifecycle {
  const blocks = Array.isArray(raw) ? raw.filter(isObject) : isObject(raw) ? [raw] : [];
  const l: Json = Object.assign({}, ...blocks);
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map(addressText) : []);
  const bool = (v: unknown) => v === true || v === 'true';
  const conditions = (kind: 'precondition' | 'postcondition') =>
    blocks.flatMap((b) => conditionBlocks(b[kind], kind, { owner: address, address }, diags));
  return {
    preventDestroy: bool(l.prevent_destroy),
    createBeforeDestroy: bool(l.create_before_destroy),
    ignoreChanges: l.ignore_changes === 'all' ? 'all' : strings(l.ignore_changes),
    replaceTriggeredBy: strings(l.replace_triggered_by),
    preconditions: conditions('precondition'),
    postconditions: conditions('postcondition'),
  };
}
