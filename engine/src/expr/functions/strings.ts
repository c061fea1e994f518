// String functions: chomp endswith indent join lower regex regexall replace split startswith
// strcontains strrev substr title trim trimprefix trimsuffix trimspace upper.
import type { Value } from '../../values';
import { graphemes, markList, toInt, toList, toStr, ValueError } from '../convert';
import { fixed, fn, type FnDef } from './types';
import { annotate, type CtyType } from '../../cty';

const str = (f: (s: string) => Value) => fixed(1, ([s]) => f(toStr(s, 'the string')));
const str2 = (f: (a: string, b: string) => Value) => fixed(2, ([a, b]) => f(toStr(a, 'argument 1'), toStr(b, 'argument 2')));

export const stringFunctions: Record<string, FnDef> = {
  chomp: str((s) => s.replace(/(\r\n|\r|\n)+$/, '')),
  lower: str((s) => Array.from(s, lowerRune).join('')),
  upper: str((s) => Array.from(s, upperRune).join('')),
  strrev: str((s) => graphemes(s).reverse().join('')),
  title: str(title),
  trimspace: str((s) => s.replace(/^[\s\u0085]+|[\s\u0085]+$/g, '')),
  startswith: str2((s, p) => s.startsWith(p)),
  endswith: str2((s, p) => s.endsWith(p)),
  strcontains: str2((s, p) => s.includes(p)),
  trimprefix: str2((s, p) => (s.startsWith(p) ? s.slice(p.length) : s)),
  trimsuffix: str2((s, p) => (p && s.endsWith(p) ? s.slice(0, -p.length) : s)),
  trim: str2((s, cutset) => {
    const cut = new Set(Array.from(cutset));
    const cs = Array.from(s);
    let a = 0;
    let b = cs.length;
    while (a < b && cut.has(cs[a])) a++;
    while (b > a && cut.has(cs[b - 1])) b--;
    return cs.slice(a, b).join('');
  }),
  split: str2((sep, s) => s.split(sep)),
  indent: fixed(2, ([n, s]) => {
    const spaces = toInt(n, 'the number of spaces');
    if (spaces < 0) throw new ValueError(`the number of spaces must not be negative, got ${spaces}`);
    return toStr(s, 'the string').replace(/\n/g, '\n' + ' '.repeat(spaces));
  }),
  join: fn(2, Infinity, ([sep, ...lists]) =>
    lists.flatMap((l) => toList(l, 'a list to join').map((x, i) => toStr(x, `element ${i} of the list`))).join(toStr(sep, 'the separator')),
  ),
  substr: fixed(3, ([s, offset, length]) => substr(toStr(s, 'the string'), toInt(offset, 'the offset'), toInt(length, 'the length'))),
  replace: fixed(3, ([s, search, replacement]) =>
    replace(toStr(s, 'the string'), toStr(search, 'the substring'), toStr(replacement, 'the replacement')),
  ),
  regex: str2((pattern, s) => {
    const re = goRegExp(pattern, 'g');
    const m = re.exec(s);
    if (!m) throw new ValueError('pattern did not match any part of the given string');
    // a group that took no part is a null of type string, as terraform keeps it
    return annotate(captures(m), matchType(re) as CtyType);
  }),
  // a list of matches: strings without groups, objects with named groups, tuples of strings else
  regexall: str2((pattern, s) => {
    const re = goRegExp(pattern, 'g');
    return markList(Array.from(s.matchAll(re), captures), matchType(re));
  }),
};

/**
 * Go's unicode.ToUpper: one code point to one, by Unicode's simple mapping. JavaScript maps by
 * the full one, where ß becomes "SS"; a character whose full mapping is longer keeps itself,
 * except the Greek letters with ypogegrammeni, whose simple mapping is their titlecase form.
 */
