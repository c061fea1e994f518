// Which lists in a resource's value are sets, as its schema types them (set attributes and
// blocks nested as sets), so that expressions see them as sets: for_each takes a set, not a list.
import type { BlockSchema } from '../provider/interface';
import { markSet } from '../expr/convert';
import { isUnknown, type Value } from '../values';

/** Marks the set-typed lists of `value` (an object of `block`) in place, and returns it. */
export function markSchemaSets<T extends Value | null | undefined>(value: T, block: BlockSchema): T {
  if (!value || typeof value !== 'object' || Array.isArray(value) || isUnknown(value)) return value;
  const obj = value as Record<string, Value>;
  for (const [name, attribute] of Object.entries(block.attributes)) {
    if (attribute.type === 'set' && Array.isArray(obj[name])) markSet(obj[name] as Value[]);
  }
  for (const [name, nested] of Object.entries(block.blocks ?? {})) {
    const v = obj[name];
    if (!Array.isArray(v)) {
      markSchemaSets(v, nested.block);
      continue;
    }
    if (nested.nesting === 'set') markSet(v);
    for (const item of v) markSchemaSets(item, nested.block);
  }
  return value;
}
