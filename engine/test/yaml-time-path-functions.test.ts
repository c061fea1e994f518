// yamldecode, formatdate/timeadd/timecmp, the path functions and bcrypt: the rules terraform 1.11
// follows where the parity corpus has no case (its cases are in test/parity/expression-cases.ts).
import { compareSync } from 'bcryptjs';
import { evaluate, type Scope } from '../src/expr/evaluate';
import { ExprError, parseExpression } from '../src/expr/parse';
import type { Value } from '../src/values';

const scope: Scope = { resource: () => undefined, variable: () => undefined, local: () => undefined };
const ev = (src: string, s: Scope = scope): Value => evaluate(parseExpression(src), s);
const failure = (src: string): string => {
  try {
    ev(src);
  } catch (e) {
    expect(e).toBeInstanceOf(ExprError);
    return (e as Error).message;
  }
  throw new Error(`${src} did not fail`);
};

describe('yamldecode', () => {
  it('reads YAML 1.1 booleans in keys and values, as go-cty-yaml does', () => {
    expect(ev('yamldecode("n: on\\nY: off")')).toEqual({ false: true, true: false });
  });

  it('refuses an alias to its own anchor, an undefined alias, unknown tags and a second document', () => {
    expect(failure('yamldecode("a: &x [*x]")')).toMatch(/cannot refer to anchor "x" from inside its own definition/);
    expect(failure('yamldecode("a: *nope")')).toMatch(/nope/);
    expect(failure('yamldecode("a: !custom x")')).toMatch(/unsupported tag "!custom"/);
    expect(failure('yamldecode("a\\n---\\nb")')).toMatch(/unexpected extra content after value/);
  });

  it('refuses mapping keys that are null or not scalars', () => {
    expect(failure('yamldecode("~: 1")')).toMatch(/mapping key cannot be null/);
    expect(failure('yamldecode("[a]: 1")')).toMatch(/only strings are allowed as mapping keys/);
  });

  it('refuses documents nested more than 1,000 deep instead of running out of memory', () => {
    expect(failure(`yamldecode("${'- '.repeat(20000)}x")`)).toMatch(/nests more than 1000 levels deep/);
    expect(failure(`yamldecode("${'['.repeat(5000)}")`)).toMatch(/nests more than 1000 levels deep/);
    expect(ev(`length(yamldecode("${'- '.repeat(500)}x"))`)).toBe(1);
  });

  it('refuses NaN, which cty cannot hold', () => {
    expect(failure('yamldecode(".nan")')).toMatch(/NaN is not supported/);
  });
});

describe('time functions', () => {
  it('keeps the offset a timestamp was written with', () => {
    expect(ev('timeadd("2024-03-31T01:30:00+02:00", "1h")')).toBe('2024-03-31T02:30:00+02:00');
    expect(ev('formatdate("ZZZZZ hh", "2024-03-31T01:30:00-09:30")')).toBe('-09:30 01');
  });

  it('writes years before year 1 as Go does', () => {
    expect(ev('timeadd("0001-01-01T00:00:00Z", "-2562047h")')).toBe('-0292-09-22T01:00:00Z');
  });

  it('refuses what Go does not parse: days as a unit, overflowing durations, loose timestamps', () => {
    expect(failure('timeadd("2024-01-01T00:00:00Z", "1d")')).toMatch(/unknown unit "d"/);
    expect(failure('timeadd("2024-01-01T00:00:00Z", "9999999999h")')).toMatch(/invalid duration/);
    expect(failure('timecmp("2024-1-01T00:00:00Z", "2024-01-01T00:00:00Z")')).toMatch(/not a valid RFC3339 timestamp/);
    expect(failure('timecmp("2024-01-01 00:00:00Z", "2024-01-01T00:00:00Z")')).toMatch(/time introducer 'T'/);
  });
});

describe('path functions', () => {
  it('resolves abspath against the configuration folder, not the process', () => {
    const inFolder: Scope = { ...scope, paths: { module: '/srv/app', root: '/srv/app', cwd: '/srv/app' } };
    expect(ev('abspath("a/../b")', inFolder)).toBe('/srv/app/b');
  });

  it('refuses to expand another user home folder', () => {
    expect(failure('pathexpand("~other/x")')).toMatch(/cannot expand user-specific home dir/);
  });
});

describe('bcrypt', () => {
  it('gives a hash of the string that verifies, with a new salt each time', () => {
    const a = ev('bcrypt("secret", 4)') as string;
    expect(a).toMatch(/^\$2a\$04\$/);
    expect(compareSync('secret', a)).toBe(true);
    expect(ev('bcrypt("secret", 4)')).not.toBe(a);
  });

  it('refuses strings longer than 72 bytes, as Go does', () => {
    expect(failure(`bcrypt("${'é'.repeat(37)}", 4)`)).toMatch(/password length exceeds 72 bytes/);
  });
});
