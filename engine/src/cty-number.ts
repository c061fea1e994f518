// Numbers as terraform's cty holds them: Go's big.Float, a binary mantissa of a given precision
// (512 bits for literals and parsed strings, 53 for the results of float64 functions such as pow),
// rounded to nearest even, and printed as the shortest decimal that reads back to the same value
// at that precision (Go's Text('f', -1)). That is why 0.1 + 0.2 prints 0.3, 1 / 3 prints 155
// digits ending in 5, and pow(2, 100) prints 1267650600228229400000000000000.
//
// Built on JavaScript's BigInt rather than a decimal library: a decimal library rounds in base 10
// and could not reproduce cty's binary rounding, and BigInt needs no dependency.

/** The precision cty gives literals and numbers parsed from text. */
export const LITERAL_PRECISION = 512;

export class CtyNumber {
  /** value = (neg ? -1 : 1) * mant * 2^exp; mant has no trailing zero bits (0n for zero) */
  constructor(
    readonly neg: boolean,
    readonly mant: bigint,
    readonly exp: number,
    readonly prec: number,
    readonly infinite = false,
  ) {}

  /** Written to JSON by stringifyJson as a bare number with every digit. */
  toJSON(): string {
    return `${NUMBER_MARK}${this.text()}`;
  }

  toString(): string {
    return this.text();
  }

  private cachedText?: string;

  /** Go's Text('f', -1): the shortest decimal that rounds back to this value at its precision. */
  text(): string {
    if (this.cachedText === undefined) this.cachedText = shortestText(this);
    return this.cachedText;
  }
}

/** What CtyNumber.toJSON writes, for stringifyJson to turn back into a bare number. */
export const NUMBER_MARK = '\u0000num:';

