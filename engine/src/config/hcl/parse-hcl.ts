// HCL native syntax into terraform's JSON syntax through @cdktf/hcl2json (HashiCorp's own HCL
// parser, compiled to WebAssembly): expressions come back as `${...}` strings, blocks as lists.
// Each call costs several milliseconds whatever its size, so the files of a folder are parsed as
// one text and the parser's positions mapped back to file and line.
// The parser is loaded on first use: loading it starts its WebAssembly runtime, which costs every
// command about a second on a busy machine, and a cdk.tf.json stack never needs it.
type Hcl2Json = typeof import('@cdktf/hcl2json');
let hcl2json: Hcl2Json | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const parser = (): Hcl2Json => (hcl2json ??= require('@cdktf/hcl2json') as Hcl2Json);

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

/** The JSON document of several .tf files together (blocks of every file merged), or the syntax errors found. */
export async function parseHclFiles(files: readonly HclFile[]): Promise<{ doc?: Record<string, unknown>; errors: HclSyntaxError[] }> {
  if (!files.length) return { doc: {}, errors: [] };
  const starts: { file: string; line: number }[] = [];
  let text = '';
  let line = 1;
  for (const f of files) {
    starts.push({ file: f.name, line });
    const body = f.text.endsWith('\n') ? f.text : `${f.text}\n`;
    text += body;
    line += body.split('\n').length - 1;
  }
  try {
    return { doc: (await parser().parse('folder.tf', text)) as Record<string, unknown>, errors: [] };
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
