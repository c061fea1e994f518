// Renders attribute values as Terraform prints them in plans: strings quoted, lists and maps
// expanded, "(known after apply)" and "(sensitive value)"; a list or map changed in place shows
// only what changed, with the unchanged elements next to a change for context.
import { isCtyNumber } from '../cty-number';
import { attributeName, goQuote } from './hcl-text';
import { stringifyJson } from '../json-syntax';
import { isUnknown, type Value } from '../values';
import { valuesEqual } from '../plan/diff';

export function renderScalar(v: Value | undefined, sensitive = false): string {
  if (sensitive) return '(sensitive value)';
  if (isUnknown(v)) return '(known after apply)';
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean' || isCtyNumber(v)) return String(v);
  return stringifyJson(v);
}

export function isScalar(v: Value | undefined): boolean {
  return v === null || v === undefined || typeof v !== 'object' || isUnknown(v) || isCtyNumber(v);
}

/** How an object's keys print: a map's quoted, an object's attribute names bare (quoted when not identifiers). */
export type KeyStyle = 'map' | 'object';

/**
 * Lines of a whole list, set, map or object being created or destroyed, each element with `sign`
 * and nested values expanded level by level, as terraform prints them (an unknown element shows as
 * "(known after apply)"). `keys`: 'map' where the schema declares a map, whose keys print quoted;
 * otherwise keys print bare (quoted when not identifiers), as terraform prints values of no declared type.
 */
export function renderCollection(v: Value, sign: string, indent: string, keys?: KeyStyle): string[] {
  const inner = `${indent}    `;
  if (Array.isArray(v)) {
    if (!v.length) return ['[]'];
    const lines = ['['];
    for (const x of v) {
      const nested = renderNested(x, sign, inner);
      nested[nested.length - 1] += ',';
      lines.push(`${inner}${sign} ${nested[0]}`, ...nested.slice(1));
    }
    return [...lines, `${indent}  ]`];
  }
  const entries = Object.entries(v as Record<string, Value>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (!entries.length) return ['{}'];
  const keyText = (k: string) => (keys === 'map' ? goQuote(k) : attributeName(k));
  const width = Math.max(...entries.map(([k]) => keyText(k).length));
  const lines = ['{'];
  for (const [k, x] of entries) {
    const nested = renderNested(x, sign, inner);
    lines.push(`${inner}${sign} ${keyText(k).padEnd(width)} = ${nested[0]}`, ...nested.slice(1));
  }
  return [...lines, `${indent}  }`];
}

function renderNested(x: Value, sign: string, indent: string): string[] {
  return isScalar(x) ? [renderScalar(x)] : renderCollection(x, sign, indent);
}

/** An element of a changed list or map: a nested value on one line. */
function element(x: Value): string {
  return isScalar(x) ? renderScalar(x) : stringifyJson(x);
}

function hiddenLine(indent: string, n: number): string {
  return `${indent}      # (${n} unchanged ${n === 1 ? 'element' : 'elements'} hidden)`;
}

/** Whether two values are both lists or both maps (known), so their change can show element by element. */
export function sameCollectionKind(a: Value | undefined, b: Value | undefined): boolean {
  if (isScalar(a) || isScalar(b)) return false;
  return Array.isArray(a) === Array.isArray(b);
}

/**
 * Lines of a list or map changed in place. Lists are matched by their longest common subsequence,
 * so an element added in the middle shows as one `+`; maps by key (`~` changed, `+` added, `-`
 * removed). Unchanged list elements are shown beside a change and counted as hidden elsewhere.
 */
export function renderCollectionChange(before: Value, after: Value, indent: string): string[] {
  const close = `${indent}  `;
  if (Array.isArray(before) && Array.isArray(after)) {
    const ops = listOps(before, after);
    const changed = ops.map((o) => o.sign !== ' ');
    const lines = ['['];
    let hidden = 0;
    ops.forEach((o, i) => {
      if (o.sign === ' ' && !changed[i - 1] && !changed[i + 1]) {
        hidden++;
        return;
      }
      if (hidden) lines.push(hiddenLine(indent, hidden));
      hidden = 0;
      const shown = o.sign === ' ' ? [element(o.value)] : renderNested(o.value, o.sign, `${indent}    `);
      shown[shown.length - 1] += ',';
      lines.push(`${indent}    ${o.sign} ${shown[0]}`, ...shown.slice(1));
    });
    if (hidden) lines.push(hiddenLine(indent, hidden));
    return [...lines, `${close}]`];
  }
  const b = before as Record<string, Value>;
  const a = after as Record<string, Value>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  const rows: [string, string, string[]][] = [];
  const inner = `${indent}    `;
  let hidden = 0;
  for (const k of keys) {
    if (!(k in a)) rows.push(['-', k, renderNested(b[k], '-', inner)]);
    else if (!(k in b)) rows.push(['+', k, renderNested(a[k], '+', inner)]);
    else if (!valuesEqual(b[k], a[k])) rows.push(['~', k, [`${element(b[k])} -> ${element(a[k])}`]]);
    else hidden++;
  }
  const width = Math.max(0, ...rows.map(([, k]) => goQuote(k).length));
  const row = ([sign, k, v]: [string, string, string[]]) => [`${inner}${sign} ${goQuote(k).padEnd(width)} = ${v[0]}`, ...v.slice(1)];
  const lines = ['{', ...rows.flatMap(row)];
  if (hidden) lines.push(hiddenLine(indent, hidden));
  return [...lines, `${close}}`];
}

/** The edit from one list to another: kept elements (the longest common subsequence), removed and added ones. */
function listOps(before: Value[], after: Value[]): { sign: ' ' | '+' | '-'; value: Value }[] {
  const key = (v: Value) => JSON.stringify(v);
  const [bk, ak] = [before.map(key), after.map(key)];
  // lengths[i][j]: the LCS length of before[i..] and after[j..]
  const lengths = Array.from({ length: before.length + 1 }, () => new Array<number>(after.length + 1).fill(0));
  for (let i = before.length - 1; i >= 0; i--) {
    for (let j = after.length - 1; j >= 0; j--)
      lengths[i][j] = bk[i] === ak[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
  }
  const ops: { sign: ' ' | '+' | '-'; value: Value }[] = [];
  let [i, j] = [0, 0];
  while (i < before.length || j < after.length) {
    if (i < before.length && j < after.length && bk[i] === ak[j]) {
      ops.push({ sign: ' ', value: before[i++] });
      j++;
    } else if (i < before.length && (j === after.length || lengths[i + 1][j] >= lengths[i][j + 1])) {
      ops.push({ sign: '-', value: before[i++] });
    } else {
      ops.push({ sign: '+', value: after[j++] });
    }
  }
  return ops;
}
