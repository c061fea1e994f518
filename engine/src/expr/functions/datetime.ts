// Time functions: formatdate timeadd timecmp, on RFC 3339 timestamps read strictly as cty reads
// them (two-digit fields, "T", "Z" or a +hh:mm offset, fractions after a period). A timestamp keeps
// its UTC offset: formatdate and timeadd write the time in it, as Go's time.Time does.
import { toStr, ValueError } from '../convert';
import { fixed, type FnDef } from './types';

interface Timestamp {
  /** nanoseconds since 1970-01-01T00:00:00Z */
  readonly ns: bigint;
  /** the offset from UTC it was written with, in seconds */
  readonly offset: number;
}

const NS_PER_SECOND = 1_000_000_000n;
const SECONDS_PER_DAY = 86_400n;

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The date of a day count since 1970-01-01 (civil_from_days). */
function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const daysIn = (m: number, y: number) => (m === 2 ? (isLeap(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]);

/** What cty says when a timestamp does not parse: the part that failed and what was there. */
function notRfc3339(part: string, rest: string): never {
  if (rest === '') throw new ValueError(`not a valid RFC3339 timestamp: end of string before ${part}`);
  throw new ValueError(`not a valid RFC3339 timestamp: cannot use ${JSON.stringify(rest)} as ${part}`);
}

/** Reads an RFC 3339 timestamp as cty's parseStrictRFC3339 does. */
export function parseTimestamp(s: string): Timestamp {
  let at = 0;
  const digits = (n: number, part: string, min: number, max: number): number => {
    const text = s.slice(at, at + n);
    if (!new RegExp(`^\\d{${n}}$`).test(text)) notRfc3339(part, s.slice(at));
    const v = Number(text);
    if (v < min || v > max) throw new ValueError(`not a valid RFC3339 timestamp: ${part} out of range`);
    at += n;
    return v;
  };
  const literal = (c: string) => {
    if (s[at] === c) return void at++;
    if (c === 'T') throw new ValueError("not a valid RFC3339 timestamp: missing required time introducer 'T'");
    if (at >= s.length) throw new ValueError(`not a valid RFC3339 timestamp: end of string where "${c}" is expected`);
    throw new ValueError(`not a valid RFC3339 timestamp: found ${JSON.stringify(s.slice(at))} where "${c}" is expected`);
  };
  const year = digits(4, 'year', 0, 9999);
  literal('-');
  const month = digits(2, 'month', 1, 12);
  literal('-');
  const day = digits(2, 'day of month', 1, daysIn(month, year));
  literal('T');
  const hour = digits(2, 'hour', 0, 23);
  literal(':');
  const minute = digits(2, 'minute', 0, 59);
  literal(':');
  const second = digits(2, 'second', 0, 59);
  let nanos = 0n;
  const fraction = /^\.(\d+)/.exec(s.slice(at));
  if (fraction) {
    nanos = BigInt(fraction[1].slice(0, 9).padEnd(9, '0'));
    at += fraction[0].length;
  }
  let offset = 0;
  if (s[at] === 'Z' && at + 1 === s.length) at++;
  else {
    const zone = /^([+-])(\d\d):(\d\d)$/.exec(s.slice(at));
    if (!zone) notRfc3339('UTC offset', s.slice(at));
    const [, sign, hh, mm] = zone;
    if (Number(hh) >= 24) throw new ValueError('not a valid RFC3339 timestamp: timezone hour out of range');
    if (Number(mm) >= 60) throw new ValueError('not a valid RFC3339 timestamp: timezone minute out of range');
    offset = (sign === '-' ? -1 : 1) * (Number(hh) * 3600 + Number(mm) * 60);
  }
  const localSeconds = BigInt(daysFromCivil(year, month, day)) * SECONDS_PER_DAY + BigInt(hour * 3600 + minute * 60 + second);
  return { ns: (localSeconds - BigInt(offset)) * NS_PER_SECOND + nanos, offset };
}

interface Fields {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
  second: number;
}

/** The calendar fields of a timestamp in its own offset. */
function fields(t: Timestamp): Fields {
  const local = t.ns / NS_PER_SECOND + BigInt(t.offset) - (t.ns % NS_PER_SECOND < 0n ? 1n : 0n);
  let days = Number(local / SECONDS_PER_DAY);
  let secs = Number(local % SECONDS_PER_DAY);
  if (secs < 0) {
    secs += 86400;
    days -= 1;
  }
  const { year, month, day } = civilFromDays(days);
  const weekday = (((days + 4) % 7) + 7) % 7;
  return { year, month, day, weekday, hour: Math.floor(secs / 3600), minute: Math.floor(secs / 60) % 60, second: secs % 60 };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Go's %0Nd: the sign counts in the width (-292 stays -292 at width 4). */
const goPad = (n: number, width: number) => (n < 0 ? '-' + String(-n).padStart(width - 1, '0') : String(n).padStart(width, '0'));

/** Go's "-0700" (colon false) or "-07:00" (colon true). */
function zone(offset: number, colon: boolean): string {
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${sign}${pad2(Math.floor(abs / 3600))}${colon ? ':' : ''}${pad2(Math.floor(abs / 60) % 60)}`;
}

/** time.RFC3339: seconds, no fraction; "Z" for UTC. */
export function formatRfc3339(t: Timestamp): string {
  const f = fields(t);
  // Go writes at least four digits after the sign: -0292
  const year = f.year < 0 ? `-${String(-f.year).padStart(4, '0')}` : String(f.year).padStart(4, '0');
  const date = `${year}-${pad2(f.month)}-${pad2(f.day)}`;
  return `${date}T${pad2(f.hour)}:${pad2(f.minute)}:${pad2(f.second)}${t.offset === 0 ? 'Z' : zone(t.offset, true)}`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const isLetter = (c: string | undefined) => c !== undefined && /^[A-Za-z]$/.test(c);

/** The format split as cty's splitDateFormat does: quoted literals, runs of one letter, other text. */
function dateFormatTokens(format: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < format.length) {
    let end = i + 1;
    if (format[i] === "'") {
      if (format[i + 1] === "'") end = i + 2;
      else {
        end = format.length;
        for (let j = i + 1; j < format.length; j++) {
          if (format[j] !== "'") continue;
          if (format[j + 1] === "'") {
            j++;
            continue;
          }
          end = j + 1;
          break;
        }
      }
    } else if (isLetter(format[i])) while (format[end] === format[i]) end++;
    else while (end < format.length && format[end] !== "'" && !isLetter(format[end])) end++;
    tokens.push(format.slice(i, end));
    i = end;
  }
  return tokens;
}

/** A verb's text by its length, or the error naming what that verb may be. */
function byLength(tok: string, forms: Record<number, () => string>, rule: string): string {
  const form = forms[tok.length];
  if (!form) throw new ValueError(`invalid date format verb ${JSON.stringify(tok)}: ${rule}`);
  return form();
}

function verb(tok: string, t: Timestamp, f: Fields): string {
  const hour12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
  switch (tok[0]) {
    case 'Y':
      return byLength(tok, { 2: () => goPad(f.year % 100, 2), 4: () => goPad(f.year, 4) }, 'year must either be "YY" or "YYYY"');
    case 'M': {
      const name = MONTHS[f.month - 1];
      const forms = { 1: () => String(f.month), 2: () => pad2(f.month), 3: () => name.slice(0, 3), 4: () => name };
      return byLength(tok, forms, 'month must be "M", "MM", "MMM", or "MMMM"');
    }
    case 'D':
      return byLength(tok, { 1: () => String(f.day), 2: () => pad2(f.day) }, 'day of month must either be "D" or "DD"');
    case 'E': {
      const name = WEEKDAYS[f.weekday];
      return byLength(tok, { 3: () => name.slice(0, 3), 4: () => name }, 'day of week must either be "EEE" or "EEEE"');
    }
    case 'h':
      return byLength(tok, { 1: () => String(f.hour), 2: () => pad2(f.hour) }, '24-hour must either be "h" or "hh"');
    case 'H':
      return byLength(tok, { 1: () => String(hour12), 2: () => pad2(hour12) }, '12-hour must either be "H" or "HH"');
    case 'A':
    case 'a': {
      const text = f.hour < 12 ? 'AM' : 'PM';
      return byLength(tok, { 2: () => (tok[0] === 'A' ? text : text.toLowerCase()) }, `must be "${tok[0]}${tok[0]}"`);
    }
    case 'm':
      return byLength(tok, { 1: () => String(f.minute), 2: () => pad2(f.minute) }, 'minute must either be "m" or "mm"');
    case 's':
      return byLength(tok, { 1: () => String(f.second), 2: () => pad2(f.second) }, 'second must either be "s" or "ss"');
    case 'Z': {
      const utcOrZone = () => (t.offset === 0 ? 'UTC' : zone(t.offset, false));
      const forms = {
        1: () => (t.offset === 0 ? 'Z' : zone(t.offset, true)),
        3: utcOrZone,
        4: () => zone(t.offset, false),
        5: () => zone(t.offset, true),
      };
      return byLength(tok, forms, 'timezone must be Z, ZZZZ, or ZZZZZ');
    }
  }
  throw new ValueError(`invalid date format verb ${JSON.stringify(tok)}`);
}

export function formatDate(format: string, t: Timestamp): string {
  const f = fields(t);
  let out = '';
  for (const tok of dateFormatTokens(format)) {
    if (tok[0] === "'") {
      if (tok.length === 1 || !tok.endsWith("'")) throw new ValueError("unterminated literal '");
      out += tok.length === 2 ? "'" : tok.slice(1, -1).replace(/''/g, "'");
    } else if (isLetter(tok[0])) out += verb(tok, t, f);
    else out += tok;
  }
  return out;
}

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  µs: 1000n,
  μs: 1000n,
  ms: 1_000_000n,
  s: NS_PER_SECOND,
  m: 60n * NS_PER_SECOND,
  h: 3600n * NS_PER_SECOND,
};
const MAX_DURATION = 1n << 63n;

/** Go's time.ParseDuration: [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+, in nanoseconds. */
export function parseDuration(text: string): bigint {
  const invalid = () => new ValueError(`time: invalid duration ${JSON.stringify(text)}`);
  let s = text;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw invalid();
  let total = 0n;
  while (s !== '') {
    const m = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    const [whole, intPart, fracPart] = m;
    if (!intPart && !fracPart) throw invalid();
    s = s.slice(whole.length);
    const unitEnd = s.search(/[.\d]/);
    const unit = unitEnd < 0 ? s : s.slice(0, unitEnd);
    if (unit === '') throw new ValueError(`time: missing unit in duration ${JSON.stringify(text)}`);
    s = s.slice(unit.length);
    const size = UNITS[unit];
    if (size === undefined) throw new ValueError(`time: unknown unit ${JSON.stringify(unit)} in duration ${JSON.stringify(text)}`);
    let v = BigInt(intPart || '0') * size;
    // Go keeps at most the fraction digits that fit in 63 bits, then scales in float64
    if (fracPart) v += BigInt(Math.floor(Number(`0.${fracPart}`) * Number(size)));
    total += v;
    if (total > MAX_DURATION) throw invalid();
  }
  if (!neg && total > MAX_DURATION - 1n) throw invalid();
  return neg ? -total : total;
}

const timestampArg = (v: Parameters<typeof toStr>[0], name: string) => parseTimestamp(toStr(v, name));

export const dateTimeFunctions: Record<string, FnDef> = {
  formatdate: fixed(2, ([format, time]) => formatDate(toStr(format, 'format'), timestampArg(time, 'time'))),
  timeadd: fixed(2, ([time, duration]) => {
    const t = timestampArg(time, 'timestamp');
    return formatRfc3339({ ns: t.ns + parseDuration(toStr(duration, 'duration')), offset: t.offset });
  }),
  timecmp: fixed(2, ([a, b]) => {
    const x = timestampArg(a, 'timestamp_a').ns;
    const y = timestampArg(b, 'timestamp_b').ns;
    return x === y ? 0 : x < y ? -1 : 1;
  }),
};
