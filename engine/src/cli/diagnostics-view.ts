// Renders diagnostics as terraform does: "Error: summary", then where ("with ADDRESS," and "on
// FILE line N, in CONTEXT:" with the line of the configuration), then the detail. The place comes
// from the diagnostic's resource address and attribute path (or its configuration path), found in
// the stack's cdk.tf.json the way terraform finds it in a .tf.json file. The same place goes into
// the JSON form of a diagnostic (range and snippet) that -json output prints.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatPath, type AttributePath } from '../values';
import type { Diagnostic } from '../diagnostics';
import { JsonSource, type SourcePos } from '../config/json-source';
import { paint, type Colors } from '../render/color';
import { readableNames } from '../addresses/module-names';

/** The configuration file diagnostics point into: shown as `filename`. */
export interface ConfigSource {
  readonly filename: string;
  readonly json: JsonSource;
}

/** The configuration file of the command that runs, read only when a diagnostic needs it. */
export class ConfigSourceHolder {
  private file?: { full: string; shown: string; text?: string };
  private cached?: ConfigSource | null;

  /** Diagnostics from now on point into `file` (its current text, or `text` when given). */
  use(file: string, cwd: string, text?: string): void {
    const shown = path.relative(cwd, file) || path.basename(file);
    this.file = { full: file, shown: shown.startsWith('..') ? file : shown, ...(text !== undefined ? { text } : {}) };
    this.cached = undefined;
  }

  get(): ConfigSource | undefined {
    if (this.cached === undefined) {
      let json: JsonSource | undefined;
      try {
        json = this.file ? JsonSource.parse(this.file.text ?? fs.readFileSync(this.file.full, 'utf8')) : undefined;
      } catch {
        json = undefined;
      }
      this.cached = json && this.file ? { filename: this.file.shown, json } : null;
    }
    return this.cached ?? undefined;
  }
}

export interface DiagnosticJson {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail: string;
  readonly address?: string;
  readonly range?: { readonly filename: string; readonly start: SourcePos; readonly end: SourcePos };
  readonly snippet?: {
    readonly context: string | null;
    readonly code: string;
    readonly start_line: number;
    readonly highlight_start_offset: number;
    readonly highlight_end_offset: number;
    readonly values: [];
  };
}

/** A diagnostic in terraform's JSON shape (what `-json` prints and the text rendering reads). */
export function diagnosticJson(d: Diagnostic, source: ConfigSource | undefined): DiagnosticJson {
  // names of a flattened module's locals and resources as the user wrote them (config/hcl)
  const base = {
    severity: d.severity,
    summary: readableNames(d.summary),
    detail: readableNames(d.detail ?? ''),
    ...(d.address ? { address: d.address } : {}),
  };
  const where = source && configPathOf(d, source.json);
  if (!source || !where) return base;
  const { json } = source;
  // about a whole resource (no attribute): its block's closing brace, as terraform points there
  const subject = d.address && !d.configPath && !d.attributePath?.length ? json.blockSubject(where) : json.subject(where);
  const { code, firstLine, codeStart } = json.lines(subject.start, subject.end);
  const codeByte = Buffer.byteLength(json.text.slice(0, codeStart));
  const start = json.pos(subject.start);
  const end = json.pos(subject.end);
  // the object holding the subject; a missing argument's subject is that object's own closing brace
  const context = json.contextString(json.text[subject.start] === '}' ? subject.start : subject.start - 1);
  return {
    ...base,
    range: { filename: source.filename, start, end },
    snippet: {
      context: context || null,
      code,
      start_line: firstLine,
      highlight_start_offset: start.byte - codeByte,
      highlight_end_offset: end.byte - codeByte,
      values: [],
    },
  };
}

export function renderDiagnostics(diags: readonly Diagnostic[], colors: Colors, source?: ConfigSource): string {
  const c = paint(colors);
  return diags
    .map((d) => {
      const head = d.severity === 'error' ? c.red(c.bold('Error: ')) : c.yellow(c.bold('Warning: '));
      const j = diagnosticJson(d, source);
      const lines: string[] = [];
      if (j.address) lines.push(`  with ${j.address},`);
      if (j.range && j.snippet) {
        lines.push(`  on ${j.range.filename} line ${j.range.start.line}${j.snippet.context ? `, in ${j.snippet.context}` : ''}:`);
        const hl = j.snippet.highlight_start_offset;
        let offset = 0;
        j.snippet.code.split('\n').forEach((l, i) => {
          lines.push(`${String(j.snippet!.start_line + i).padStart(4)}: ${excerpt(l, hl - offset)}`);
          offset += Buffer.byteLength(l) + 1;
        });
      } else if (d.address && d.attributePath?.length) {
        // no configuration file to point into (a saved plan's copy): name the attribute
        lines.push(`  in ${fallbackContext(d.address, d.attributePath)}:`);
      }
      const where = lines.length ? `${lines.join('\n')}\n\n` : '';
      return `\n${head}${c.bold(j.summary)}\n\n${where}${j.detail ? `${j.detail}\n` : ''}`;
    })
    .join('');
}

/**
 * A line of configuration as shown: whole, unless it is very long (a cdk.tf.json written without
 * line breaks is one line), then the part around `at` (a byte offset into it, when it is there).
 */
function excerpt(line: string, at: number): string {
  const max = 160;
  if (line.length <= max) return line;
  const chars = at >= 0 && at < Buffer.byteLength(line) ? Buffer.from(line).subarray(0, at).toString().length : 0;
  const from = Math.max(0, Math.min(chars - 40, line.length - max));
  return `${from > 0 ? '...' : ''}${line.slice(from, from + max)}${from + max < line.length ? '...' : ''}`;
}

/** The path in the configuration document a diagnostic is about, if it is about one. */
function configPathOf(d: Diagnostic, json: JsonSource): (string | number)[] | undefined {
  if (d.configPath) return [...d.configPath];
  if (!d.address) return undefined;
  const block = blockPath(d.address, json);
  return block && [...block, ...(d.attributePath ?? [])];
}

/** resource.TYPE.NAME, data.TYPE.NAME, or the block of provider.NAME[.ALIAS] in its list. */
function blockPath(address: string, json: JsonSource): (string | number)[] | undefined {
  const provider = /^provider\.([A-Za-z0-9_-]+)(?:\.([A-Za-z0-9_-]+))?$/.exec(address);
  if (provider) {
    const [, name, alias] = provider;
    const list = json.root.kind === 'object' ? json.root.attrs.find((a) => a.key === 'provider')?.value : undefined;
    const blocks = list?.kind === 'object' ? list.attrs.find((a) => a.key === name)?.value : undefined;
    if (blocks?.kind !== 'array') return ['provider', name];
    const index = blocks.items.findIndex((b) => {
      const given = b.kind === 'object' ? b.attrs.find((a) => a.key === 'alias')?.value : undefined;
      return alias === undefined ? !given : !!given && json.text.slice(given.start, given.end) === JSON.stringify(alias);
    });
    return index < 0 ? ['provider', name] : ['provider', name, index];
  }
  const resource = /^(data\.)?([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)(\[.*\])?$/.exec(address);
  return resource ? [resource[1] ? 'data' : 'resource', resource[2], resource[3]] : undefined;
}

function fallbackContext(address: string, attributePath: AttributePath): string {
  const resource = address.replace(/\[.*\]$/, '');
  const kind = resource.startsWith('data.') || resource.startsWith('provider.') ? '' : 'resource.';
  const attr = formatPath(attributePath);
  return `${kind}${resource}${attr.startsWith('[') ? '' : '.'}${attr}`;
}
