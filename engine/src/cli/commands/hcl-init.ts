// `init` in a plain Terraform folder, offline: the folder and its modules are read and checked
// (required_version included), the local modules recorded in .terraform/modules/modules.json as
// terraform records them (local modules are used where they are, never copied), and the
// providers the configuration requires written to .terraform.lock.hcl with their versions.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hasErrors, type Diagnostic } from '../../diagnostics';
import { hclDocument, type HclStack, type ModuleNode } from '../../config/hcl';
import { normalizeSource } from '../../config/source';
import { isObject } from '../../config/json-shape';
import type { ProviderFactory } from '../../provider/interface';
import { configFromDocument } from '../stack-config';

interface ModuleRecord {
  Key: string;
  Source: string;
  Dir: string;
}

function moduleRecords(node: ModuleNode, key: string, out: ModuleRecord[]): void {
  for (const call of node.calls.values()) {
    const k = key ? `${key}.${call.name}` : call.name;
    out.push({ Key: k, Source: String(call.block.source), Dir: call.node.folder.shown });
    moduleRecords(call.node, k, out);
  }
}

/** Initializes an HCL folder; returns the lines to print, or the diagnostics that stop it. */
export function initHclFolder(
  dir: string,
  hcl: HclStack,
  factories: readonly ProviderFactory[],
): { lines: string[]; diagnostics: Diagnostic[] } {
  const flat = hclDocument(hcl);
  const diagnostics = [...flat.diagnostics];
  if (!flat.doc) return { lines: [], diagnostics };
  const loaded = configFromDocument(flat.doc, path.join(dir, 'main.tf'));
  diagnostics.push(...loaded.diagnostics);
  if (hasErrors(diagnostics)) return { lines: [], diagnostics };
  const records: ModuleRecord[] = [{ Key: '', Source: '', Dir: '.' }];
  moduleRecords(hcl.root, '', records);
  fs.mkdirSync(path.join(dir, '.terraform', 'modules'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.terraform', 'modules', 'modules.json'), JSON.stringify({ Modules: records }));
  const lines = [
    'Initializing modules...',
    ...records.slice(1).map((r) => `- ${r.Key} in ${r.Dir}`),
    '',
    'Initializing provider plugins...',
  ];
  const terraform = isObject(flat.doc.terraform) ? flat.doc.terraform : {};
  const required = isObject(terraform.required_providers) ? terraform.required_providers : {};
  const locked: string[] = [];
  for (const [name, req] of Object.entries(required)) {
    const source = normalizeSource(typeof req === 'string' ? req : isObject(req) && typeof req.source === 'string' ? req.source : name);
    const factory = factories.find((f) => [f.source, ...(f.alsoKnownAs ?? [])].some((s) => normalizeSource(s) === source));
    if (!factory) continue;
    const constraint = isObject(req) && typeof req.version === 'string' ? req.version : undefined;
    lines.push(`- ${source} v${factory.version} (built into gridform)`);
    locked.push(
      `provider "${source}" {\n  version = "${factory.version}"\n${constraint ? `  constraints = ${JSON.stringify(constraint)}\n` : ''}}\n`,
    );
  }
  const header = '# This file is maintained automatically by "gridform init".\n# Manual edits may be lost in future updates.\n';
  fs.writeFileSync(path.join(dir, '.terraform.lock.hcl'), `${header}${locked.map((l) => `\n${l}`).join('')}`);
  lines.push('', 'gridform has been successfully initialized!');
  return { lines, diagnostics };
}
