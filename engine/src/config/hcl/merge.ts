// The files of one module folder as one document, as terraform merges them: a resource, data
// source, module call, variable, output or local declared in two places is refused naming both
// lines; override files replace, argument by argument, what the block they name sets.
import { error, type Diagnostic } from '../../diagnostics';
import { isObject } from '../json-shape';
import { findBlock, where } from './block-lines';
import type { HclFile } from './parse-hcl';

type Doc = Record<string, unknown>;
type Block = Record<string, unknown>;

const blocks = (v: unknown): Block[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).filter(isObject);
const WHAT: Record<string, string> = {
  resource: 'resource',
  data: 'data source',
  module: 'module call',
  variable: 'variable',
  output: 'output',
  check: 'check block',
};

export function mergeDocuments(
  parts: readonly { doc: Doc; files: readonly HclFile[] }[],
  allFiles: readonly HclFile[],
): { doc: Doc; diagnostics: Diagnostic[] } {
  const out: Doc = {};
  const diags: Diagnostic[] = [];
  const duplicate = (kind: string, labels: string[]) => {
    const at = findBlock(allFiles, kind, labels);
    const name = labels.map((l) => `"${l}"`).join(' ');
    const detail = `A ${WHAT[kind] ?? kind} ${name} is declared twice ${where(at)}; each name must be unique within a module.`;
    diags.push(error(`Duplicate ${WHAT[kind] ?? kind} ${name}`, detail));
  };
  // JSON syntax writes a section (or the blocks of a type) as an object or a list of objects; a block is an object
  // (or a list of them): anything else would be dropped without a word, so it is refused naming where it is
  const named = (kind: string, labels: string[], v: unknown): [string, unknown][] => {
    if (Array.isArray(v) && v.every(isObject)) return v.flatMap((o) => Object.entries(o));
    if (isObject(v)) return Object.entries(v);
    const at = where(findBlock(allFiles, kind, labels));
    diags.push(error(`Invalid ${kind} section`, `The ${[kind, ...labels].join(' ')} section ${at} must be an object of blocks.`));
    return [];
  };
  const checked = (kind: string, labels: string[], raw: unknown): Block[] => {
    const list = blocks(raw);
    if (list.length && (!Array.isArray(raw) || list.length === raw.length)) return list;
    const at = where(findBlock(allFiles, kind, labels));
    const name = labels.map((l) => `"${l}"`).join(' ');
    diags.push(error(`Invalid ${WHAT[kind] ?? kind} block`, `The ${kind} block ${name} ${at} must be an object of arguments.`));
    return [];
  };
  for (const { doc } of parts) {
    for (const [kind, section] of Object.entries(doc)) {
      if (kind === '//') continue;
      if (kind === 'resource' || kind === 'data') {
        const into = (out[kind] ??= {}) as Record<string, Record<string, Block>>;
        for (const [type, byName] of named(kind, [], section))
          for (const [name, raw] of named(kind, [type], byName)) {
            if (name === '//') continue;
            const list = checked(kind, [type, name], raw);
            into[type] ??= {};
            if (into[type][name] || list.length > 1) duplicate(kind, [type, name]);
            if (list[0]) into[type][name] ??= list[0];
          }
      } else if (kind in WHAT) {
        const into = (out[kind] ??= {}) as Record<string, Block>;
        for (const [name, raw] of named(kind, [], section)) {
          if (name === '//') continue;
          const list = checked(kind, [name], raw);
          if (into[name] || list.length > 1) duplicate(kind, [name]);
          if (list[0]) into[name] ??= list[0];
        }
      } else if (kind === 'provider') {
        const into = (out.provider ??= {}) as Record<string, Block[]>;
        for (const [name, raw] of Object.entries(isObject(section) ? section : {})) (into[name] ??= []).push(...blocks(raw));
      } else if (kind === 'locals') {
        const into = (out.locals ??= {}) as Block;
        for (const b of blocks(section))
          for (const [name, value] of Object.entries(b)) {
            if (name in into) {
              const at = findBlock(allFiles, 'locals');
              diags.push(error(`Duplicate local value definition local.${name}`, `local.${name} is defined twice (${where(at)}).`));
            }
            into[name] = value;
          }
      } else if (kind === 'terraform') {
        const into = (out.terraform ??= {}) as Block;
        for (const b of blocks(section)) mergeTerraform(into, b);
      } else {
        const list = (out[kind] ??= []) as unknown[];
        list.push(...blocks(section));
      }
    }
  }
  return { doc: out, diagnostics: diags };
}

function mergeTerraform(into: Block, b: Block): void {
  for (const [k, v] of Object.entries(b)) {
    if (k === 'required_providers') {
      const req = (into.required_providers ??= {}) as Block;
      for (const r of blocks(v)) Object.assign(req, r);
    } else into[k] = v;
  }
}

/** Lays an override file over the merged document; a block it names that does not exist is refused. */
export function overrideDocument(base: Doc, over: Doc, file: HclFile): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const missing = (kind: string, labels: string[]) => {
    const at = findBlock([file], kind, labels);
    const name = labels.map((l) => `"${l}"`).join(' ');
    const detail = `${file.name} overrides the ${WHAT[kind] ?? kind} ${name} ${where(at)}, which no other file declares.`;
    diags.push(error(`Missing base ${WHAT[kind] ?? kind} for override`, detail));
  };
  for (const [kind, section] of Object.entries(over)) {
    if (kind === 'resource' || kind === 'data') {
      const target = (base[kind] ?? {}) as Record<string, Record<string, Block>>;
      for (const [type, byName] of Object.entries(isObject(section) ? section : {}))
        for (const [name, raw] of Object.entries(isObject(byName) ? byName : {})) {
          const b = target[type]?.[name];
          if (!b) missing(kind, [type, name]);
          else for (const o of blocks(raw)) overrideBlock(b, o);
        }
    } else if (kind in WHAT) {
      const target = (base[kind] ?? {}) as Record<string, Block>;
      for (const [name, raw] of Object.entries(isObject(section) ? section : {})) {
        if (!target[name]) missing(kind, [name]);
        else for (const o of blocks(raw)) overrideBlock(target[name], o);
      }
    } else if (kind === 'locals') {
      const target = (base.locals ?? {}) as Block;
      for (const b of blocks(section))
        for (const [name, value] of Object.entries(b)) {
          if (!(name in target)) missing('locals', []);
          target[name] = value;
        }
    } else if (kind === 'terraform') {
      const into = (base.terraform ??= {}) as Block;
      for (const b of blocks(section)) mergeTerraform(into, b);
    } else if (kind === 'provider') {
      const target = (base.provider ?? {}) as Record<string, Block[]>;
      for (const [name, raw] of Object.entries(isObject(section) ? section : {}))
        for (const o of blocks(raw)) {
          const b = target[name]?.find((x) => x.alias === o.alias);
          if (!b) missing('provider', [name]);
          else overrideBlock(b, o);
        }
    }
  }
  return diags;
}

/** Arguments replace the base's; a lifecycle block merges argument by argument, as terraform's does. */
function overrideBlock(base: Block, over: Block): void {
  for (const [k, v] of Object.entries(over)) {
    if (k === 'lifecycle') {
      const merged = Object.assign({}, ...blocks(base.lifecycle), ...blocks(v));
      base.lifecycle = [merged];
    } else if (k === 'count' && base.for_each !== undefined) {
      delete base.for_each;
      base.count = v;
    } else if (k === 'for_each' && base.count !== undefined) {
      delete base.count;
      base.for_each = v;
    } else base[k] = v;
  }
}
