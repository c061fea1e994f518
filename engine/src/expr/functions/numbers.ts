// Number functions: abs ceil floor log max min pow signum parseint.
import type { Value } from '../../values';
import { toInt, toNum, toStr, ValueError } from '../convert';
import { fixed, fn, type FnDef } from './types';

const nums = (args: Value[]) => args.map((a, i) => toNum(a, `argument ${i + 1}`));
const unary = (f: (n: number) => number) => fixed(1, ([n]) => f(toNum(n, 'the number')));

export const numberFunctions: Record<string, FnDef> = {
  abs: unary(Math.abs),
  ceil: unary(Math.ceil),
  floor: unary(Math.floor),
  signum: unary(Math.sign),
  log: fixed(2, ([n, base]) => Math.log(toNum(n, 'the number')) / Math.log(toNum(base, 'the base'))),
  pow: fixed(2, ([n, p]) => Math.pow(toNum(n, 'the number'), toNum(p, 'the power'))),
  max: fn(1, Infinity, (args) => Math.max(...nums(args))),
  min: fn(1, Infinity, (args) => Math.min(...nums(args))),
  parseint: fixed(2, ([s, b]) => parseInt_(toStr(s, 'the string'), toInt(b, 'the base'))),
};

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Go's big.Int SetString: bases up to 36 ignore letter case; above, upper case letters are 36-61. */
function parseInt_(s: string, base: number): number {
  if (base < 2 || base > 62) throw new ValueError(`the base must be between 2 and 62, got ${base}`);
  const m = /^([+-]?)(.+)$/.exec(s);
  let n = 0n;
  for (const c of m?.[2] ?? '') {
    const d = DIGITS.indexOf(base <= 36 ? c.toLowerCase() : c);
    if (d < 0 || d >= base) throw new ValueError(`cannot parse ${JSON.stringify(s)} as a base ${base} integer`);
    n = n * BigInt(base) + BigInt(d);
  }
  if (!m) throw new ValueError(`cannot parse ${JSON.stringify(s)} as a base ${base} integer`);
  return Number(m[1] === '-' ? -n : n);
}