export function isCtyNumber(v: unknown): v is CtyNumber {
  return v instanceof CtyNumber;
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

function trailingZeros(n: bigint): number {
  if (n === 0n) return 0;
  let z = 0;
  while (((n >> BigInt(z)) & 1n) === 0n) z++;
  return z;
}

/** Rounds mant * 2^exp (plus a sticky bit for what lies below mant) to prec bits, nearest even. */
function make(neg: boolean, mant: bigint, exp: number, prec: number, sticky = false): CtyNumber {
  if (mant === 0n) return new CtyNumber(false, 0n, 0, prec);
  const len = bitLength(mant);
  if (len > prec) {
    const shift = len - prec;
    const s = BigInt(shift);
    let keep = mant >> s;
    const rem = mant & ((1n << s) - 1n);
    const half = 1n << (s - 1n);
    if (rem > half || (rem === half && (sticky || (keep & 1n) === 1n))) keep += 1n;
    mant = keep;
    exp += shift;
  }
  const tz = trailingZeros(mant);
  if (tz) {
    mant >>= BigInt(tz);
    exp += tz;
  }
  return new CtyNumber(neg, mant, exp, prec);
}

const INF = (neg: boolean, prec: number) => new CtyNumber(neg, 0n, 0, prec, true);

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** A decimal string read as cty reads it (512 bits unless told); undefined when it is not a number. */
export function parseDecimal(text: string, prec = LITERAL_PRECISION): CtyNumber | undefined {
  const m = DECIMAL.exec(text);
  if (!m || (!m[2] && !m[3])) return undefined;
  const neg = m[1] === '-';
  const digits = BigInt((m[2] || '') + (m[3] || '') || '0');
  const exp10 = Number(m[4] ?? 0) - (m[3]?.length ?? 0);
  if (!Number.isFinite(exp10) || Math.abs(exp10) > 100000) return undefined;
  if (digits === 0n) return new CtyNumber(false, 0n, 0, prec);
  if (exp10 >= 0) return make(neg, digits * 10n ** BigInt(exp10), 0, prec);
  const den = 10n ** BigInt(-exp10);
  // enough quotient bits for prec plus rounding, the rest kept as a sticky bit
  const shift = Math.max(0, prec + 2 - bitLength(digits) + bitLength(den));
  const num = digits << BigInt(shift);
  const q = num / den;
  return make(neg, q, -shift, prec, num % den !== 0n);
}

/** A float64 as Go's big.NewFloat makes it: exact, precision 53. */
export function fromFloat64(x: number): CtyNumber {
  if (!Number.isFinite(x)) return INF(x < 0, 53);
  if (x === 0) return new CtyNumber(false, 0n, 0, 53);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (biased === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = biased - 1075;
  }
  return make(x < 0, mant, exp, 53);
}

/** The float64 nearest to n (what cty's AsBigFloat().Float64() gives). */
export function toFloat64(n: CtyNumber): number {
  if (n.infinite) return n.neg ? -Infinity : Infinity;
  if (n.mant === 0n) return 0;
  const r = make(n.neg, n.mant, n.exp, 53);
  const v = Number(r.mant) * 2 ** r.exp;
  return r.neg ? -v : v;
}

/** A JavaScript number of a value as the cty number it stands for (its decimal text at 512 bits). */
export function fromJs(x: number): CtyNumber {
  if (!Number.isFinite(x)) return INF(x < 0, LITERAL_PRECISION);
  if (Number.isSafeInteger(x)) return make(x < 0, BigInt(Math.abs(x)), 0, LITERAL_PRECISION);
  return parseDecimal(plainJsText(x)) as CtyNumber;
}

/** A JavaScript number's shortest text, never in exponent form. */
export function plainJsText(n: number): string {
  const s = String(n);
  if (!s.includes('e')) return s;
  const [mant, expPart] = s.split('e');
  const exp = Number(expPart);
  const neg = mant.startsWith('-');
  const [int, frac = ''] = mant.replace('-', '').split('.');
  const digits = int + frac;
  const point = int.length + exp;
  let out: string;
  if (point <= 0) out = '0.' + '0'.repeat(-point) + digits;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = digits.slice(0, point) + '.' + digits.slice(point);
  return (neg ? '-' : '') + out;
}

function shortestText(x: CtyNumber): string {
  if (x.infinite) return x.neg ? '-Inf' : '+Inf';
  if (x.mant === 0n) return '0';
  // normalize the mantissa to exactly prec bits: the neighbours are half an ulp away
  let m = x.mant;
  let e = x.exp;
  const len = bitLength(m);
  if (len < x.prec) {
    m <<= BigInt(x.prec - len);
    e -= x.prec - len;
  }
  const inclusive = (m & 1n) === 0n;
  // everything in units of 10^-t, t large enough that x - ulp/2 is an integer
  const t = Math.max(0, 1 - e);
  const scale = (1n << BigInt(e - 1 + t)) * 5n ** BigInt(t);
  const xu = 2n * m * scale;
  const lower = (2n * m - 1n) * scale;
  const upper = (2n * m + 1n) * scale;
  const digits = xu.toString();
  let result = xu;
  for (let n = 1; n <= digits.length; n++) {
    const p = 10n ** BigInt(digits.length - n);
    const down = (xu / p) * p;
    if (down === xu) break;
    const up = down + p;
    const okDown = down > lower || (inclusive && down === lower);
    const okUp = up < upper || (inclusive && up === upper);
    if (!okDown && !okUp) continue;
    if (okDown && okUp) {
      const below = xu - down;
      const above = up - xu;
      const evenDown = ((down / p) & 1n) === 0n;
      result = below < above || (below === above && evenDown) ? down : up;
    } else result = okDown ? down : up;
    break;
  }
  return (x.neg ? '-' : '') + placeDecimal(result.toString(), t);
}

function placeDecimal(digits: string, t: number): string {
  if (t === 0) return digits;
  const padded = digits.padStart(t + 1, '0');
  const int = padded.slice(0, padded.length - t);
  const frac = padded.slice(padded.length - t).replace(/0+$/, '');
  return frac ? `${int}.${frac}` : int;
}

// Arithmetic as cty does it.

function align(a: CtyNumber, b: CtyNumber): [bigint, bigint, number] {
  const e = Math.min(a.exp, b.exp);
  const ma = (a.neg ? -a.mant : a.mant) << BigInt(a.exp - e);
  const mb = (b.neg ? -b.mant : b.mant) << BigInt(b.exp - e);
  return [ma, mb, e];
}

export function add(a: CtyNumber, b: CtyNumber): CtyNumber {
  const prec = Math.max(a.prec, b.prec);
  if (a.infinite || b.infinite) {
    if (a.infinite && b.infinite && a.neg !== b.neg) throw new RangeError('addition of infinities of opposite signs');
    return INF(a.infinite ? a.neg : b.neg, prec);
  }
  const [ma, mb, e] = align(a, b);
  const sum = ma + mb;
  return make(sum < 0n, sum < 0n ? -sum : sum, e, prec);
}

export function negate(a: CtyNumber): CtyNumber {
  if (a.mant === 0n && !a.infinite) return a;
  return new CtyNumber(!a.neg, a.mant, a.exp, a.prec, a.infinite);
}

export function subtract(a: CtyNumber, b: CtyNumber): CtyNumber {
  return add(a, negate(b));
}

export function multiply(a: CtyNumber, b: CtyNumber): CtyNumber {
  const neg = a.neg !== b.neg;
  if (a.infinite || b.infinite) return INF(neg, Math.max(a.prec, b.prec));
  const product = make(neg, a.mant * b.mant, a.exp + b.exp, LITERAL_PRECISION);
  const prec = Math.max(a.prec, b.prec, bitLength(product.mant));
  return new CtyNumber(product.neg, product.mant, product.exp, prec);
}

/** a / b; b must not be zero (the evaluator refuses division by zero before). */
export function divide(a: CtyNumber, b: CtyNumber): CtyNumber {
  const prec = Math.max(a.prec, b.prec);
  const neg = a.neg !== b.neg;
  if (a.infinite) return INF(neg, prec);
  if (b.infinite) return new CtyNumber(false, 0n, 0, prec);
  if (a.mant === 0n) return new CtyNumber(false, 0n, 0, prec);
  const shift = Math.max(0, prec + 2 - bitLength(a.mant) + bitLength(b.mant));
  const num = a.mant << BigInt(shift);
  const q = num / b.mant;
  return make(neg, q, a.exp - b.exp - shift, prec, num % b.mant !== 0n);
}

/** The integer part, toward zero (Go's Float.Int). */
export function truncate(a: CtyNumber): bigint {
  if (a.exp >= 0) return (a.neg ? -1n : 1n) * (a.mant << BigInt(a.exp));
  const v = a.mant >> BigInt(-a.exp);
  return a.neg ? -v : v;
}

export function fromBigInt(i: bigint, prec?: number): CtyNumber {
  const neg = i < 0n;
  const abs = neg ? -i : i;
  return make(neg, abs, 0, prec ?? Math.max(64, bitLength(abs)));
}

/** cty's Modulo: a - b * trunc(a / b), keeping a's precision. */
export function modulo(a: CtyNumber, b: CtyNumber): CtyNumber {
  if (a.infinite || b.infinite) return multiply(a, b);
  const q = truncate(divide(a, b));
  const qn = fromBigInt(q, a.prec);
  return subtract(a, multiply(b, qn));
}

export function compare(a: CtyNumber, b: CtyNumber): number {
  if (a.infinite || b.infinite) {
    const av = a.infinite ? (a.neg ? -2 : 2) : 0;
    const bv = b.infinite ? (b.neg ? -2 : 2) : 0;
    if (av !== bv || av !== 0) return Math.sign(av - bv) || Math.sign(toFloat64(a) - toFloat64(b));
  }
  const [ma, mb] = align(a, b);
  return ma < mb ? -1 : ma > mb ? 1 : 0;
}

export function isInteger(a: CtyNumber): boolean {
  return !a.infinite && (a.mant === 0n || a.exp >= 0);
}

export function isZero(a: CtyNumber): boolean {
  return !a.infinite && a.mant === 0n;
}
