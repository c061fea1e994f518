// Checks of a configuration document's structure that terraform makes when it reads the files,
// before anything is evaluated: the block kinds it knows, names, the arguments of lifecycle,
// output and variable blocks and their types, depends_on, required_version. Each refusal names
// the block (and the attribute, when it is one) with terraform's summary. The sections are first
// brought to their one-object form (document-sections.ts). What gridform does not support yet
// (modules) is refused by name.
import { error, type Diagnostic } from '../diagnostics';
import type { PathStep } from '../values';
import { ENGINE_TERRAFORM_VERSION } from '../state/state';
import { versionConstraintProblem } from './version-constraints';
import { describe, isObject, type Json } from './json-shape';
import { normalizedSections } from './document-sections';
import { MODULE_VALIDATION_SECTION } from './module-validations';

const TOP_LEVEL = [
  '//',
  'terraform',
  'variable',
  'output',
  'locals',
  'resource',
  'data',
  'module',
  'provider',
  'moved',
  'import',
  'removed',
  'check',
  MODULE_VALIDATION_SECTION,
];
const TERRAFORM_BLOCK = ['//', 'required_version', 'required_providers', 'backend', 'cloud', 'experiments', 'provider_meta'];
const LIFECYCLE = [
  '//',
  'create_before_destroy',
  'prevent_destroy',
  'ignore_changes',
  'replace_triggered_by',
  'precondition',
  'postcondition',
];
const OUTPUT = ['//', 'value', 'description', 'sensitive', 'depends_on', 'precondition', 'ephemeral'];
const VARIABLE = ['//', 'default', 'type', 'description', 'sensitive', 'nullable', 'validation', 'ephemeral'];
/** Variable names terraform keeps for module blocks. */
const RESERVED_VARIABLES = ['source', 'version', 'providers', 'count', 'for_each', 'lifecycle', 'depends_on', 'locals'];

/** terraform's identifiers: a letter or underscore, then letters, digits, underscores and dashes. */
const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_-]*$/u;

export interface CheckedDocument {
  /** the document with every block kind in its one-object form */
  readonly doc: Json;
  readonly diagnostics: Diagnostic[];
}

export function checkDocument(doc: Json, file: string): CheckedDocument {
  const diags: Diagnostic[] = [];
  for (const k of Object.keys(doc).filter((k) => !TOP_LEVEL.includes(k))) {
    diags.push(extraneous(k, TOP_LEVEL, `the top level of ${file}`));
  }
  const out = normalizedSections(doc, file, diags);
  diags.push(...moduleDiagnostics(doc, file));
  diags.push(...terraformBlock(out.terraform, file));
  checkNames(out, diags);
  for (const [type, byName] of Object.entries(isObject(out.resource) ? out.resource : {})) {
    for (const [name, body] of Object.entries(isObject(byName) ? byName : {})) diags.push(...resourceBody(`${type}.${name}`, body));
  }
  for (const [type, byName] of Object.entries(isObject(out.data) ? out.data : {})) {
    for (const [name, body] of Object.entries(isObject(byName) ? byName : {})) diags.push(...resourceBody(`data.${type}.${name}`, body));
  }
  for (const [name, body] of Object.entries(isObject(out.output) ? out.output : {})) diags.push(...outputBlock(name, body));
  for (const [name, body] of Object.entries(isObject(out.variable) ? out.variable : {})) diags.push(...variableBlock(name, body));
  return { doc: out, diagnostics: diags };
}

/** Where a diagnostic is: a block's address, and the attribute in it. */
type At = { address?: string; attributePath?: PathStep[] };

function extraneous(key: string, allowed: readonly string[], where: string, at: At = {}): Diagnostic {
  const suggestion = closest(
    key,
    allowed.filter((a) => a !== '//'),
  );
  const detail = `No argument or block type is named "${key}" in ${where}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`;
  return error('Extraneous JSON object property', detail, at);
}

