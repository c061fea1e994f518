// yamldecode, as terraform's go-cty-yaml decodes: the syntax is parsed by the `yaml` package
// (eemeli/yaml), and every scalar is then resolved by go-cty-yaml's rules rather than by a YAML
// schema: YAML 1.1 booleans (y, yes, on, off, ...), YAML 1.2 numbers (0x and 0o, no 1_000 unless
// tagged !!int), timestamps rewritten as RFC 3339 strings, "" and ~ as null, quoted scalars
// always strings. Mappings are objects, sequences tuples; one document only; `<<` merges.
import type { Alias, Node, Scalar } from 'yaml';
import type { Value } from '../../values';
import { toStr, ValueError, type ObjectValue } from '../convert';
import { parseNumber } from '../exact-numbers';
import { formatRfc3339, parseTimestamp } from './datetime';
import { fixed, type FnDef } from './types';

// the yaml package is loaded by the first yamldecode: every command loads the function library
type YamlModule = typeof import('yaml');
let yamlModule: YamlModule | undefined;
const yaml = (): YamlModule => (yamlModule ??= require('yaml') as YamlModule);

const TAG = 'tag:yaml.org,2002:';
const [STR, BOOL, INT, FLOAT, NULL, TIMESTAMP, BINARY, MAP, SEQ, MERGE] = [
  'str',
  'bool',
  'int',
  'float',
  'null',
  'timestamp',
  'binary',
  'map',
  'seq',
  'merge',
].map((t) => TAG + t);
const RESOLVABLE = new Set(['', STR, BOOL, INT, FLOAT, NULL, TIMESTAMP, BINARY]);

const WORDS = new Map<string, Value>();
for (const w of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']) WORDS.set(w, true);
for (const w of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']) WORDS.set(w, false);
for (const w of ['', '~', 'null', 'Null', 'NULL']) WORDS.set(w, null);
for (const w of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) WORDS.set(w, Infinity);
for (const w of ['-.inf', '-.Inf', '-.INF']) WORDS.set(w, -Infinity);

const INTEGER = /^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const FLOAT_TEXT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** cty.ParseNumberVal: a decimal number (Go's big.ParseFloat in base 10). */
function decimal(s: string): Value | undefined {
  return FLOAT_TEXT.test(s) ? parseNumber(s) : undefined;
}

/** strconv.ParseInt / ParseUint with base 0: 0x, 0o, 0b and leading-0 octal prefixes, within 64 bits. */
function goInteger(s: string): Value | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const body = m[2];
  const octal = /^0[0-7]+$/.test(body) ? '0o' + body.slice(1) : body;
  const n = BigInt(m[1] === '-' ? -BigInt(octal) : BigInt(octal));
  if (n < -(1n << 63n) || n >= 1n << 64n || (m[1] === '-' && n < -(1n << 63n))) return undefined;
  return parseNumber(n.toString());
}

/** go-cty-yaml's timestamp forms (a subset of YAML's), as an RFC 3339 string; undefined if not one. */
function yamlTimestamp(s: string): string | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([Tt ])(\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(Z|[+-]\d\d:\d\d)?)?$/.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, sep, h, mi, se, frac, zone] = m;
  // the T/t forms need a zone, the space form has none, the date form is a date alone
  if (sep !== undefined && (sep === ' ') === (zone !== undefined)) return undefined;
  const two = (x: string | undefined) => (x ?? '0').padStart(2, '0');
  const text = `${y}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(se)}${frac ?? ''}${zone ?? 'Z'}`;
  try {
    return formatRfc3339(parseTimestamp(text));
  } catch {
    return undefined;
  }
}

function explicitTag(node: Node): string {
  const tag = node.tag ?? '';
  return tag === '!' ? '!' : tag;
}

/** A scalar resolved as go-cty-yaml's resolveScalar does. */
function resolveScalar(node: Scalar): Value {
  let tag = explicitTag(node);
  // the scalar's text after escapes and folding (the yaml package decodes !!binary to bytes in value, not in source)
  const src = typeof node.source === 'string' ? node.source : node.value === null || node.value === undefined ? '' : String(node.value);
  if (!RESOLVABLE.has(tag)) throw new ValueError(`unsupported tag ${JSON.stringify(tag)}`);
  const hint =
    src === '' ? 'N' : /[-+]/.test(src[0]) ? 'S' : /\d/.test(src[0]) ? 'D' : /[yYnNtTfFoO~]/.test(src[0]) ? 'M' : src[0] === '.' ? '.' : '';
  if (hint && tag !== STR && tag !== BINARY) {
    if (node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE') return src;
    if (WORDS.has(src)) return WORDS.get(src)!;
    if (tag === '' && ['.nan', '.NaN', '.NAN'].includes(src)) throw new ValueError('floating point NaN is not supported');
    if (hint === '.') {
      const n = decimal(src);
      if (n !== undefined) return n;
    }
    if (hint === 'D' || hint === 'S') {
      if (tag === '' || tag === TIMESTAMP) {
        const t = yamlTimestamp(src);
        if (t !== undefined) return t;
      }
      if (INTEGER.test(src)) tag = INT;
      else if (FLOAT_TEXT.test(src)) tag = FLOAT;
    }
  }
  switch (tag) {
    case BINARY:
      if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(src))
        throw new ValueError(`cannot parse ${JSON.stringify(src)} as ${tag}: not valid base64`);
      return src;
    case STR:
    case '':
      return src;
    case BOOL: {
      const b = WORDS.get(src);
      // only the boolean words: "~" or ".inf" tagged !!bool is no bool
      if (typeof b !== 'boolean') throw new ValueError(`cannot parse ${JSON.stringify(src)} as ${tag}`);
      return b;
    }
    case INT:
    case FLOAT: {
      const plain = src.replace(/_/g, '');
      const n = decimal(plain) ?? goInteger(plain);
      if (n === undefined) throw new ValueError(`cannot parse ${JSON.stringify(src)} as ${tag}`);
      return n;
    }
    case TIMESTAMP: {
      const t = yamlTimestamp(src);
      if (t === undefined) throw new ValueError(`cannot parse ${JSON.stringify(src)} as ${tag}`);
      return t;
    }
    default:
      return null;
  }
}

