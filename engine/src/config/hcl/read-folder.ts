// One module folder as terraform reads it: every *.tf and *.tf.json file, merged (a block
// declared twice is refused), then the override files (override.tf, *_override.tf and their .json
// forms) laid over the blocks they name; the result is terraform's JSON syntax, as cdk.tf.json is.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { error, type Diagnostic } from '../../diagnostics';
import { parseJson } from '../../json-syntax';
import { findBlock, where, type SourceLine } from './block-lines';
import { parseHclFiles, type HclFile } from './parse-hcl';
import type { ParseCache } from './parse-cache';
import { toJsonSyntax } from './json-syntax-form';
import { mergeDocuments, overrideDocument } from './merge';

export const TOP_LEVEL_BLOCKS = new Set([
  'terraform',
  'provider',
  'resource',
  'data',
  'module',
  'variable',
  'output',
  'locals',
  'moved',
  'import',
  'removed',
  'check',
]);

export interface ModuleFolder {
  /** absolute path */
  readonly dir: string;
  /** the folder as shown in diagnostics and path.module: relative to the root ('.' for the root) */
  readonly shown: string;
  readonly files: readonly HclFile[];
  readonly doc: Record<string, unknown>;
}

const isOverride = (name: string) => /(^|_)override\.tf(\.json)?$/.test(name);

/** Whether a folder holds configuration files terraform reads. */
export function hasTerraformFiles(dir: string): boolean {
  try {
    return fs.readdirSync(dir).some((n) => n.endsWith('.tf') || n.endsWith('.tf.json'));
  } catch {
    return false;
  }
}

export async function readModuleFolder(
  dir: string,
  rootDir: string,
  cache?: ParseCache,
): Promise<{ folder?: ModuleFolder; diagnostics: Diagnostic[] }> {
  const shown = path.relative(rootDir, dir) || '.';
  let names: string[];
  try {
    names = fs
      .readdirSync(dir)
      .filter((n) => (n.endsWith('.tf') || n.endsWith('.tf.json')) && fs.statSync(path.join(dir, n)).isFile())
      .sort();
  } catch (err) {
    return { diagnostics: [error(`Cannot read the module folder ${shown}`, (err as Error).message)] };
  }
  const files: HclFile[] = names.map((n) => ({
    name: shown === '.' ? n : path.join(shown, n),
    text: fs.readFileSync(path.join(dir, n), 'utf8'),
  }));
  const diags: Diagnostic[] = [];
  const primary = await parseFiles(
    files.filter((f) => !isOverride(path.basename(f.name))),
    diags,
    cache,
  );
  const overrides: { file: HclFile; doc: Record<string, unknown> }[] = [];
  for (const f of files.filter((x) => isOverride(path.basename(x.name)))) {
    const [parsed] = await parseFiles([f], diags, cache);
    if (parsed) overrides.push({ file: f, doc: parsed.doc });
  }
  if (diags.length) return { diagnostics: diags };
  const merged = mergeDocuments(primary, files);
  diags.push(...merged.diagnostics);
  for (const o of overrides) diags.push(...overrideDocument(merged.doc, o.doc, o.file));
  if (diags.length) return { diagnostics: diags };
  return { folder: { dir, shown, files, doc: merged.doc }, diagnostics: [] };
}

/** The .tf files (together) and each .tf.json file, as JSON-syntax documents with the files they come from. */
async function parseFiles(
  files: readonly HclFile[],
  diags: Diagnostic[],
  cache?: ParseCache,
): Promise<{ doc: Record<string, unknown>; files: HclFile[] }[]> {
  const out: { doc: Record<string, unknown>; files: HclFile[] }[] = [];
  const hcl = files.filter((f) => f.name.endsWith('.tf'));
  if (hcl.length) {
    const parsed = await parseHclFiles(hcl, cache);
    for (const e of parsed.errors) diags.push(error(e.summary, `on ${e.file} line ${e.line}: ${e.detail || e.summary}`));
    if (parsed.doc) out.push({ doc: toJsonSyntax(parsed.doc), files: hcl });
  }
  for (const f of files.filter((x) => x.name.endsWith('.tf.json'))) {
    const parsed = parseJson(f.text);
    if ('problem' in parsed) {
      diags.push(error(`Invalid JSON in ${f.name}`, `${parsed.problem}.`));
      continue;
    }
    if (!parsed.value || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
      diags.push(error(`Invalid ${f.name}`, 'A .tf.json file holds one JSON object of blocks.'));
      continue;
    }
    out.push({ doc: parsed.value as Record<string, unknown>, files: [f] });
  }
  for (const { doc, files: from } of out)
    for (const kind of Object.keys(doc)) {
      if (TOP_LEVEL_BLOCKS.has(kind) || kind === '//') continue;
      const at: SourceLine | undefined = findBlock(from, kind);
      const detail = `Blocks of type "${kind}" are not expected here ${where(at)}; terraform reads ${[...TOP_LEVEL_BLOCKS].join(', ')}.`;
      diags.push(error('Unsupported block type', detail));
    }
  return out;
}
