// Values of attributes as the engine holds them: JSON-like data plus `Unknown`, the marker of a
// value that is known only after apply (Terraform's "(known after apply)").
export const Unknown: unique symbol = Symbol.for('gridform.unknown');
export type UnknownValue = typeof Unknown;

export type Value = string | number | boolean | null | UnknownValue | Value[] | { [key: string]: Value };

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