function checkNames(doc: Json, diags: Diagnostic[]): void {
  const invalid = (what: string, name: string, address?: string) => {
    const detail =
      `${JSON.stringify(name)} is not a valid ${what}: ` +
      'a name must start with a letter or underscore and may contain only letters, digits, underscores, and dashes.';
    diags.push(error(`Invalid ${what}`, detail, address ? { address } : {}));
  };
  for (const [kind, label] of [
    ['resource', 'resource'],
    ['data', 'data resource'],
  ] as const) {
    for (const [type, byName] of Object.entries(isObject(doc[kind]) ? doc[kind] : {})) {
      if (!IDENTIFIER.test(type)) invalid(kind === 'data' ? 'data source type name' : 'resource type name', type);
      for (const name of Object.keys(isObject(byName) ? byName : {}))
        if (!IDENTIFIER.test(name)) invalid(`${label} name`, name, `${type}.${name}`);
    }
  }
  for (const name of Object.keys(isObject(doc.variable) ? doc.variable : {})) {
    if (!IDENTIFIER.test(name)) invalid('variable name', name);
    else if (RESERVED_VARIABLES.includes(name)) {
      diags.push(
        error('Invalid variable name', `The variable name "${name}" is reserved due to its special meaning inside module blocks.`),
      );
    }
  }
  for (const name of Object.keys(isObject(doc.output) ? doc.output : {})) if (!IDENTIFIER.test(name)) invalid('output name', name);
  for (const name of Object.keys(isObject(doc.locals) ? doc.locals : {}))
    if (name !== '//' && !IDENTIFIER.test(name)) invalid('local value name', name);
  for (const name of Object.keys(isObject(doc.check) ? doc.check : {})) if (!IDENTIFIER.test(name)) invalid('check block name', name);
}

/** The terraform block: the arguments it takes, and required_version against the version gridform speaks. */
function terraformBlock(raw: unknown, file: string): Diagnostic[] {
  if (!isObject(raw)) return [];
  const out = Object.keys(raw)
    .filter((k) => !TERRAFORM_BLOCK.includes(k))
    .map((k) => extraneous(k, TERRAFORM_BLOCK, `the terraform block of ${file}`));
  if (raw.cloud !== undefined) {
    const detail =
      `The terraform block of ${file} has a cloud block: gridform does not connect to HCP Terraform. ` + 'Use the local or pg backend.';
    out.push(error('HCP Terraform is not supported', detail));
  }
  const required = raw.required_version;
  if (required === undefined) return out;
  if (typeof required !== 'string' && typeof required !== 'number') {
    out.push(
      error(
        'Invalid version constraint',
        `required_version in ${file} must be a string such as ">= 1.5" (got ${JSON.stringify(required)}).`,
      ),
    );
    return out;
  }
  const problem = versionConstraintProblem(String(required), ENGINE_TERRAFORM_VERSION);
  if (problem === 'invalid') {
    out.push(
      error(
        'Invalid version constraint',
        `required_version ${JSON.stringify(String(required))} in ${file} is not a version constraint such as ">= 1.5, < 2.0".`,
      ),
    );
  } else if (problem === 'unmet') {
    const detail =
      `This configuration does not support Terraform version ${ENGINE_TERRAFORM_VERSION}, the version gridform speaks ` +
      `(required_version ${JSON.stringify(
        String(required),
      )} in ${file}). Change the constraint, or use another tool for this configuration.`;
    out.push(error('Unsupported Terraform Core version', detail));
  }
  return out;
}

/** A bool as terraform takes it: true, false, or their strings. */
function isBool(v: unknown): boolean {
  return typeof v === 'boolean' || v === 'true' || v === 'false';
}

/** `what` (an attribute of a block) is `v`, not true or false. */
function notBool(what: string, v: unknown, at: At): Diagnostic {
  return error('Unsuitable value type', `${what} must be true or false, not ${describe(v)} (a bool is required).`, at);
}

