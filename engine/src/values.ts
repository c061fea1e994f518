// Values of attributes as the engine holds them: JSON-like data plus `Unknown`, the marker of a
// value that is known only after apply (Terraform's "(known after apply)").
import { CtyNumber } from './cty-number';

export { CtyNumber };

export const Unknown: unique symbol = Symbol.for('gridform.unknown');
export type UnknownValue = typeof Unknown;

/**
 * A number is a JavaScript number when its decimal text says all of it (almost always), else a
 * CtyNumber with cty's full precision (1 / 3, 123456789 * 987654321, pow(2, 100), 1e600).
 */
export type Value = string | number | CtyNumber | boolean | null | UnknownValue | Value[] | { [key: string]: Value };

export function isUnknown(v: unknown): v is UnknownValue {
  return v === Unknown;
}

/** A step into a value: an attribute or map key (string) or a list index (number). */
export type PathStep = string | number;
export type AttributePath = readonly PathStep[];

/** Renders a path as Terraform writes it: vms[0].memory, env_vars["KEY"]. */
export function formatPath(path: AttributePath): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(step)) out += out ? `.${step}` : step;
    else out += `[${JSON.stringify(step)}]`;
  }
  return out;
}

/**
 * Sets `o[key]`, also for the key "__proto__" (an own key once JSON.parse makes it one), which
 * plain assignment would turn into the object's prototype.
 */
export function setKey<T>(o: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else o[key] = value;
}

/**
 * A deep copy of JSON-like data (state, plans) that keeps CtyNumbers as they are (they are
 * immutable); structuredClone would turn them into plain objects.
 */
export function cloneData<T>(v: T): T {
  if (v === null || typeof v !== 'object' || v instanceof CtyNumber) return v;
  if (Array.isArray(v)) return v.map(cloneData) as T;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) setKey(out, k, cloneData((v as Record<string, unknown>)[k]));
  return out as T;
}
