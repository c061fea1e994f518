// data.grid_gateway_domain is validated from its declaration too: a node id that is not a whole
// number of at least 1, or a missing name, is refused naming the attribute.
import { GridProviderImpl } from '../../src/grid-provider';

const provider = new GridProviderImpl({});
const problems = (config: Record<string, unknown>) =>
  provider
    .validateDataSourceConfig({ typeName: 'grid_gateway_domain', config: config as never })
    .diagnostics.map((d) => `${d.summary}: ${d.detail}`);

describe('data source validation', () => {
  it('accepts a node and a name', () => {
    expect(problems({ node: 1, name: 'site' })).toEqual([]);
  });

  it('refuses node 0 and a missing name, naming each', () => {
    expect(problems({ node: 0, name: null })).toEqual([
      'Invalid node: node is 0; it must be a whole number from 1 to 9007199254740991.',
      'Missing required argument: The argument "name" is required, but no definition was found: it must be set.',
    ]);
  });

  it('names an unknown data source', () => {
    const d = provider.validateDataSourceConfig({ typeName: 'grid_nothing', config: {} }).diagnostics;
    expect(d.map((x) => x.summary)).toEqual(['Unknown data source grid_nothing']);
  });
});