/** The meta-arguments of a resource or data block that terraform checks before evaluating anything. */
function resourceBody(address: string, body: unknown): Diagnostic[] {
  if (!isObject(body)) return [];
  const out: Diagnostic[] = [];
  const at = (...attributePath: PathStep[]): At => ({ address, attributePath });
  if (body.lifecycle !== undefined) {
    // null, as in terraform, is no lifecycle block
    const blocks = (Array.isArray(body.lifecycle) ? body.lifecycle : [body.lifecycle]).filter((l) => l !== null);
    for (const l of blocks) {
      if (!isObject(l)) {
        const got = Array.isArray(body.lifecycle) ? `a list holding ${describe(l)}` : describe(l);
        const detail = `lifecycle of ${address} must be an object (a lifecycle block), or a list of them, not ${got}.`;
        out.push(error('Incorrect JSON value type', detail, at('lifecycle')));
        continue;
      }
      for (const k of Object.keys(l).filter((k) => !LIFECYCLE.includes(k)))
        out.push(extraneous(k, LIFECYCLE, `the lifecycle of ${address}`, at('lifecycle', k)));
      for (const k of ['create_before_destroy', 'prevent_destroy']) {
        if (l[k] !== undefined && !isBool(l[k])) out.push(notBool(`lifecycle.${k} of ${address}`, l[k], at('lifecycle', k)));
      }
      if (l.ignore_changes !== undefined && l.ignore_changes !== 'all') {
        const what = `lifecycle.ignore_changes of ${address}`;
        out.push(...staticList(l.ignore_changes, what, 'attribute names or "all"', at('lifecycle', 'ignore_changes')));
      }
      if (l.replace_triggered_by !== undefined) {
        const what = `lifecycle.replace_triggered_by of ${address}`;
        out.push(...staticList(l.replace_triggered_by, what, 'resource addresses', at('lifecycle', 'replace_triggered_by')));
        for (const t of Array.isArray(l.replace_triggered_by) ? l.replace_triggered_by : []) {
          const ref = typeof t === 'string' ? t.replace(/^\$\{(.*)\}$/s, '$1') : '';
          if (/^(var|local|each|count|path|terraform|self|module)\./.test(ref)) {
            const detail =
              `lifecycle.replace_triggered_by of ${address} refers to ${ref}: ` +
              'only resources (and their attributes) can trigger a replacement.';
            out.push(error('Invalid reference in replace_triggered_by expression', detail, at('lifecycle', 'replace_triggered_by')));
          }
        }
      }
    }
  }
  if (body.depends_on !== undefined) out.push(...dependsOn(body.depends_on, address, at('depends_on')));
  return out;
}

/** A list of static references written as strings (`of` says which): terraform refuses anything else. */
function staticList(v: unknown, what: string, of: string, at: At): Diagnostic[] {
  if (!Array.isArray(v)) {
    const detail = `${what} must be a list of ${of}, not ${describe(v)}: a static list expression is required.`;
    return [error('Invalid expression', detail, at)];
  }
  return v
    .filter((x) => typeof x !== 'string')
    .map((x) =>
      error(
        'Invalid expression',
        `${what} must be a list of ${of}, but holds ${describe(x)}: ` +
          'a single static variable reference is required: only attribute access and indexing with constant keys.',
        at,
      ),
    );
}

/** depends_on: a list of references to whole objects (resources, data sources; variables and locals are allowed and add nothing). */
function dependsOn(v: unknown, owner: string, at: At): Diagnostic[] {
  const listed = staticList(v, `depends_on of ${owner}`, 'resource addresses such as ["grid_network.net"]', at);
  if (listed.length) return listed;
  const out: Diagnostic[] = [];
  for (const raw of v as string[]) {
    // a JSON string in depends_on is read as a static reference: "${...}" is a template, refused as terraform does
    const ref = raw.trim();
    const parts = ref.replace(/\[[^\]]*\]$/, '').split('.');
    const isData = parts[0] === 'data';
    const steps = isData ? parts.length - 1 : parts.length;
    if (!/^[\p{L}_][\p{L}\p{N}_.\-[\]"*]*$/u.test(ref)) {
      const detail = `depends_on of ${owner} has ${JSON.stringify(raw)}: a single static variable reference is required.`;
      out.push(error('Invalid expression', detail, at));
    } else if (!['var', 'local', 'module', 'each', 'count', 'path', 'terraform', 'self'].includes(parts[0]) && steps > 2) {
      const detail =
        `depends_on of ${owner} has ${ref}: ` +
        'references in depends_on must be to a whole object (resource, etc), not to an attribute of an object.';
      out.push(error('Invalid depends_on reference', detail, at));
    }
  }
  return out;
}

