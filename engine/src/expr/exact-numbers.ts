// Arithmetic on the engine's numbers with cty's results: JavaScript numbers while the answer is
// exact in them (sums and products of safe integers, the common case, stay fast), CtyNumber
// arithmetic otherwise, and back to a JavaScript number whenever its text says all of the result.
import * as cty from '../cty-number';
import { CtyNumber, isCtyNumber, LITERAL_PRECISION } from '../cty-number';

export type Num = number | CtyNumber;

export function toCty(n: Num): CtyNumber {
  return typeof n === 'number' ? cty.fromJs(n) : n;
}

/** A JavaScript number where it stands for exactly this value (its text read back at 512 bits), else n. */
export function simplify(n: CtyNumber): Num {
  if (n.infinite) return n.neg ? -Infinity : Infinity;
  if (n.mant === 0n) return 0;
  const integer = cty.isInteger(n);
  if (!integer && n.prec < LITERAL_PRECISION) return n;
  const text = n.text();
  const js = Number(text);
  if (integer) return Number.isSafeInteger(js) && String(js) === text ? js : n;
  // a number JSON.stringify would write in exponent form stays a CtyNumber, written in full
  return String(js) === text && cty.compare(cty.fromJs(js), n) === 0 ? js : n;
}

/** A number read from text as cty reads it (literals, strings converted to numbers). */
export function parseNumber(text: string): Num | undefined {
  const exact = cty.parseDecimal(text);
  return exact && simplify(exact);
}

export type ArithOp = '+' | '-' | '*' | '/' | '%';

/** a op b; division and modulo by zero are refused by the caller. */
export function arith(op: ArithOp, a: Num, b: Num): Num {
  if (typeof a === 'number' && typeof b === 'number' && Number.isSafeInteger(a) && Number.isSafeInteger(b)) {
    const r = op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : op === '%' ? a % b : undefined;
    if (r !== undefined && Number.isSafeInteger(r)) return r === 0 ? 0 : r;
  }
  const x = toCty(a);
  const y = toCty(b);
  switch (op) {
    case '+':
      return simplify(cty.add(x, y));
    case '-':
      return simplify(cty.subtract(x, y));
    case '*':
      return simplify(cty.multiply(x, y));
    case '/':
      return simplify(cty.divide(x, y));
    case '%':
      return simplify(cty.modulo(x, y));
  }
}

export function compareNum(a: Num, b: Num): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  return cty.compare(toCty(a), toCty(b));
}

export function isZeroNum(n: Num): boolean {
  return typeof n === 'number' ? n === 0 : cty.isZero(n);
}

export function numText(n: Num): string {
  return typeof n === 'number' ? cty.plainJsText(n) : n.text();
}

export function isNum(v: unknown): v is Num {
  return typeof v === 'number' || isCtyNumber(v);
}

/** A float64's result (pow, log, ...) as cty holds it: precision 53. */
export function fromFloat(x: number): Num {
  return simplify(cty.fromFloat64(x));
}

export function negateNum(n: Num): Num {
  if (typeof n === 'number') return n === 0 ? 0 : -n;
  return cty.negate(n);
}
