// What is wrong with text that does not parse as JSON, in words and with a line and column,
// rather than the parser's own message (which differs between Node versions and quotes the text).
import { compare, fromJs, NUMBER_MARK, parseDecimal, type CtyNumber } from './cty-number';

/** Parses `text`; a problem phrase ("it ends before the JSON is complete") when it is not JSON. */
export function parseJson(text: string, reviver?: (key: string, value: unknown) => unknown): { value: unknown } | { problem: string } {
  try {
    return { value: parseJsonKeepingDigits(text, reviver) };
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    return { problem: jsonSyntaxProblem(text, err) };
  }
}

/**
 * JSON.parse, except that a number a float64 cannot hold (more digits, or beyond its range) is
 * read as a CtyNumber with every digit, as terraform reads state and configuration.
 */
export function parseJsonKeepingDigits(text: string, reviver?: (key: string, value: unknown) => unknown): unknown {
  const lossy = lossyNumbers(text);
  if (!lossy.length) return JSON.parse(text, reviver);
  let marked = '';
  let from = 0;
  for (const { start, end } of lossy) {
    marked += `${text.slice(from, start)}"\\u0000num:${text.slice(start, end)}"`;
    from = end;
  }
  marked += text.slice(from);
  return JSON.parse(marked, (key, value: unknown) => {
    const isMarked = typeof value === 'string' && value.startsWith(NUMBER_MARK);
    const v = isMarked ? (parseDecimal(value.slice(NUMBER_MARK.length)) as CtyNumber) : value;
    return reviver ? reviver(key, v) : v;
  });
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Whether `c` may continue a JSON number token (digits, '.', 'e', 'E', '+', '-'). */
function inNumber(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d;
}

/**
 * Where the numbers a float64 cannot hold are, outside strings. A scan, not a regular expression:
 * a pattern over strings backtracks per character and overflows the stack on a string of megabytes.
 */
function lossyNumbers(text: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = text.indexOf('"', i + 1);
      while (i > 0 && precededByOddBackslashes(text, i)) i = text.indexOf('"', i + 1);
      i = i < 0 ? text.length : i + 1;
      continue;
    }
    const startsNumber = c === 0x2d || (c >= 0x30 && c <= 0x39);
    if (!startsNumber) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < text.length && inNumber(text.charCodeAt(end))) end++;
    if (isLossy(text.slice(i, end))) found.push({ start: i, end });
    i = end;
  }
  return found;
}

function precededByOddBackslashes(text: string, at: number): boolean {
  let n = 0;
  for (let j = at - 1; j >= 0 && text.charCodeAt(j) === BACKSLASH; j--) n++;
  return n % 2 === 1;
}

/** Whether a JSON number would lose digits or range as a float64. */
function isLossy(t: string): boolean {
  if (t.length <= 15 && !/[eE]/.test(t) && !t.startsWith('0.00000') && !t.startsWith('-0.00000')) return false;
  const exact = parseDecimal(t);
  const n = Number(t);
  if (!exact || !Number.isFinite(n)) return !!exact;
  // JSON.stringify would write it in exponent form, where terraform writes every digit
  if (String(n).includes('e')) return true;
  return compare(exact, fromJs(n)) !== 0;
}

/** JSON.stringify, writing CtyNumbers as bare numbers with every digit. */
export function stringifyJson(value: unknown, space?: number, replacer?: (key: string, value: unknown) => unknown): string {
  const text = JSON.stringify(value, replacer as never, space);
  if (text === undefined || !text.includes('\\u0000num:')) return text;
  return text.replace(/"\\u0000num:([^"]*)"/g, '$1');
}

export function jsonSyntaxProblem(text: string, err: SyntaxError): string {
  if (!text.trim()) return 'it is empty';
  const message = err.message;
  const position = /at position (\d+)/.exec(message)?.[1];
  const at = position !== undefined ? ` at ${lineAndColumn(text, Number(position))}` : '';
  if (/Unexpected end of JSON input/.test(message) || (position !== undefined && Number(position) >= text.trimEnd().length)) {
    return 'it ends before the JSON is complete (was it cut short?)';
  }
  if (/Unterminated string/.test(message)) return `a string is not closed${at}`;
  if (/non-whitespace character after JSON/.test(message)) return `there is more after the JSON value${at}`;
  const token = /Unexpected token '(.)'/.exec(message)?.[1] ?? (position !== undefined ? text[Number(position)] : undefined);
  const where = at || (token !== undefined ? ` at ${lineAndColumn(text, text.indexOf(token))}` : '');
  return token !== undefined ? `it has ${JSON.stringify(token)} where JSON cannot have it${where}` : `it is not JSON${where}`;
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}
