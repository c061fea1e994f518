// Number functions: abs ceil floor log max min pow signum parseint.
import type { Value } from '../../values';
import * as cty from '../../cty-number';
import { toExactNum, toInt, toNum, ValueError } from '../convert';
import { compareNum, fromFloat, negateNum, simplify, type Num } from '../exact-numbers';
import { fixed, fn, type FnDef } from './types';

const nums = (args: Value[]) => args.map((a, i) => toExactNum(a, `argument ${i + 1}`));
const unary = (f: (n: number) => number) => fixed(1, ([n]) => f(toNum(n, 'the number')));
const exact = (f: (n: Num) => Num) => fixed(1, ([n]) => f(toExactNum(n, 'the number')));

/** floor or ceil with every digit: JavaScript numbers are exact decimals, CtyNumbers go through BigInt. */
function rounding(n: Num, up: boolean): Num {
  if (typeof n === 'number') return up ? Math.ceil(n) : Math.floor(n);
  if (n.infinite || cty.isInteger(n)) return n;
  const t = cty.truncate(n);
  const adjust = up ? (n.neg ? 0n : 1n) : n.neg ? -1n : 0n;
  return simplify(cty.fromBigInt(t + adjust, n.prec));
}

/** A float64 result as cty holds it; NaN is no cty number (terraform fails the call). */
function finite(x: number): Num {
  if (Number.isNaN(x)) throw new ValueError('the result is not a number (NaN)');
  return fromFloat(x);
}

const extreme = (sign: number) => (args: Value[]) => nums(args).reduce((best, x) => (compareNum(x, best) * sign > 0 ? x : best));

export const numberFunctions: Record<string, FnDef> = {
  abs: exact((n) => (compareNum(n, 0) < 0 ? negateNum(n) : n)),
  ceil: exact((n) => rounding(n, true)),
  floor: exact((n) => rounding(n, false)),
  signum: unary((n) => {
    if (!Number.isInteger(n)) throw new ValueError('value must be a whole number, between -9223372036854775808 and 9223372036854775807');
    return Math.sign(n);
  }),
  log: fixed(2, ([n, base]) => finite(Math.log(toNum(n, 'the number')) / Math.log(toNum(base, 'the base')))),
  pow: fixed(2, ([n, p]) => finite(Math.pow(toNum(n, 'the number'), toNum(p, 'the power')))),
  max: fn(1, Infinity, extreme(1)),
  min: fn(1, Infinity, extreme(-1)),
  parseint: fixed(2, ([s, b]) => {
    if (typeof s !== 'string') throw new ValueError('first argument must be a string, not a number');
    return parseInt_(s, toInt(b, 'the base'));
  }),
};

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Go's big.Int SetString: bases up to 36 ignore letter case; above, upper case letters are 36-61. */
function parseInt_(s: string, base: number): Num {
  if (base < 2 || base > 62) throw new ValueError(`the base must be between 2 and 62, got ${base}`);
  const m = /^([+-]?)(.+)$/.exec(s);
  let n = 0n;
  for (const c of m?.[2] ?? '') {
    const d = DIGITS.indexOf(base <= 36 ? c.toLowerCase() : c);
    if (d < 0 || d >= base) throw new ValueError(`cannot parse ${JSON.stringify(s)} as a base ${base} integer`);
    n = n * BigInt(base) + BigInt(d);
  }
  if (!m) throw new ValueError(`cannot parse ${JSON.stringify(s)} as a base ${base} integer`);
  return simplify(cty.fromBigInt(m[1] === '-' ? -n : n));
}
