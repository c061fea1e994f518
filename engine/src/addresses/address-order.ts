// The order terraform lists resource instances in (plans, `show -json`): by module instance
// (shorter paths first, then each step's name and key), then data sources before managed
// resources, then type, name and instance key (no key first, then numbers, then strings).
import { moduleOf, type InstanceKey } from './address';

const MODULE_STEP = /module\.([A-Za-z_][A-Za-z0-9_-]*)(?:\[(\d+|"(?:[^"\\]|\\.)*")\])?/g;
/** between parts of a sort key: below every character a name or key can hold, so a prefix sorts first */
const END = '\u0000';

/**
 * One string per address whose plain string order is terraform's order: plans list tens of
 * thousands of instances, and comparing strings is what sorting does fastest.
 */
function sortKey(address: string): string {
  // the common case, a root resource, read without regular expressions
  if (!address.startsWith('module.')) return `${String.fromCharCode(0x20)}${resourceKey(address)}`;
  const module = moduleOf(address);
  const steps = [...module.matchAll(MODULE_STEP)].map((m) => `${m[1]}${END}${keyPart(stepKey(m[2]))}`);
  // the number of steps first (as a fixed-width count), so shorter module paths sort first
  const depth = String.fromCharCode(0x20 + steps.length);
  return `${depth}${steps.join('')}${resourceKey(address.slice(module.length + 1))}`;
}

/** The key of `[data.]TYPE.NAME[KEY]`: data sources first, then type, name and instance key. */
function resourceKey(resource: string): string {
  const bracket = resource.indexOf('[');
  const path = bracket < 0 ? resource : resource.slice(0, bracket);
  const parts = path.split('.');
  const data = parts[0] === 'data' && parts.length === 3;
  const [type, name] = data ? [parts[1], parts[2]] : [parts[0], parts[1] ?? ''];
  const key = bracket < 0 ? undefined : stepKey(resource.slice(bracket + 1, -1));
  return `${data ? '0' : '1'}${type}${END}${name}${END}${keyPart(key)}`;
}

function stepKey(text: string | undefined): InstanceKey {
  if (text === undefined) return undefined;
  return text.startsWith('"') ? (JSON.parse(text) as string) : Number(text);
}

/** no key, then numbers in numeric order, then strings */
function keyPart(key: InstanceKey): string {
  if (key === undefined) return `0${END}`;
  if (typeof key === 'number') return `1${String(key).padStart(16, '0')}${END}`;
  return `2${key}${END}`;
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** `items` sorted as terraform lists them: by address, the current object before deposed ones. */
export function inTerraformOrder<T extends { readonly address: string; readonly deposed?: string }>(items: readonly T[]): T[] {
  const keyed = items.map((item) => ({ item, key: `${sortKey(item.address)}${END}${item.deposed ?? ''}` }));
  keyed.sort((a, b) => compareText(a.key, b.key));
  return keyed.map((k) => k.item);
}
