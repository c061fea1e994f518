// The module tree of an HCL folder: the root folder and, for each `module` block, the folder its
// local source names, read once however often it is called. Registry and git sources are refused
// (gridform installs nothing over the network), as are sources that do not exist and modules that
// call themselves through any chain of calls; each refusal names the module block's file and line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { error, type Diagnostic } from '../../diagnostics';
import { isObject } from '../json-shape';
import { findAttribute, findBlock, where } from './block-lines';
import { readModuleFolder, type ModuleFolder } from './read-folder';
import type { ParseCache } from './parse-cache';

export interface ModuleCall {
  readonly name: string;
  readonly block: Record<string, unknown>;
  readonly node: ModuleNode;
}

export interface ModuleNode {
  readonly folder: ModuleFolder;
  readonly calls: ReadonlyMap<string, ModuleCall>;
}

/** Modules nested deeper than this are refused (terraform has no limit; a real configuration is a few levels deep). */
export const MAX_MODULE_DEPTH = 32;

export async function loadModuleTree(rootDir: string, parsed?: ParseCache): Promise<{ root?: ModuleNode; diagnostics: Diagnostic[] }> {
  const cache = new Map<string, Promise<{ folder?: ModuleFolder; diagnostics: Diagnostic[] }>>();
  const read = (dir: string) => {
    let p = cache.get(dir);
    if (!p) cache.set(dir, (p = readModuleFolder(dir, rootDir, parsed)));
    return p;
  };
  const diags: Diagnostic[] = [];
  const reported = new Set<Diagnostic>();
  const load = async (dir: string, chain: string[]): Promise<ModuleNode | undefined> => {
    const r = await read(dir);
    for (const d of r.diagnostics) {
      if (reported.has(d)) continue;
      reported.add(d);
      diags.push(d);
    }
    if (!r.folder) return undefined;
    const calls = new Map<string, ModuleCall>();
    for (const [name, raw] of moduleEntries(r.folder.doc.module)) {
      const at = findBlock(r.folder.files, 'module', [name]);
      // JSON syntax may write a block as a one-element list; anything else is no module block
      const block = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
      if (!isObject(block)) {
        diags.push(error('Invalid module block', `module "${name}" ${where(at)} must be one object of arguments (source, inputs).`));
        continue;
      }
      const source = checkedSource(name, block.source, dir, r.folder, diags);
      if (!source) continue;
      if (chain.includes(source) || source === dir) {
        const loop = [...chain.slice(chain.indexOf(source)), dir, source].map((d) => path.relative(rootDir, d) || '.');
        const detail = `module "${name}" ${where(at)} calls ${loop[loop.length - 1]}, which calls it back: ${loop.join(' -> ')}.`;
        diags.push(error('Module cycle', `${detail} A module cannot contain itself; break the loop.`));
        continue;
      }
      if (chain.length >= MAX_MODULE_DEPTH) {
        diags.push(
          error('Modules nested too deeply', `module "${name}" ${where(at)} is nested more than ${MAX_MODULE_DEPTH} levels deep.`),
        );
        continue;
      }
      const node = await load(source, [...chain, dir]);
      if (node) calls.set(name, { name, block, node });
    }
    return { folder: r.folder, calls };
  };
  const root = await load(path.resolve(rootDir), []);
  return diags.length ? { diagnostics: diags } : { root, diagnostics: [] };
}

/** The module blocks of a section, in the object form or JSON syntax's list of objects (a name twice is the later one). */
function moduleEntries(section: unknown): [string, unknown][] {
  if (Array.isArray(section)) return section.filter(isObject).flatMap((o) => Object.entries(o));
  return isObject(section) ? Object.entries(section) : [];
}

/** The absolute folder of a module call's local source, or undefined (with the refusal) when it is not one that exists. */
function checkedSource(name: string, source: unknown, dir: string, folder: ModuleFolder, diags: Diagnostic[]): string | undefined {
  const block = findBlock(folder.files, 'module', [name]);
  const at = (block && findAttribute(folder.files, block, 'source')) ?? block;
  if (source === undefined) {
    diags.push(error('Missing required argument', `module "${name}" ${where(block)} has no source: set source = "./modules/NAME".`));
    return undefined;
  }
  if (typeof source !== 'string' || source.includes('${')) {
    diags.push(
      error('Invalid module source', `The source of module "${name}" ${where(at)} must be a literal string such as "./modules/vm".`),
    );
    return undefined;
  }
  if (!source.startsWith('./') && !source.startsWith('../')) {
    const detail =
      `module "${name}" ${where(at)} has source ${JSON.stringify(source)}, a registry, git or remote address. ` +
      'gridform installs modules only from local folders (it downloads nothing); copy the module into the project and use ' +
      'source = "./modules/NAME".';
    diags.push(error('Module source not supported', detail));
    return undefined;
  }
  const full = path.resolve(dir, source);
  if (!fs.existsSync(full) || !fs.statSync(full).isDirectory()) {
    diags.push(
      error('Module not found', `module "${name}" ${where(at)} has source ${JSON.stringify(source)}, and ${full} is not a folder.`),
    );
    return undefined;
  }
  return full;
}
