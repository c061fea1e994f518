// A plain Terraform folder (.tf and .tf.json files, modules with local sources, auto-loaded
// .tfvars) read into the document model the engine evaluates: read and parsed once (async, the
// parser is WebAssembly), then flattened for the variable values of each run.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { error, hasErrors, type Diagnostic } from '../../diagnostics';
import { parseJson } from '../../json-syntax';
import { isObject } from '../json-shape';
import { loadConfig } from '../load';
import { resolveVariables, type VariableInputs } from '../variables';
import { Unknown, type Value } from '../../values';
import { readableNames, unmangleResourceName } from '../../addresses/module-names';
import { splitResourceAddress } from '../../addresses/address';
import { findBlock, where } from './block-lines';
import { flattenModules } from './flatten';
import { loadModuleTree, type ModuleNode } from './module-tree';
import { hclParseCache, parseHclFiles } from './parse-hcl';
import { parseCacheDir, type ParseCache } from './parse-cache';

export { hasTerraformFiles } from './read-folder';
export type { ModuleNode } from './module-tree';

export interface HclStack {
  readonly root: ModuleNode;
  /** terraform.tfvars, terraform.tfvars.json and *.auto.tfvars(.json), read, in terraform's order */
  readonly autoFiles: readonly { readonly file: string; readonly values: readonly [string, unknown][] }[];
}

export async function readHclStack(dir: string): Promise<{ hcl?: HclStack; diagnostics: Diagnostic[] }> {
  const parsed = hclParseCache(parseCacheDir(dir));
  const tree = await loadModuleTree(dir, parsed);
  if (!tree.root) return { diagnostics: tree.diagnostics };
  const auto = await autoVariableFiles(dir, parsed);
  if (hasErrors(auto.diagnostics)) return { diagnostics: auto.diagnostics };
  return { hcl: { root: tree.root, autoFiles: auto.files }, diagnostics: auto.diagnostics };
}

/**
 * The one document of the folder and its modules for these variable values. Without inputs (commands that only
 * need the backend or the shape), a variable without a value is unknown and a module whose instances depend on it has none.
 */
export function hclDocument(hcl: HclStack, inputs?: VariableInputs): { doc?: Record<string, unknown>; diagnostics: Diagnostic[] } {
  const declared = loadConfig({ variable: hcl.root.folder.doc.variable ?? {} }, 'variables');
  if (!declared.config) return { diagnostics: placed(declared.diagnostics, hcl) };
  let values: Map<string, Value>;
  if (inputs) {
    const vars = resolveVariables(declared.config, { ...inputs, autoFiles: hcl.autoFiles });
    if (hasErrors(vars.diagnostics)) return { diagnostics: placed(vars.diagnostics, hcl) };
    values = vars.values;
  } else {
    values = new Map([...declared.config.variables.values()].map((v) => [v.name, (v.default as Value) ?? Unknown]));
  }
  const flat = flattenModules(hcl.root, values);
  const diagnostics = inputs ? flat.diagnostics : [];
  return hasErrors(diagnostics) ? { diagnostics } : { doc: flat.doc, diagnostics };
}

/** Diagnostics of the flattened document as the user wrote it: module names readable, and the file and line of the block. */
export function placed(diags: readonly Diagnostic[], hcl: HclStack): Diagnostic[] {
  return diags.map((d) => {
    const summary = readableNames(d.summary);
    const detail = d.detail === undefined ? undefined : readableNames(d.detail);
    const address = d.address === undefined ? undefined : readableNames(d.address);
    const at = address ? blockOf(address, hcl.root) : configBlock(d.configPath, hcl.root);
    const located = at && !(detail ?? '').includes(at) ? `${at}: ${detail ?? summary}` : detail;
    return { ...d, summary, ...(located !== undefined ? { detail: located } : {}), ...(address !== undefined ? { address } : {}) };
  });
}

/** `on FILE line N` of the block that declares a resource address (module path followed through the calls). */
function blockOf(address: string, root: ModuleNode): string | undefined {
  const a = splitResourceAddress(address.replace(/\[[^\]]*\]$/, ''));
  if (!a.type || !a.name) return undefined;
  let node: ModuleNode | undefined = root;
  for (const m of a.module.matchAll(/module\.([A-Za-z_][\w-]*)/g)) node = node?.calls.get(m[1])?.node;
  if (!node) return undefined;
  const at = findBlock(node.folder.files, a.mode === 'data' ? 'data' : 'resource', [a.type, unmangleResourceName(a.name).name]);
  return at ? where(at) : undefined;
}

function configBlock(configPath: readonly (string | number)[] | undefined, root: ModuleNode): string | undefined {
  const [kind, name] = configPath ?? [];
  if (typeof kind !== 'string') return undefined;
  const at = findBlock(root.folder.files, kind, typeof name === 'string' && kind !== 'locals' ? [name] : []);
  return at ? where(at) : undefined;
}

async function autoVariableFiles(dir: string, cache: ParseCache): Promise<{ files: HclStack['autoFiles']; diagnostics: Diagnostic[] }> {
  const names = fs.readdirSync(dir);
  const auto = names.filter((n) => /\.auto\.tfvars(\.json)?$/.test(n)).sort();
  const ordered = [...['terraform.tfvars', 'terraform.tfvars.json'].filter((n) => names.includes(n)), ...auto];
  const files: { file: string; values: [string, unknown][] }[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const name of ordered) {
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    if (name.endsWith('.json')) {
      const parsed = parseJson(text);
      if ('problem' in parsed || !isObject(parsed.value)) {
        diagnostics.push(error(`Invalid variables file ${name}`, 'It must hold one JSON object of variable names and values.'));
        continue;
      }
      files.push({ file: name, values: Object.entries(parsed.value) });
      continue;
    }
    const parsed = await parseHclFiles([{ name, text }], cache);
    for (const e of parsed.errors) diagnostics.push(error(e.summary, `on ${e.file} line ${e.line}: ${e.detail || e.summary}`));
    if (!parsed.doc) continue;
    files.push({ file: name, values: Object.entries(parsed.doc) });
  }
  return { files, diagnostics };
}