function upperRune(c: string): string {
  const full = c.toUpperCase();
  if (Array.from(full).length === 1) return full;
  const code = c.codePointAt(0)!;
  if ((code >= 0x1f80 && code <= 0x1faf && (code & 0xf) < 8) || code === 0x1fb3 || code === 0x1fc3 || code === 0x1ff3) {
    return String.fromCodePoint(code >= 0x1fb3 ? code + 9 : code + 8);
  }
  return c;
}

/** Go's unicode.ToLower: İ becomes i (not "i̇"), and a code point alone never takes a final sigma's form. */
function lowerRune(c: string): string {
  const full = c.toLowerCase();
  if (Array.from(full).length === 1) return full;
  return c === '\u0130' ? 'i' : c;
}

/** Go's strings.Title: a letter after a non-letter, non-digit starts a word. */
function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const c of s) {
    out += /[\p{L}\p{N}_]/u.test(prev) ? c : c.toUpperCase();
    prev = c;
  }
  return out;
}

/** Counts in characters; a negative offset counts from the end; length -1 means the rest. */
function substr(s: string, offset: number, length: number): string {
  const cs = graphemes(s);
  const start = offset < 0 ? Math.max(cs.length + offset, 0) : offset;
  if (length < -1) throw new ValueError('the length must be -1 (the rest) or more');
  return cs.slice(start, length === -1 ? undefined : start + length).join('');
}

/** A substring wrapped in slashes is a regular expression; the replacement expands groups as Go's Regexp.Expand does. */
function replace(s: string, search: string, replacement: string): string {
  const m = /^\/(.*)\/$/s.exec(search);
  if (!m) {
    // Go's strings.Replace with an empty substring inserts the replacement around every character
    if (search === '') return s === '' ? replacement : replacement + Array.from(s).join(replacement) + replacement;
    return s.split(search).join(replacement);
  }
  return s.replace(goRegExp(m[1], 'g'), (...args: unknown[]) => {
    const groups = args.at(-1) as Record<string, string | undefined> | undefined;
    const numbered = args.slice(
      0,
      args.findIndex((a) => typeof a === 'number'),
    ) as (string | undefined)[];
    // $$ is a dollar; $name and ${name} take the longest name; an unknown group expands to nothing
    return replacement.replace(/\$(?:\$|\{(\w+)\}|(\w+))/g, (_d, braced?: string, bare?: string) => {
      const name = braced ?? bare;
      if (name === undefined) return '$';
      return (/^\d+$/.test(name) ? numbered[Number(name)] : typeof groups === 'object' ? groups[name] : undefined) ?? '';
    });
  });
}

/** Translates RE2 syntax to JavaScript: (?P<name>...) groups, leading (?flags), \A and \z. */
export function goRegExp(pattern: string, flags: string): RegExp {
  let p = pattern;
  let f = flags;
  const lead = /^\(\?([imsU]+)\)/.exec(p);
  if (lead) {
    if (lead[1].includes('U')) throw new ValueError('the (?U) flag is not supported');
    f += lead[1];
    p = p.slice(lead[0].length);
  }
  p = p
    .replace(/\(\?P</g, '(?<')
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$');
  try {
    return new RegExp(p, f);
  } catch (err) {
    throw new ValueError(`invalid regular expression ${JSON.stringify(pattern)}: ${(err as Error).message}`);
  }
}

/** The type of one match of `re`, which its groups decide. */
function matchType(re: RegExp): unknown {
  const probe = new RegExp(`${re.source}|`, re.flags.replace('g', '')).exec('')!;
  if (probe.groups) return ['object', Object.fromEntries(Object.keys(probe.groups).map((k) => [k, 'string']))];
  if (probe.length === 1) return 'string';
  return ['tuple', probe.slice(1).map(() => 'string')];
}

/** The match itself without groups; an object by name with named groups; else the list of groups. */
function captures(m: RegExpMatchArray): Value {
  if (m.groups) return Object.fromEntries(Object.entries(m.groups).map(([k, v]) => [k, v ?? null]));
  if (m.length === 1) return m[0];
  return m.slice(1).map((g) => g ?? null);
}
