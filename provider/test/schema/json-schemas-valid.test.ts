// Commands compile the declarations' JSON Schemas without checking them against the meta-schema
// (it costs a tenth of a re-plan); this test does that check, for every resource, data source
// and the provider block, with the options the validator uses.
import Ajv from 'ajv';
import { gridProviderDecl } from '../../src/schema/provider';
import { blockJsonSchema } from '../../src/schema/json-schema';
import { AJV_OPTIONS, validateAgainst } from '../../src/schema/validator';

const declarations = {
  provider: gridProviderDecl.provider,
  ...gridProviderDecl.resources,
  ...gridProviderDecl.dataSources,
};

describe('the JSON Schemas made from the declarations', () => {
  it.each(Object.keys(declarations))('%s: valid against the meta-schema, and compiles in strict mode', (name) => {
    const schema = blockJsonSchema(declarations[name as keyof typeof declarations].block);
    const checking = new Ajv({ ...AJV_OPTIONS, validateSchema: true });
    expect(checking.validateSchema(schema)).toBe(true);
    expect(checking.errors ?? null).toBeNull();
    expect(() => checking.compile(schema)).not.toThrow();
  });

  it('the check itself catches a schema that breaks the meta-schema', () => {
    expect(new Ajv({ ...AJV_OPTIONS, validateSchema: true }).validateSchema({ type: 'whole number' })).toBe(false);
  });

  it('a configuration that breaks a rule is still refused without the meta-schema check', () => {
    const diags = validateAgainst(gridProviderDecl.resources.grid_network, { name: 'net', nodes: 'not a list', ip_range: '10.1.0.0/16' });
    expect(diags.length).toBeGreaterThan(0);
    expect(diags[0].summary + (diags[0].detail ?? '')).toMatch(/nodes/);
  });
});
