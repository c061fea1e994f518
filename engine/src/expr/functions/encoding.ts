// Encoding functions: base64decode base64encode base64gzip csvdecode jsondecode jsonencode urlencode
// (yamlencode lives in yaml-encode.ts).
import * as zlib from 'node:zlib';
import { isCtyNumber } from '../../cty-number';
import type { Value } from '../../values';
import { isObject, markList, numToString, toStr, ValueError } from '../convert';
import { fixed, type FnDef } from './types';
import { parseJson } from '../../json-syntax';

const str = (f: (s: string) => Value) => fixed(1, ([s]) => f(toStr(s, 'the string')));

export const encodingFunctions: Record<string, FnDef> = {
  base64encode: str((s) => Buffer.from(s, 'utf8').toString('base64')),
  base64decode: str((s) => {
    if (s.length % 4 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s))
      throw new ValueError('the string is not valid base64 (standard alphabet, padded)');
    return utf8(Buffer.from(s, 'base64'));
  }),
  jsonencode: fixed(1, ([v]) => jsonEncode(v)),
  jsondecode: str((s) => {
    const parsed = parseJson(s);
    if ('problem' in parsed) throw new ValueError(`invalid JSON: ${parsed.problem}`);
    return parsed.value as Value;
  }),
  base64gzip: str((s) => goGzip(Buffer.from(s, 'utf8')).toString('base64')),
  csvdecode: str(csvDecode),
  // Go's url.QueryEscape: space becomes +, unreserved characters stay
  urlencode: str((s) =>
    Array.from(Buffer.from(s, 'utf8'), (b) => {
      const c = String.fromCharCode(b);
      if (/[A-Za-z0-9\-_.~]/.test(c)) return c;
      return c === ' ' ? '+' : '%' + b.toString(16).toUpperCase().padStart(2, '0');
    }).join(''),
  ),
};

export function utf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ValueError('the result is not valid UTF-8');
  }
}

/** Terraform's compact JSON: keys sorted, no spaces, <>& and line separators escaped as Go does. */
export function jsonEncode(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'number' || isCtyNumber(v)) return numToString(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string')
    return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  if (Array.isArray(v)) return `[${v.map(jsonEncode).join(',')}]`;
  if (isObject(v))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${jsonEncode(k)}:${jsonEncode(v[k])}`)
      .join(',')}}`;
  throw new ValueError('a value known only after apply cannot be encoded');
}

/** Go's gzip header: no name, no time, no extra flags, OS "unknown" (255). */
const GO_GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** The empty final stored block Go's flate writer closes with. */
const GO_FLATE_CLOSE = Buffer.from([1, 0, 0, 0xff, 0xff]);

/**
 * gzip as terraform's base64gzip writes it (Go's compress/gzip: Write, Flush, Close): the data in
 * non-final blocks ended by a sync flush, then an empty final block, CRC-32 and length. The
 * blocks are zlib's at level 6: for short strings they are Go's bytes; for longer ones the
 * compressed bytes may differ from Go's (both decompress to the same text).
 */
function goGzip(data: Buffer): Buffer {
  const blocks = zlib.deflateRawSync(data, { level: 6, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(zlib.crc32(data), 0);
  trailer.writeUInt32LE(data.length % 2 ** 32, 4);
  return Buffer.concat([GO_GZIP_HEADER, blocks, GO_FLATE_CLOSE, trailer]);
}

/** RFC 4180 CSV; the first line names the columns, each further line becomes an object. */
function csvDecode(s: string): Value {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => (row.push(field), (field = ''));
  const endRow = () => (endField(), rows.push(row), (row = []));
  while (i < s.length) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === ',') {
      endField();
      i++;
    } else if (c === '\n' || (c === '\r' && s[i + 1] === '\n')) {
      endRow();
      i += c === '\r' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) throw new ValueError('a quoted CSV field is not closed');
  if (field !== '' || row.length) endRow();
  const [header, ...data] = rows;
  if (!header) throw new ValueError('missing header line');
  const duplicate = header.find((h, j) => header.indexOf(h) !== j);
  if (duplicate !== undefined) throw new ValueError(`duplicate column name ${JSON.stringify(duplicate)}`);
  const objects = data.map((r, n) => {
    if (r.length !== header.length) throw new ValueError(`line ${n + 2} has ${r.length} fields but the header has ${header.length}`);
    return Object.fromEntries(header.map((h, j) => [h, r[j]]));
  });
  // a list of objects whose attributes are the columns, all strings
  return markList(objects, ['object', Object.fromEntries(header.map((h) => [h, 'string']))]);
}
