// Reads cdk.tf.json (as `cdktf synth` writes it) into a Config, with diagnostics naming the
// resource and attribute for anything malformed or not supported.
import { error, type Diagnostic } from '../diagnostics';
import { BUILTIN_SOURCE, normalizeSource } from './source';
import type { BackendConfig, ConditionConfig, Config, Lifecycle, OutputConfig, ProviderConfig, ResourceConfig } from './types';
import type { VariableConfig } from './types';
import { checkBlocks, conditionBlocks } from './conditions';
import { addressText, importBlocks, movedBlocks, removedBlocks } from './refactoring';
import { MAX_DOCUMENT_DEPTH, tooDeep } from './nesting';
import { checkDocument } from './document-checks';

const META = new Set(['//', 'depends_on', 'lifecycle', 'provider', 'count', 'for_each', 'connection', 'provisioner']);

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function loadConfig(raw: unknown, file = 'cdk.tf.json'): { config?: Config; diagnostics: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  if (!isObject(raw)) return { diagnostics: [error(`${file} is not a JSON object`, 'Run cdktf synth again to regenerate it.')] };
  const deep = tooDeep(raw);
  if (deep) return { diagnostics: [error(`${file} is nested too deeply`, `${deep} is nested more than ${MAX_DOCUMENT_DEPTH} levels deep.`)] };
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
        } else if (providerKey.includes('.') && !providers.has(providerKey)) {
          diags.push(aliasNotDeclared(address, providerKey));
        }
        const body: Json = {};
        for (const [k, v] of Object.entries(raw)) if (!META.has(k)) body[k] = v;
        // variables and locals in depends_on are allowed, and order nothing
        const dependsOn = (Array.isArray(raw.depends_on) ? raw.depends_on : [])
          .filter((d): d is string => typeof d === 'string').map(addressText)
          .filter((d) => !/^(var|local|path|terraform)\./.test(d));
        resources.set(address, {
          address, mode, type, name, provider: providerKey, body, dependsOn, lifecycle: lifecycle(raw.lifecycle, address, diags),
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
    preconditions: outputConditions(name, o, diags),
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
  const checks = checkBlocks(doc.check, diags);
  const variableValidations = validationBlocks(doc.variable, diags);
  const config: Config = {
    resources, providers, outputs, variables, locals, backend, moves, imports, removed, checks, variableValidations,
  };
  return { config, diagnostics: diags };
}

function outputConditions(name: string, o: unknown, diags: Diagnostic[]): ConditionConfig[] {
  const ctx = { owner: `output "${name}"`, address: `output.${name}` };
  return conditionBlocks(isObject(o) ? o.precondition : undefined, 'precondition', ctx, diags);
}

/** A resource's provider names an alias no provider block declares. */
function aliasNotDeclared(address: string, providerKey: string): Diagnostic {
  const [name, alias] = providerKey.split('.');
  const detail =
    `${address} uses the provider configuration ${providerKey}, which no provider block declares: add a provider "${name}" block ` +
    `with alias = "${alias}" (in CDKTF: a provider construct with alias: "${alias}").`;
  return error('Provider configuration not present', detail, { address, attributePath: ['provider'] });
}

/** The validation blocks of the variables that have some. */
function validationBlocks(section: unknown, diags: Diagnostic[]): Map<string, ConditionConfig[]> {
  const out = new Map<string, ConditionConfig[]>();
  for (const [name, v] of Object.entries(isObject(section) ? section : {})) {
    if (!isObject(v) || v.validation === undefined) continue;
    out.set(name, conditionBlocks(v.validation, 'validation', { owner: `variable "${name}"`, variable: name }, diags));
  }
  return out;
}

/** A resource's lifecycle block (JSON may write it as one object or a list of them). */
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
