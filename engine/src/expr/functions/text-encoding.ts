// textencodebase64 / textdecodebase64: strings to and from base64 of their bytes in a named character
// encoding. Gridform knows the encodings below; terraform knows more, and other names are refused.
import type { Value } from '../../values';
import { toStr, ValueError } from '../convert';
import { fixed, type FnDef } from './types';

interface Encoding {
  encode(s: string): Buffer;
  decode(bytes: Buffer): string;
}

const latin1: Encoding = {
  encode(s) {
    if ([...s].some((c) => c.codePointAt(0)! > 0xff))
      throw new ValueError('the string contains characters that cannot be represented in ISO_8859-1:1987');
    return Buffer.from(s, 'latin1');
  },
  decode: (bytes) => bytes.toString('latin1'),
};

const utf16be: Encoding = {
  encode: (s) => Buffer.from(s, 'utf16le').swap16(),
  decode: (bytes) => new TextDecoder('utf-16be').decode(bytes),
};

const ENCODINGS: Record<string, Encoding> = {
  'utf-8': { encode: (s) => Buffer.from(s, 'utf8'), decode: (bytes) => new TextDecoder('utf-8').decode(bytes) },
  'utf-16le': { encode: (s) => Buffer.from(s, 'utf16le'), decode: (bytes) => new TextDecoder('utf-16le').decode(bytes) },
  'utf-16be': utf16be,
  'iso-8859-1': latin1,
  'iso_8859-1': latin1,
  'iso_8859-1:1987': latin1,
  latin1,
  l1: latin1,
};

function encodingNamed(v: Value): Encoding {
  const name = toStr(v, 'the encoding');
  const found = ENCODINGS[name.toLowerCase()];
  if (!found)
    throw new ValueError(`"${name}" is not a supported IANA encoding name or alias in gridform (${Object.keys(ENCODINGS).join(', ')})`);
  return found;
}

export const textEncodingFunctions: Record<string, FnDef> = {
  textencodebase64: fixed(2, ([s, enc]) => encodingNamed(enc).encode(toStr(s, 'the string')).toString('base64')),
  textdecodebase64: fixed(2, ([s, enc]) => {
    const source = toStr(s, 'the source');
    const encoding = encodingNamed(enc);
    if (source.length % 4 || !/^[A-Za-z0-9+/]*={0,2}$/.test(source))
      throw new ValueError('the source is not valid base64 (standard alphabet, padded)');
    return encoding.decode(Buffer.from(source, 'base64'));
  }),
};