/** Walks the document in order, as go-cty-yaml walks its events: an alias may only name an anchor already complete. */
class Decoder {
  private readonly anchors = new Map<string, Value>();
  private readonly pending = new Set<string>();

  value(node: Node | null): Value {
    if (node === null) return null;
    const { isAlias, isMap, isScalar, isSeq } = yaml();
    if (isAlias(node)) return this.alias(node);
    const anchor = node.anchor;
    if (anchor) this.pending.add(anchor);
    const v = isScalar(node) ? resolveScalar(node) : isMap(node) ? this.mapping(node) : isSeq(node) ? this.sequence(node) : null;
    if (anchor) {
      this.pending.delete(anchor);
      this.anchors.set(anchor, v);
    }
    return v;
  }

  private alias(node: Alias): Value {
    if (this.pending.has(node.source))
      throw new ValueError(`cannot refer to anchor ${JSON.stringify(node.source)} from inside its own definition`);
    if (!this.anchors.has(node.source)) throw new ValueError(`reference to undefined anchor ${JSON.stringify(node.source)}`);
    return this.anchors.get(node.source)!;
  }

  private sequence(node: Node & { items: unknown[] }): Value {
    const tag = explicitTag(node);
    if (tag !== '' && tag !== SEQ) throw new ValueError(`can't interpret sequence as ${tag}`);
    return node.items.map((item) => this.value(item as Node));
  }

  private mapping(node: Node & { items: { key: unknown; value: unknown }[] }): Value {
    const tag = explicitTag(node);
    if (tag !== '' && tag !== MAP) throw new ValueError(`can't interpret mapping as ${tag}`);
    const out = new Map<string, Value>();
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      if (key && yaml().isScalar(key) && ((key.tag === undefined && key.type === 'PLAIN' && key.value === '<<') || key.tag === MERGE)) {
        this.merge(out, this.value(pair.value as Node | null));
        continue;
      }
      if (!key || !yaml().isScalar(key)) throw new ValueError('only strings are allowed as mapping keys');
      const k = resolveScalar(key);
      if (k === null) throw new ValueError('mapping key cannot be null');
      out.set(toStr(k, 'a mapping key'), this.value(pair.value as Node | null));
    }
    return objectOf(out);
  }

  private merge(into: Map<string, Value>, v: Value): void {
    const maps = Array.isArray(v) ? v : [v];
    for (const m of maps) {
      if (m === null || typeof m !== 'object' || Array.isArray(m))
        throw new ValueError(`cannot merge ${Array.isArray(v) ? 'a non-mapping (from sequence)' : 'a non-mapping'} into mapping`);
      for (const [k, x] of Object.entries(m as ObjectValue)) into.set(k, x);
    }
  }
}

/** An object of the entries, "__proto__" an own key like any other. */
function objectOf(entries: Map<string, Value>): ObjectValue {
  const out: ObjectValue = {};
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

/** The first error of the parse as go-cty-yaml words its position: "on line L, column C: ...". */
function syntaxError(err: { message: string; linePos?: [{ line: number; col: number }, ...unknown[]] }): ValueError {
  const what = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const at = err.linePos?.[0];
  return new ValueError(at ? `on line ${at.line}, column ${at.col}: ${what}` : what);
}

/** Nesting deeper than this is refused before parsing (the yaml package runs out of stack or memory on it). */
const MAX_YAML_NESTING = 1000;

/**
 * A bound on how deep the document nests: the indentation and block indicators ("- ", "? ",
 * ": ") that open a line, and the open flow brackets. Counting brackets inside quoted strings
 * too only overestimates.
 */
function refuseDeepNesting(src: string): void {
  let flow = 0;
  for (const line of src.split(/\r\n|\r|\n/)) {
    const lead = /^(?:[ \t]|[-?:](?=[ \t]|$))*/.exec(line)![0].length;
    if (lead > 2 * MAX_YAML_NESTING) throw new ValueError(`the document nests more than ${MAX_YAML_NESTING} levels deep`);
    for (const c of line) {
      if (c === '[' || c === '{') flow++;
      else if ((c === ']' || c === '}') && flow > 0) flow--;
      if (flow > MAX_YAML_NESTING) throw new ValueError(`the document nests more than ${MAX_YAML_NESTING} levels deep`);
    }
  }
}

export function yamlDecode(src: string): Value {
  refuseDeepNesting(src);
  const docs = yaml().parseAllDocuments(src, { schema: 'failsafe', uniqueKeys: false, prettyErrors: true });
  if (!Array.isArray(docs) || docs.length === 0) throw new ValueError('on line 1, column 1: missing start of document');
  for (const doc of docs) if (doc.errors.length) throw syntaxError(doc.errors[0]);
  // libyaml ends the first document before a second starts, so go-cty-yaml finds extra content, not a second document
  if (docs.length > 1) throw new ValueError('unexpected extra content after value');
  return new Decoder().value(docs[0].contents as Node | null);
}

export const yamlDecodeFunctions: Record<string, FnDef> = {
  yamldecode: fixed(1, ([s]) => yamlDecode(toStr(s, 'src'))),
};
