// Builds the proposed new state of a resource: the configuration, with computed attributes the
// configuration leaves unset taken from the prior state (or unknown when there is none), nested
// blocks matched by position. This is what the provider is asked to plan from.
import type { BlockSchema, ObjectValue } from '../provider/interface';
import { Unknown, type Value } from '../values';

export function proposeNewState(schema: BlockSchema, config: ObjectValue, prior: ObjectValue | null): ObjectValue {
  const out: ObjectValue = {};
  for (const [name, attr] of Object.entries(schema.attributes)) {
    const c = config[name];
    if (c !== undefined && c !== null) out[name] = c;
    else if (attr.computed) out[name] = prior && prior[name] !== undefined ? prior[name] : Unknown;
    else out[name] = null;
  }
  for (const [name, block] of Object.entries(schema.blocks ?? {})) {
    const c = config[name];
    const p = prior?.[name];
    if (block.nesting === 'single') {
      out[name] =
        c && typeof c === 'object' && !Array.isArray(c) ? proposeNewState(block.block, c as ObjectValue, (p as ObjectValue) ?? null) : null;
      continue;
    }
    const items = Array.isArray(c) ? c : c && typeof c === 'object' ? [c] : [];
    const priorItems = Array.isArray(p) ? p : [];
    out[name] = items.map((item, i) => proposeNewState(block.block, item as ObjectValue, (priorItems[i] as ObjectValue) ?? null)) as Value;
  }
  return out;
}
