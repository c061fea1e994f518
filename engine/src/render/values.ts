// Renders attribute values as Terraform prints them in plans: strings quoted, lists and maps
// expanded, "(known after apply)" and "(sensitive value)".
import { isUnknown, type Value } from '../values';

export function renderScalar(v: Value | undefined, sensitive = false): string {
  if (sensitive) return '(sensitive value)';
  if (isUnknown(v)) return '(known after apply)';
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

export function isScalar(v: Value | undefined): boolean {
  return v === null || v === undefined || typeof v !== 'object' || isUnknown(v);
}

/** Lines of a list or map literal, each prefixed with `sign`. */
export function renderCollection(v: Value, sign: string, indent: string): string[] {
  if (Array.isArray(v)) {
    if (!v.length) return ['[]'];
    return ['[', ...v.map((x) => `${indent}    ${sign} ${isScalar(x) ? renderScalar(x) : JSON.stringify(x)},`), `${indent}  ]`];
  }
  const entries = Object.entries(v as Record<string, Value>);
  if (!entries.length) return ['{}'];
  const width = Math.max(...entries.map(([k]) => JSON.stringify(k).length));
  return ['{', ...entries.map(([k, x]) => `${indent}    ${sign} ${JSON.stringify(k).padEnd(width)} = ${isScalar(x) ? renderScalar(x) : JSON.stringify(x)}`), `${indent}  }`];
}
