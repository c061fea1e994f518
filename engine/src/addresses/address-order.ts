// The order terraform lists resource instances in (plans, `show -json`): by module instance
// (shorter paths first, then each step's name and key), then data sources before managed
// resources, then type, name and instance key (no key first, then numbers, then strings).
import { parseInstanceAddress, splitResourceAddress, type InstanceKey } from './address';

interface SortKey {
  readonly modules: readonly { name: string; key: InstanceKey }[];
  readonly data: boolean;
  readonly type: string;
  readonly name: string;
  readonly key: InstanceKey;
}

const MODULE_STEP = /module\.([A-Za-z_][A-Za-z0-9_-]*)(?:\[(\d+|"(?:[^"\\]|\\.)*")\])?/g;

function sortKey(address: string): SortKey {
  const parsed = parseInstanceAddress(address);
  const resource = parsed?.resource ?? address;
  const { mode, type, name, module } = splitResourceAddress(resource);
  const modules = [...module.matchAll(MODULE_STEP)].map((m) => ({ name: m[1], key: stepKey(m[2]) }));
  return { modules, data: mode === 'data', type, name, key: parsed?.key };
}

function stepKey(text: string | undefined): InstanceKey {
  if (text === undefined) return undefined;
  return text.startsWith('"') ? (JSON.parse(text) as string) : Number(text);
}

function compareKeys(a: InstanceKey, b: InstanceKey): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
  return a < b ? -1 : 1;
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Negative when instance address `a` comes before `b` in terraform's order. */
export function compareInstanceAddresses(a: string, b: string): number {
  const x = sortKey(a);
  const y = sortKey(b);
  if (x.modules.length !== y.modules.length) return x.modules.length - y.modules.length;
  for (let i = 0; i < x.modules.length; i++) {
    const byStep = compareText(x.modules[i].name, y.modules[i].name) || compareKeys(x.modules[i].key, y.modules[i].key);
    if (byStep) return byStep;
  }
  if (x.data !== y.data) return x.data ? -1 : 1;
  return compareText(x.type, y.type) || compareText(x.name, y.name) || compareKeys(x.key, y.key);
}

/** `items` sorted as terraform lists them: by address, the current object before deposed ones. */
export function inTerraformOrder<T extends { readonly address: string; readonly deposed?: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compareInstanceAddresses(a.address, b.address) || compareText(a.deposed ?? '', b.deposed ?? ''));
}
