// The dependency rules of DESIGN.md, checked on the sources: which top-level folder may import
// which, and that cdktf stays inside provider/ and examples/. Reads files as text; imports nothing.
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const FOLDERS = ['proto', 'chain-sim', 'zos-sim', 'engine', 'provider', 'examples'] as const;
type Folder = (typeof FOLDERS)[number];

const MAY_IMPORT: Record<Folder, readonly Folder[]> = {
  proto: [],
  'chain-sim': ['proto'],
  'zos-sim': ['proto'],
  engine: [],
  provider: ['proto', 'engine'],
  examples: ['provider'],
};
const CDKTF_PACKAGES = ['cdktf', 'constructs', 'cdktf-cli'];
const MAY_USE_CDKTF: readonly Folder[] = ['provider', 'examples'];

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;

export function importsOf(source: string): string[] {
  return [...source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '').matchAll(SPECIFIER)].map((m) => m[1]);
}

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (['node_modules', 'cdktf.out', 'generated', 'dist', '.gen'].includes(e.name)) return [];
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|js|mjs|cjs)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The rule broken by `specifier` imported from `file` in `folder`, or undefined. */
export function violation(folder: Folder, file: string, specifier: string): string | undefined {
  const pkg = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
  if (CDKTF_PACKAGES.includes(pkg) && !MAY_USE_CDKTF.includes(folder))
    return `${folder}/ may not use ${pkg} (cdktf stays inside provider/ and examples/)`;
  let target: string | undefined;
  if (specifier.startsWith('.')) {
    const rel = path.relative(ROOT, path.resolve(path.dirname(file), specifier));
    target = rel.split(path.sep)[0];
  } else if (pkg === 'gridform') {
    target = 'provider';
  }
  if (!target || target === folder || !(FOLDERS as readonly string[]).includes(target)) return undefined;
  return MAY_IMPORT[folder].includes(target as Folder) ? undefined : `${folder}/ may not import ${target}/`;
}

describe('dependency rules (DESIGN.md)', () => {
  it('catches a forbidden import in a sample, so the rules below cannot pass vacuously', () => {
    const file = path.join(ROOT, 'engine', 'src', 'plan.ts');
    // built by concatenation so that this file's own text holds no forbidden import
    const found = importsOf("import { GridProvider } from '../../" + "provider';\nconst x = require('cd" + "ktf');");
    expect(found).toEqual(['../../provider', 'cdktf']);
    expect(violation('engine', file, found[0])).toBe('engine/ may not import provider/');
    expect(violation('engine', file, found[1])).toMatch(/may not use cdktf/);
    expect(violation('engine', file, './values')).toBeUndefined();
  });

  it.each(FOLDERS.map((f) => [f]))('%s/ imports only what it may', (folder) => {
    const broken: string[] = [];
    for (const file of sourceFiles(path.join(ROOT, folder))) {
      for (const spec of importsOf(fs.readFileSync(file, 'utf8'))) {
        const v = violation(folder as Folder, file, spec);
        if (v) broken.push(`${path.relative(ROOT, file)}: '${spec}' (${v})`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('engine/ imports nothing from provider/, chain-sim/ or zos-sim/', () => {
    const files = sourceFiles(path.join(ROOT, 'engine'));
    expect(files.length).toBeGreaterThan(0);
    const offending = files.filter((f) =>
      importsOf(fs.readFileSync(f, 'utf8')).some((s) =>
        ['provider', 'chain-sim', 'zos-sim'].includes(violation('engine', f, s)?.match(/import (\S+)\/$/)?.[1] ?? ''),
      ),
    );
    expect(offending).toEqual([]);
  });
});
