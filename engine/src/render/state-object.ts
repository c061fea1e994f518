// One object of the state as `terraform state show` prints it: terraform's human renderer with
// every value unchanged and no action symbols. Attributes sorted and aligned, null ones left out;
// nested blocks as blocks after a blank line; lists, sets and maps expanded; strings holding JSON
// as jsonencode(...) and multi-line strings as heredocs; sensitive values, at any depth, as
// "(sensitive value)". Like terraform, a schema that the old SDK could have written (no dynamic or
// object types) shows an empty string as null: that SDK did not tell the two apart.
import { ctyTypeOf, type CtyType } from '../provider/cty-type';
import type { BlockSchema } from '../provider/interface';
import { isCtyNumber } from '../cty-number';
import { parseJsonKeepingDigits } from '../json-syntax';
import type { AttributePath, Value } from '../values';
import { attributeName, goQuote } from './hcl-text';

const SENSITIVE = '(sensitive value)';

/** `{` ... `}` for `value` under `schema` (undefined: every attribute of dynamic type). */
export function renderStateObject(
  value: Record<string, Value>,
  schema: BlockSchema | undefined,
  sensitive: readonly AttributePath[],
): string {
  // a path within an attribute (a map key, a list index) hides the whole attribute: safe, if more than terraform hides
  const isSensitive = (path: AttributePath) => sensitive.some((p) => p.slice(0, path.length).every((step, i) => step === path[i]));
  return renderBlock(value, schema, 0, [], !schema || !legacyFeaturesOnly(schema), isSensitive);
}

function renderBlock(
  value: Record<string, Value>,
  schema: BlockSchema | undefined,
  indent: number,
  path: AttributePath,
  nonLegacy: boolean,
  isSensitive: (path: AttributePath) => boolean,
): string {
  const names = schema ? Object.keys(schema.attributes) : Object.keys(value);
  const rows: [string, string][] = [];
  for (const name of names.sort()) {
    const v = value[name];
    if (v === null || v === undefined) continue;
    const attribute = schema?.attributes[name];
    const hidden = !!attribute?.sensitive || isSensitive([...path, name]);
    const type = attribute ? ctyTypeOf(attribute) : 'dynamic';
    rows.push([attributeName(name), hidden ? SENSITIVE : renderTyped(v, type, indent + 1, nonLegacy)]);
  }
  const width = Math.max(0, ...rows.map(([name]) => name.length));
  const lines = ['{', ...rows.map(([name, text]) => `${pad(indent + 1)}${name.padEnd(width)} = ${text}`)];
  for (const [name, nested] of Object.entries(schema?.blocks ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const v = value[name];
    const items = Array.isArray(v) ? v : v !== null && v !== undefined ? [v] : [];
    const innerNonLegacy = nonLegacy || !legacyFeaturesOnly(nested.block);
    items.forEach((item, i) => {
      // a blank line between the attributes and each kind of block
      if (i === 0 && rows.length) lines.push('');
      const itemPath = nested.nesting === 'single' ? [...path, name] : [...path, name, i];
      const body = renderBlock(item as Record<string, Value>, nested.block, indent + 1, itemPath, innerNonLegacy, isSensitive);
      lines.push(`${pad(indent + 1)}${attributeName(name)} ${body}`);
    });
  }
  return [...lines, `${pad(indent)}}`].join('\n');
}

/** Whether the old SDK could have declared the block: no dynamic, object or tuple types anywhere in it. */
export function legacyFeaturesOnly(schema: BlockSchema): boolean {
  return Object.values(schema.attributes).every((a) => !hasDynamic(ctyTypeOf(a)));
}

function hasDynamic(type: CtyType): boolean {
  if (typeof type === 'string') return type === 'dynamic';
  if (type[0] === 'object' || type[0] === 'tuple') return true;
  return hasDynamic(type[1] as CtyType);
}

function renderTyped(v: Value, type: CtyType, indent: number, nonLegacy: boolean): string {
  if (!nonLegacy && v === '') return 'null';
  if (v === null || v === undefined) return 'null';
  if (typeof type === 'string') return type === 'dynamic' ? renderJson(v, indent) : renderPrimitive(v, indent);
  const [kind, element] = type as readonly [string, CtyType];
  if (kind === 'map') return renderMap(v as Record<string, Value>, (x) => renderTyped(x, element, indent + 1, nonLegacy), indent);
  if (kind === 'list' || kind === 'set') return renderList(v as Value[], (x) => renderTyped(x, element, indent + 1, nonLegacy), indent);
  return renderJson(v, indent);
}

/** A value of dynamic type, as terraform's renderer reads JSON: objects with attribute names, arrays as lists. */
function renderJson(v: Value, indent: number): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return renderList(v, (x) => renderJson(x, indent + 1), indent);
  if (typeof v === 'object' && !isCtyNumber(v)) return renderObject(v as Record<string, Value>, indent);
  return renderPrimitive(v, indent);
}

function renderPrimitive(v: Value, indent: number): string {
  if (typeof v !== 'string') return String(v);
  const json = jsonInString(v);
  if (json !== undefined) {
    const inner = renderJson(json, indent + 1);
    return inner.includes('\n') ? `jsonencode(\n${pad(indent + 1)}${inner}\n${pad(indent)})` : `jsonencode(${inner})`;
  }
  if (!v.includes('\n')) return goQuote(v);
  const lines = v.trim().split('\n');
  return `<<-EOT\n${lines.map((line) => `${pad(indent + 1)}${line}`).join('\n')}\n${pad(indent)}EOT`;
}

/** The value of a string that is a JSON object or array, as terraform finds one; undefined otherwise. */
function jsonInString(s: string): Value | undefined {
  if (!s.startsWith('{') && !s.startsWith('[')) return undefined;
  try {
    return parseJsonKeepingDigits(s) as Value;
  } catch {
    return undefined;
  }
}

function renderList(items: Value[], element: (x: Value) => string, indent: number): string {
  if (!items.length) return '[]';
  return ['[', ...items.map((x) => `${pad(indent + 1)}${element(x)},`), `${pad(indent)}]`].join('\n');
}

function renderMap(map: Record<string, Value>, element: (x: Value) => string, indent: number): string {
  const keys = Object.keys(map).sort();
  if (!keys.length) return '{}';
  const width = Math.max(...keys.map((k) => goQuote(k).length));
  return ['{', ...keys.map((k) => `${pad(indent + 1)}${goQuote(k).padEnd(width)} = ${element(map[k])}`), `${pad(indent)}}`].join('\n');
}

function renderObject(object: Record<string, Value>, indent: number): string {
  const keys = Object.keys(object).sort();
  if (!keys.length) return '{}';
  const width = Math.max(...keys.map((k) => attributeName(k).length));
  const line = (k: string) => `${pad(indent + 1)}${attributeName(k).padEnd(width)} = ${renderJson(object[k], indent + 1)}`;
  return ['{', ...keys.map(line), `${pad(indent)}}`].join('\n');
}

function pad(indent: number): string {
  return '    '.repeat(indent);
}
