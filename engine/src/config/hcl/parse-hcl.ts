// HCL native syntax into terraform's JSON syntax through @cdktf/hcl2json (HashiCorp's own HCL
// parser, compiled to WebAssembly): expressions come back as `${...}` strings, blocks as lists.
// Each call costs several milliseconds whatever its size, so the files of a folder are parsed as
// one text and the parser's positions mapped back to file and line. The parser is loaded only when
// a text is not in the cache (parse-cache.ts): loading it starts compiling its WebAssembly at once.
import { ParseCache } from './parse-cache';

export interface HclFile {
  /** the name shown in diagnostics (relative to the root folder) */
  readonly name: string;
  readonly text: string;
}

export interface HclSyntaxError {
  readonly file: string;
  readonly line: number;
  readonly summary: string;
  readonly detail: string;
}

type Parsed = { doc?: Record<string, unknown>; errors: HclSyntaxError[] };

/** A cache of parse results in `dir` (see parse-cache.ts), for the parser installed here. */
export function hclParseCache(dir: string): ParseCache {
  const { version } = require('@cdktf/hcl2json/package.json') as { version: string };
  return new ParseCache(dir, version);
}

/**
 * The JSON document of several .tf files together (blocks of every file merged), or the syntax errors found;
 * the document from `cache` when these files were parsed before.
 */
export async function parseHclFiles(files: readonly HclFile[], cache?: ParseCache): Promise<Parsed> {
  if (!files.length) return { doc: {}, errors: [] };
  const cached = cache?.get<Parsed>(files);
  if (cached) return cached;
  const parsed = await parseWithHcl2json(files);
  // only documents are kept: a failure is parsed again, so its message is always the parser's own
  if (parsed.doc) cache?.set(files, parsed);
  return parsed;
}

async function parseWithHcl2json(files: readonly HclFile[]): Promise<Parsed> {
  const starts: { file: string; line: number }[] = [];
  let text = '';
  let line = 1;
  for (const f of files) {
    starts.push({ file: f.name, line });
    const body = f.text.endsWith('\n') ? f.text : `${f.text}\n`;
    text += body;
    line += body.split('\n').length - 1;
  }
  // loaded here, not at the top: the WebAssembly parser is slow to load and only a cache miss needs it
  const { parse } = require('@cdktf/hcl2json') as typeof import('@cdktf/hcl2json');
  try {
    return { doc: (await parse('folder.tf', text)) as Record<string, unknown>, errors: [] };
  } catch (err) {
    return { errors: syntaxErrors((err as Error).message, starts) };
  }
}

/** hcl2json's message, `parse config: [folder.tf:2,7-3,1: Summary; Detail], ...`, as errors in the files they are in. */
function syntaxErrors(message: string, starts: readonly { file: string; line: number }[]): HclSyntaxError[] {
  const out: HclSyntaxError[] = [];
  for (const m of message.matchAll(/folder\.tf:(\d+),\d+(?:-[\d,]+)?: ([^;\]]+);?([^\]]*)/g)) {
    const line = Number(m[1]);
    const start = [...starts].reverse().find((s) => s.line <= line) ?? starts[0];
    out.push({ file: start.file, line: line - start.line + 1, summary: m[2].trim(), detail: m[3].trim() });
  }
  if (!out.length) out.push({ file: starts[0].file, line: 1, summary: 'Invalid HCL', detail: message });
  return out;
}
