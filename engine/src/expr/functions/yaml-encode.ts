// yamlencode: a value as block-style YAML, written the way terraform's encoder writes it: keys and
// strings double-quoted, map keys sorted, sequences under a key not indented, and a "..." document
// end after a plain scalar at the root. Strings gridform cannot write identically (line breaks,
// control characters, or long enough for terraform to fold) are refused rather than written differently.
import { isCtyNumber } from '../../cty-number';
import type { Value } from '../../values';
import { isObject, numToString, ValueError } from '../convert';
import { fixed, type FnDef } from './types';

/** Double-quoted strings with a space this long or longer may be folded by terraform's 80-column emitter. */
const FOLD_RISK = 60;

function quoted(s: string): string {
  if (/[\p{Cc}\u2028\u2029\u0085]/u.test(s))
    throw new ValueError('yamlencode in gridform does not write strings with line breaks or control characters');
  if (s.length >= FOLD_RISK && s.includes(' '))
    throw new ValueError(`yamlencode in gridform does not write strings of ${FOLD_RISK} or more characters with spaces`);
  return `"${s.replace(/["\\]/g, (c) => '\\' + c)}"`;
}

function scalar(v: Value): string | undefined {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number' || isCtyNumber(v)) return numToString(v);
  if (typeof v === 'string') return quoted(v);
  if (Array.isArray(v) && v.length === 0) return '[]';
  if (isObject(v) && Object.keys(v).length === 0) return '{}';
  return undefined;
}

/** The lines of a non-empty list or map, unindented. */
function block(v: Value): string[] {
  const lines: string[] = [];
  if (Array.isArray(v)) {
    for (const item of v) {
      const flat = scalar(item);
      if (flat !== undefined) lines.push(`- ${flat}`);
      else block(item).forEach((l, i) => lines.push(i === 0 ? `- ${l}` : `  ${l}`));
    }
    return lines;
  }
  const obj = v as Record<string, Value>;
  for (const key of Object.keys(obj).sort()) {
    const child = obj[key];
    const flat = scalar(child);
    if (flat !== undefined) lines.push(`${quoted(key)}: ${flat}`);
    else if (Array.isArray(child)) lines.push(`${quoted(key)}:`, ...block(child));
    else lines.push(`${quoted(key)}:`, ...block(child).map((l) => `  ${l}`));
  }
  return lines;
}

export function yamlEncode(v: Value): string {
  const flat = scalar(v);
  if (flat === undefined) return block(v).join('\n') + '\n';
  const plain = !flat.startsWith('"') && flat !== '[]' && flat !== '{}';
  return plain ? `${flat}\n...\n` : `${flat}\n`;
}

export const yamlEncodeFunctions: Record<string, FnDef> = {
  yamlencode: fixed(1, ([v]) => yamlEncode(v)),
};