function outputBlock(name: string, body: unknown): Diagnostic[] {
  const address = `output.${name}`;
  if (!isObject(body)) {
    return [
      error('Incorrect JSON value type', `output ${name} is not an object (a block with a value), but ${describe(body)}.`, { address }),
    ];
  }
  const out = Object.keys(body)
    .filter((k) => !OUTPUT.includes(k))
    .map((k) => extraneous(k, OUTPUT, `output "${name}"`, { address }));
  if (!('value' in body)) {
    const detail =
      `output ${name} has no value: the argument "value" is required, but no definition was found ` +
      "(in CDKTF: TerraformOutput's value).";
    out.push(error('Missing required argument', detail, { address }));
  }
  if (body.sensitive !== undefined && !isBool(body.sensitive))
    out.push(notBool(`output ${name}: sensitive`, body.sensitive, { address, attributePath: ['sensitive'] }));
  if (body.description !== undefined && (typeof body.description === 'object' || body.description === null)) {
    const detail = `output ${name}: description must be a string, not ${describe(body.description)}.`;
    out.push(error('Unsuitable value type', detail, { address, attributePath: ['description'] }));
  }
  if (body.depends_on !== undefined)
    out.push(...dependsOn(body.depends_on, `output "${name}"`, { address, attributePath: ['depends_on'] }));
  return out;
}

function variableBlock(name: string, body: unknown): Diagnostic[] {
  const address = `var.${name}`;
  if (body === null || body === undefined) return [];
  if (!isObject(body)) {
    const detail = `variable ${name} is not an object (with type, default, description ...), but ${describe(body)}.`;
    return [error('Incorrect JSON value type', detail, { address })];
  }
  const out = Object.keys(body)
    .filter((k) => !VARIABLE.includes(k))
    .map((k) => extraneous(k, VARIABLE, `variable "${name}"`, { address }));
  for (const k of ['sensitive', 'nullable', 'ephemeral']) {
    if (body[k] !== undefined && !isBool(body[k])) out.push(notBool(`variable ${name}: ${k}`, body[k], { address, attributePath: [k] }));
  }
  return out;
}

/** `module` blocks: refused until modules are supported end to end, each named with its source. */
export function moduleDiagnostics(doc: Json, file: string): Diagnostic[] {
  if (doc.module === undefined) return [];
  const blocks = Array.isArray(doc.module) ? doc.module : [doc.module];
  const named = blocks.flatMap((b) => (isObject(b) ? Object.entries(b) : []));
  if (!named.length) {
    return [error('Modules are not supported yet', `${file} has a module section, and gridform does not read modules yet.`)];
  }
  return named.map(([name, body]) => {
    const first = Array.isArray(body) ? body[0] : body;
    const source = isObject(first) && typeof first.source === 'string' ? ` (source ${JSON.stringify(first.source)})` : '';
    const detail =
      `module "${name}"${source} in ${file} would not be planned: gridform does not read modules yet. ` +
      'Declare its resources in this stack instead (in CDKTF: constructs rather than a TerraformHclModule), or remove the module.';
    return error('Modules are not supported yet', detail, { address: `module.${name}` });
  });
}

/** The known name nearest to `name` (at most two edits away), for "Did you mean ...?". */
function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = editDistance(name.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row.push(Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = row;
  }
  return previous[b.length];
}
