// The sections of a configuration document in the one form the loader reads. Terraform's JSON
// syntax may write any block kind as a list of objects; those are merged here (duplicates
// refused). A section, or a part of one, that is neither is refused naming the file and where it
// is, and read as empty, so that no part of a configuration is ever skipped in silence.
import { error, type Diagnostic } from '../diagnostics';
import { setKey } from '../values';
import { describe, isObject, type Json } from './json-shape';

/** `where` (a section, or a part of one) of `file` is `v`, not an object (or a list of objects, when `listed`). */
function notObject(file: string, where: string, what: string, v: unknown, listed = true): Diagnostic {
  const got = Array.isArray(v) ? `a list holding ${v.length ? describe(v.find((x) => !isObject(x))) : 'nothing'}` : describe(v);
  const form = listed ? `an object ${what} (or a list of such objects)` : `an object ${what}`;
  const detail = `In ${file}, ${where} must be ${form}, not ${got}. Run cdktf synth again to regenerate the file.`;
  return error('Incorrect JSON value type', detail);
}

/** The objects of `raw`, an object or a list of them; anything else is refused. */
function objectsOf(raw: unknown, onWrong: () => void): Json[] {
  const items = Array.isArray(raw) ? raw : [raw];
  if (!items.every(isObject)) onWrong();
  return items.filter(isObject);
}

/** The document with every section (resource, data, variable, output, check, locals, terraform, provider) in its object form. */
export function normalizedSections(doc: Json, file: string, diags: Diagnostic[]): Json {
  const out: Json = { ...doc };
  for (const kind of ['resource', 'data'] as const) if (doc[kind] !== undefined) out[kind] = resourceSection(doc[kind], kind, file, diags);
  for (const kind of ['variable', 'output', 'check'] as const) {
    if (doc[kind] !== undefined) out[kind] = namedSection(doc[kind], kind, file, diags);
  }
  // terraform takes null locals and terraform blocks as none (and refuses null for the sections of named blocks)
  if (doc.locals !== undefined && doc.locals !== null)
    out.locals = merged(doc.locals, 'locals', 'of named values', file, diags, duplicateLocal);
  else delete out.locals;
  if (doc.terraform !== undefined && doc.terraform !== null) out.terraform = terraformSection(doc.terraform, file, diags);
  else delete out.terraform;
  if (doc.provider !== undefined) out.provider = providerSection(doc.provider, file, diags);
  return out;
}

/** Objects (or lists of objects) merged into one; a name given twice is refused with `duplicate(name)`, when it gives one. */
function merged(
  raw: unknown,
  where: string,
  what: string,
  file: string,
  diags: Diagnostic[],
  duplicate: (name: string) => Diagnostic | undefined,
): Json {
  const out: Json = {};
  for (const item of objectsOf(raw, () => diags.push(notObject(file, where, what, raw)))) {
    for (const [k, v] of Object.entries(item)) {
      const d = Object.hasOwn(out, k) && k !== '//' ? duplicate(k) : undefined;
      if (d) diags.push(d);
      else setKey(out, k, v);
    }
  }
  return out;
}

function duplicateLocal(name: string): Diagnostic {
  return error(
    'Duplicate local value definition',
    `A local value named "${name}" was already defined. Local value names must be unique within a module.`,
  );
}

/** The terraform block, its required_providers an object. */
function terraformSection(raw: unknown, file: string, diags: Diagnostic[]): Json {
  const out = merged(raw, 'terraform', 'of settings', file, diags, () => undefined);
  const required = out.required_providers;
  if (required !== undefined && required !== null && !isObject(required)) {
    diags.push(notObject(file, 'terraform.required_providers', 'of provider requirements', required, false));
    out.required_providers = {};
  }
  return out;
}

/** resource and data: TYPE -> NAME -> body, each level possibly written as a list. */
function resourceSection(raw: unknown, kind: 'resource' | 'data', file: string, diags: Diagnostic[]): Json {
  const out: Record<string, Json> = {};
  const types = kind === 'data' ? 'of data source types' : 'of resource types';
  for (const section of objectsOf(raw, () => diags.push(notObject(file, kind, types, raw)))) {
    for (const [type, groups] of Object.entries(section)) {
      if (type === '//') continue;
      if (!Object.hasOwn(out, type)) setKey(out, type, {});
      const byName = out[type];
      const named = kind === 'data' ? 'of named data sources' : 'of named resources';
      for (const group of objectsOf(groups, () => diags.push(notObject(file, `${kind}.${type}`, named, groups)))) {
        const names = Object.keys(group).filter((k) => k !== '//');
        if (!names.length) {
          const detail =
            `The ${kind} type ${type} has no blocks: at least one object property is required, ` +
            "whose name represents the block's name.";
          diags.push(error('Missing block label', detail));
        }
        for (const name of names) {
          const bodies = Array.isArray(group[name]) ? (group[name] as unknown[]) : [group[name]];
          if (Object.hasOwn(byName, name) || bodies.length > 1) {
            const noun = kind === 'data' ? 'data source' : 'resource';
            const detail = `A ${type} ${noun} named "${name}" was already declared. Names must be unique per type.`;
            const address = `${kind === 'data' ? 'data.' : ''}${type}.${name}`;
            diags.push(error(`Duplicate ${kind} "${type}" configuration`, detail, { address }));
            continue;
          }
          setKey(byName, name, bodies[0]);
        }
      }
    }
  }
  return out;
}

/** variable, output and check: NAME -> body, possibly written as lists. */
function namedSection(raw: unknown, kind: 'variable' | 'output' | 'check', file: string, diags: Diagnostic[]): Json {
  const duplicate = (name: string) => {
    if (kind === 'variable')
      return error(
        'Duplicate variable declaration',
        `A variable named "${name}" was already declared. Variable names must be unique within a module.`,
      );
    if (kind === 'output')
      return error(
        'Duplicate output definition',
        `An output named "${name}" was already defined. Output names must be unique within a module.`,
      );
    return error(
      `Duplicate check "${name}" configuration`,
      `A check block named "${name}" was already declared. Check blocks must be unique within a module.`,
    );
  };
  const what = { variable: 'of named variables', output: 'of named outputs', check: 'of named check blocks' }[kind];
  const out: Json = {};
  for (const section of objectsOf(raw, () => diags.push(notObject(file, kind, what, raw)))) {
    for (const [name, body] of Object.entries(section)) {
      if (name === '//') continue;
      const bodies = Array.isArray(body) && kind !== 'check' ? body : [body];
      if (Object.hasOwn(out, name) || bodies.length > 1) {
        diags.push(duplicate(name));
        continue;
      }
      setKey(out, name, bodies[0]);
    }
  }
  return out;
}

/** provider: NAME -> one configuration or a list of them; a list of such objects is merged into one. */
function providerSection(raw: unknown, file: string, diags: Diagnostic[]): Json {
  const out: Record<string, unknown[]> = {};
  const items = objectsOf(raw, () => diags.push(notObject(file, 'provider', 'of provider blocks by name', raw)));
  for (const item of items) {
    for (const [name, body] of Object.entries(item)) {
      if (name === '//') continue;
      if (!Object.hasOwn(out, name)) setKey(out, name, []);
      out[name].push(...(Array.isArray(body) ? body : [body]));
    }
  }
  return out;
}
