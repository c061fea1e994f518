// Which attribute paths of an object the schema marks sensitive (recorded in state and hidden in plans).
import type { BlockSchema, ObjectValue } from '../provider/interface';
import type { AttributePath, Value } from '../values';

export function sensitiveAttributePaths(block: BlockSchema, value: ObjectValue | null, prefix: AttributePath = []): AttributePath[] {
  const out: AttributePath[] = [];
  for (const [name, attr] of Object.entries(block.attributes)) if (attr.sensitive) out.push([...prefix, name]);
  for (const [name, nested] of Object.entries(block.blocks ?? {})) {
    const v = value?.[name] as Value | undefined;
    const items = Array.isArray(v) ? v : v && typeof v === 'object' ? [v] : [];
    items.forEach((item, i) =>
      out.push(
        ...sensitiveAttributePaths(
          nested.block,
          item as ObjectValue,
          nested.nesting === 'single' ? [...prefix, name] : [...prefix, name, i],
        ),
      ),
    );
  }
  return out;
}
