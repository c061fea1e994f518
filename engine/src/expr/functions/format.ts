// format and formatlist: Go-style verbs as cty implements them (%v %#v %t %s %q %d %b %o %x %X
// %e %E %f %g %G %%, with flags, width, precision and %[n] argument indexes).
import type { Value } from '../../values';
import { numToString, toBool, toInt, toList, toNum, toStr, ValueError } from '../convert';
import { jsonEncode } from './encoding';
import { MAX_STRING_LENGTH } from '../limits';
import { fn, type FnDef } from './types';

/** Digits after the point gridform prints at most (JavaScript's toFixed and toPrecision stop there). */
const MAX_PRECISION = 100;

const VERB = /%([-+# 0]*)(?:\[(\d+)\])?(\d+)?(?:\.(\d*))?([a-zA-Z%])/g;

export function format(spec: string, args: Value[]): string {
  let next = 0;
  let used = 0;
  const out = spec.replace(
    VERB,
    (_m, flags: string, argIndex: string | undefined, width: string | undefined, precision: string | undefined, verb: string) => {
      if (verb === '%') return '%';
      if (argIndex) next = Number(argIndex) - 1;
      if (next >= args.length) throw new ValueError(`not enough arguments for %${verb} at argument ${next + 1}`);
      const arg = args[next++];
      used = Math.max(used, next);
      const prec = precision === undefined ? undefined : Number(precision || 0);
      if (Number(width ?? 0) > MAX_STRING_LENGTH) {
        throw new ValueError(`the width ${width} of %${verb} is over the limit of ${MAX_STRING_LENGTH} (16 MiB)`);
      }
      if ((prec ?? 0) > MAX_PRECISION)
        throw new ValueError(`the precision ${prec} of %${verb} is over the limit of ${MAX_PRECISION} digits`);
      const text = formatOne(verb, flags, prec, arg);
      return pad(text, width ? Number(width) : 0, flags, verb);
    },
  );
  if (used < args.length) throw new ValueError(`too many arguments; only ${used} used by the format string`);
  return out;
}

function formatOne(verb: string, flags: string, prec: number | undefined, arg: Value): string {
  const plus = flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
  const signed = (n: number, body: string) => (n < 0 || Object.is(n, -0) ? '-' : plus) + body;
  switch (verb) {
    case 'v':
      if (flags.includes('#')) return jsonEncode(arg);
      if (arg === null) return 'null';
      return typeof arg === 'object' ? jsonEncode(arg) : toStr(arg);
    case 't':
      return String(toBool(arg, 'the argument of %t'));
    case 's': {
      const s = toStr(arg, 'the argument of %s');
      return prec === undefined ? s : Array.from(s).slice(0, prec).join('');
    }
    case 'q':
      return JSON.stringify(toStr(arg, 'the argument of %q'));
    case 'd':
    case 'b':
    case 'o':
    case 'x':
    case 'X': {
      const n = toInt(arg, `the argument of %${verb}`);
      const radix = { d: 10, b: 2, o: 8, x: 16, X: 16 }[verb];
      let body = BigInt(Math.abs(n)).toString(radix);
      if (verb === 'X') body = body.toUpperCase();
      if (flags.includes('#')) body = (({ b: '0b', o: '0', x: '0x', X: '0X' } as Record<string, string>)[verb] ?? '') + body;
      return signed(n, body);
    }
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G': {
      const n = toNum(arg, `the argument of %${verb}`);
      const a = Math.abs(n);
      const lower = verb.toLowerCase();
      const body = lower === 'f' ? a.toFixed(prec ?? 6) : lower === 'e' ? expForm(a.toExponential(prec ?? 6)) : general(a, prec);
      return signed(n, verb === 'E' || verb === 'G' ? body.toUpperCase() : body);
    }
  }
  throw new ValueError(`unsupported format verb %${verb}`);
}

/** JavaScript writes 1e+6; Go writes at least two exponent digits, 1e+06. */
function expForm(s: string): string {
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** %g: exponent form for large or small exponents, else plain; no trailing zeros. */
function general(a: number, prec: number | undefined): string {
  const p = prec === 0 ? 1 : prec;
  const exp = p === undefined ? a.toExponential() : a.toExponential(p - 1);
  const e = Number(exp.split('e')[1]);
  const limit = p ?? 6; // Go decides on 6 digits when printing the shortest form
  if (e < -4 || e >= limit) return expForm(exp.replace(/\.?0+e/, 'e'));
  const fixed = p === undefined ? numToString(a) : a.toFixed(Math.max(p - 1 - e, 0));
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

function pad(s: string, width: number, flags: string, verb: string): string {
  const len = Array.from(s).length;
  if (len >= width) return s;
  if (flags.includes('-')) return s + ' '.repeat(width - len);
  if (flags.includes('0') && /[dboxXeEfFgG]/.test(verb)) {
    const sign = /^[-+ ]/.test(s) ? s[0] : '';
    return sign + '0'.repeat(width - len) + s.slice(sign.length);
  }
  return ' '.repeat(width - len) + s;
}

export const formatFunctions: Record<string, FnDef> = {
  format: fn(1, Infinity, ([spec, ...args]) => format(toStr(spec, 'the format'), args)),
  // list arguments give one result per element (all of one length); others repeat
  formatlist: fn(1, Infinity, ([spec, ...args]) => {
    const f = toStr(spec, 'the format');
    const lengths = new Set(args.filter(Array.isArray).map((a) => (a as Value[]).length));
    if (lengths.size > 1) throw new ValueError('all list arguments must have the same length');
    const n = lengths.size ? [...lengths][0] : 1;
    return Array.from({ length: n }, (_, i) =>
      format(
        f,
        args.map((a) => (Array.isArray(a) ? toList(a)[i] : a)),
      ),
    );
  }),
};
