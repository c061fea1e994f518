// textencodebase64, textdecodebase64 and uuidv5, with the answers terraform 1.11 gives.
import { evaluate, type Scope } from '../src/expr/evaluate';
import { ExprError, parseExpression } from '../src/expr/parse';
import type { Value } from '../src/values';

const scope: Scope = { resource: () => undefined, variable: () => undefined, local: () => undefined };
const ev = (src: string): Value => evaluate(parseExpression(src), scope);
const failure = (src: string): string => {
  try {
    ev(src);
  } catch (e) {
    expect(e).toBeInstanceOf(ExprError);
    return (e as Error).message;
  }
  throw new Error(`${src} did not fail`);
};

describe('textencodebase64 and textdecodebase64', () => {
  it('encodes and decodes UTF-8, UTF-16LE and Latin-1 bytes as terraform does', () => {
    expect(ev('textencodebase64("hi", "UTF-8")')).toBe('aGk=');
    expect(ev('textencodebase64("hello", "UTF-16LE")')).toBe('aABlAGwAbABvAA==');
    expect(ev('textencodebase64("é", "ISO-8859-1")')).toBe('6Q==');
    expect(ev('textdecodebase64("aABlAGwAbABvAA==", "UTF-16LE")')).toBe('hello');
    expect(ev('textdecodebase64("6Q==", "latin1")')).toBe('é');
  });

  it('round-trips through UTF-16BE', () => {
    expect(ev('textdecodebase64(textencodebase64("añ€", "UTF-16BE"), "utf-16be")')).toBe('añ€');
  });

  it('refuses unknown encodings, unrepresentable characters and bad base64', () => {
    expect(failure('textencodebase64("hi", "NOPE")')).toMatch(/"NOPE" is not a supported IANA encoding name/);
    expect(failure('textencodebase64("€", "ISO-8859-1")')).toMatch(/cannot be represented in ISO_8859-1:1987/);
    expect(failure('textdecodebase64("aGk", "UTF-8")')).toMatch(/not valid base64/);
  });
});

describe('uuidv5', () => {
  it('derives the same UUIDs as terraform from named and literal namespaces', () => {
    expect(ev('uuidv5("dns", "www.terraform.io")')).toBe('a5008fae-b28c-5ba5-96cd-82b4c53552d6');
    expect(ev('uuidv5("url", "https://x")')).toBe('48d34be5-10a3-5c30-96ef-9cf9a60110f2');
    expect(ev('uuidv5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "a")')).toBe('4f3f2898-69e3-5a0d-820a-c4e87987dbce');
    expect(ev('uuidv5("{6ba7b810-9dad-11d1-80b4-00c04fd430c8}", "a")')).toBe('4f3f2898-69e3-5a0d-820a-c4e87987dbce');
  });

  it('refuses a namespace that is neither a known name nor a UUID', () => {
    expect(failure('uuidv5("bogus", "x")')).toMatch(/doesn't support namespace bogus \(invalid UUID length: 5\)/);
    expect(failure('uuidv5("6ba7b810-9dad-11d1-80b4-00c04fd430cz", "x")')).toMatch(/invalid UUID format/);
  });
});
