// The engine's view of a declaration: types, required/optional/computed, sensitive, forceNew and
// descriptions; the constraints stay with the validator.
import {
  attributeTypeOf,
  ctyTypeName,
  type AttributeSchema,
  type BlockSchema,
  type ProviderSchema,
  type ResourceSchema,
} from '../../../engine';
import type { AttributeDecl, BlockDecl, ProviderDecl, ResourceDecl } from './declaration';

export function engineProviderSchema(decl: ProviderDecl): ProviderSchema {
  return {
    provider: engineResourceSchema(decl.provider),
    resources: mapValues(decl.resources, engineResourceSchema),
    dataSources: mapValues(decl.dataSources, engineResourceSchema),
  };
}

export function engineResourceSchema(decl: ResourceDecl): ResourceSchema {
  return { version: decl.version, block: engineBlock(decl.block, []) };
}

function engineBlock(block: BlockDecl, at: readonly string[]): BlockSchema {
  const attributes = Object.fromEntries(Object.entries(block.attributes).map(([n, a]) => [n, engineAttribute(a, [...at, n])]));
  const out: { -readonly [K in keyof BlockSchema]: BlockSchema[K] } = { attributes };
  if (block.description) out.description = block.description;
  if (!block.blocks) return out;
  out.blocks = Object.fromEntries(
    Object.entries(block.blocks).map(([n, b]) => {
      const nested = {
        nesting: b.nesting,
        block: engineBlock(b.block, [...at, n]),
        minItems: b.minItems,
        maxItems: b.maxItems,
        forceNew: b.forceNew,
      };
      return [n, dropUndefined(nested)];
    }),
  );
  return out;
}

function engineAttribute(a: AttributeDecl, at: readonly string[]): AttributeSchema {
  const type = attributeTypeOf(a.type);
  // a programming error in a declaration, found when the provider module loads
  if (!type) throw new Error(`${at.join('.')}: the engine has no attribute type for ${ctyTypeName(a.type)} yet`);
  const { description, required, optional, computed, sensitive, forceNew } = a;
  return dropUndefined({ ...type, description, required, optional, computed, sensitive, forceNew });
}

function mapValues<T, U>(record: Readonly<Record<string, T>>, f: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v)]));
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
