// The schema terraform receives: a nested block in single mode must have equal bounds (terraform
// refuses the whole provider otherwise: "MinItems and MaxItems must match in NestingSingle mode").
import { providerSchemaMessage } from '../../src/plugin-server/schema-message';
import type { ProviderSchema, NestedBlockSchema } from '../../src/provider/interface';

function blockTypes(blocks: Record<string, NestedBlockSchema>): Record<string, unknown>[] {
  const schema: ProviderSchema = {
    provider: { version: 0, block: { attributes: {} } },
    resources: { thing: { version: 0, block: { attributes: {}, blocks } } },
    dataSources: {},
  };
  const message = providerSchemaMessage(schema) as {
    resourceSchemas: Record<string, { block: { blockTypes: Record<string, unknown>[] } }>;
  };
  return message.resourceSchemas.thing.block.blockTypes;
}

describe('nested blocks in the schema sent to terraform', () => {
  const inner = { attributes: {} };

  it('a required single block (min 1) is sent as 1..1, an optional one as 0..0', () => {
    const types = blockTypes({ master: { nesting: 'single', block: inner, minItems: 1 }, extra: { nesting: 'single', block: inner } });
    expect(types.map((t) => [t.typeName, t.minItems, t.maxItems])).toEqual([
      ['master', 1, 1],
      ['extra', 0, 0],
    ]);
  });

  it('list blocks keep the bounds they were declared with', () => {
    const types = blockTypes({ workers: { nesting: 'list', block: inner, minItems: 0, maxItems: 5 } });
    expect([types[0].minItems, types[0].maxItems]).toEqual([0, 5]);
  });
});
