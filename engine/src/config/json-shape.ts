// The shapes of a configuration document's values, as every reader of cdk.tf.json tells them
// apart and names them in its messages.

export type Json = Record<string, unknown>;

/** A JSON object: not null, not a list. */
export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value as a message names it: "a list", "an object", "the string \"yes\"". */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `the ${typeof v} ${JSON.stringify(v)}`;
}

/** An address as cdktf may write it, bare or as a `${...}` reference; "" when not a string. */
export function addressText(v: unknown): string {
  return typeof v === 'string' ? v.replace(/^\$\{(.*)\}$/, '$1') : '';
}

/** A block kind written as one block or a list of them (moved, import, removed ...); null, as in terraform, is none. */
export function blockList(raw: unknown): unknown[] {
  return Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
}
