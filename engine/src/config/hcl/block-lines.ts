// Where a block is written: the parser gives no positions, so the line of a block header
// (`resource "t" "n" {`, `module "m" {`, `locals {`) is found in the file texts, for diagnostics
// that name file and line as terraform's do.
import type { HclFile } from './parse-hcl';

export interface SourceLine {
  readonly file: string;
  readonly line: number;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The first line of a block `kind "label" ...` (labels may be partial), or of its JSON key in a .tf.json file. */
export function findBlock(files: readonly HclFile[], kind: string, labels: readonly string[] = []): SourceLine | undefined {
  const hcl = new RegExp(`^[ \\t]*${escape(kind)}${labels.map((l) => `[ \\t]+"?${escape(l)}"?`).join('')}[ \\t]*[{"\\s]`, 'm');
  for (const f of files) {
    if (f.name.endsWith('.json')) {
      const last = labels.length ? labels[labels.length - 1] : kind;
      const at = f.text.indexOf(JSON.stringify(last));
      if (at >= 0 && f.text.includes(JSON.stringify(kind))) return { file: f.name, line: lineAt(f.text, at) };
      continue;
    }
    const m = hcl.exec(f.text);
    if (m) return { file: f.name, line: lineAt(f.text, m.index + (m[0].length - m[0].trimStart().length)) };
  }
  return undefined;
}

/** The line of an attribute `name =` inside the block that starts at `from`, when it is written there. */
export function findAttribute(files: readonly HclFile[], from: SourceLine, name: string): SourceLine | undefined {
  const f = files.find((x) => x.name === from.file);
  if (!f) return undefined;
  const lines = f.text.split('\n');
  const re = new RegExp(`^\\s*"?${escape(name)}"?\\s*[=:]`);
  for (let i = from.line - 1; i < lines.length; i++) if (re.test(lines[i])) return { file: f.name, line: i + 1 };
  return undefined;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export function where(at: SourceLine | undefined): string {
  return at ? `on ${at.file} line ${at.line}` : '';
}
