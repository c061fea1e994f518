// Checks of a configuration document's structure that terraform makes when it reads the files,
// before anything is evaluated. What gridform does not support yet is refused here by name, so
// that no part of a configuration is ever skipped in silence.
import { error, type Diagnostic } from '../diagnostics';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
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
