// nodes_ip_range set in the configuration: every node of the network gets the subnet written for
// it, checked up front (a /24 of ip_range, distinct, for the network's nodes and all of them), and
// a node already in the network cannot move to another subnet in place.
import { GridProviderImpl } from '../src/grid-provider';
import type { ObjectValue } from '../../engine';

const provider = new GridProviderImpl({});
const network = (subnets: ObjectValue | null, over: ObjectValue = {}): ObjectValue => ({
  name: 'net',
  nodes: [1, 2],
  ip_range: '10.1.0.0/16',
  nodes_ip_range: subnets,
  ...over,
});

function problems(config: ObjectValue) {
  return provider
    .validateResourceConfig({ typeName: 'grid_network', config })
    .diagnostics.map((d) => ({ path: (d.attributePath ?? []).join('.'), text: `${d.summary}: ${d.detail ?? ''}` }));
}

describe('nodes_ip_range set in the configuration', () => {
  it('accepts a distinct /24 of ip_range for each node, in any order of the range', () => {
    expect(problems(network({ 1: '10.1.7.0/24', 2: '10.1.3.0/24' }))).toEqual([]);
    expect(problems(network(null))).toEqual([]);
  });

  it.each([
    ['a subnet outside ip_range', { 1: '10.2.7.0/24', 2: '10.1.3.0/24' }, 'nodes_ip_range.1', 'a /24 of ip_range 10.1.0.0/16'],
    ['a subnet that is not a /24', { 1: '10.1.7.0/25', 2: '10.1.3.0/24' }, 'nodes_ip_range.1', 'from 10.1.2.0/24 to 10.1.254.0/24'],
    ['a host address, not a subnet', { 1: '10.1.7.1/24', 2: '10.1.3.0/24' }, 'nodes_ip_range.1', 'a /24 of ip_range'],
    ['the reserved 10.A.1.0/24', { 1: '10.1.1.0/24', 2: '10.1.3.0/24' }, 'nodes_ip_range.1', 'from 10.1.2.0/24'],
    ['two nodes, one subnet', { 1: '10.1.3.0/24', 2: '10.1.3.0/24' }, 'nodes_ip_range.2', 'nodes 1 and 2 are both given 10.1.3.0/24'],
    ['a node outside the network', { 1: '10.1.3.0/24', 2: '10.1.4.0/24', 9: '10.1.5.0/24' }, 'nodes_ip_range.9', 'node "9", which is not'],
    ['a node left without one', { 1: '10.1.3.0/24' }, 'nodes_ip_range', 'node 2 has none'],
  ])('refuses %s, naming the node', (_what, subnets, path, text) => {
    expect(problems(network(subnets))).toEqual([{ path, text: expect.stringContaining(text) }]);
  });

  const prior: ObjectValue = {
    ...network(null),
    id: 'n',
    nodes_ip_range: { 1: '10.1.2.0/24', 2: '10.1.3.0/24' },
    node_deployment_id: { 1: 10, 2: 11 },
    external_ip: '10.1.4.0/24',
  };
  const plan = async (subnets: ObjectValue | null, nodes = [1, 2, 3]) => {
    const config = network(subnets, { nodes });
    return provider.planResourceChange({ typeName: 'grid_network', priorState: prior, proposedNewState: config, config });
  };

  it('plans the subnets as written; unset, the nodes there keep theirs and an added one takes a free one', async () => {
    const given = await plan({ 1: '10.1.2.0/24', 2: '10.1.3.0/24', 3: '10.1.9.0/24' });
    expect(given.diagnostics).toEqual([]);
    expect(given.plannedState!.nodes_ip_range).toEqual({ 1: '10.1.2.0/24', 2: '10.1.3.0/24', 3: '10.1.9.0/24' });
    const assigned = await plan(null);
    expect(assigned.plannedState!.nodes_ip_range).toEqual({ 1: '10.1.2.0/24', 2: '10.1.3.0/24', 3: '10.1.5.0/24' });
  });

  it("refuses to move a node already in the network, or to give your machine's subnet to a node", async () => {
    const moved = await plan({ 1: '10.1.2.0/24', 2: '10.1.8.0/24', 3: '10.1.9.0/24' });
    expect(moved.diagnostics.map((d) => [d.attributePath?.join('.'), d.summary, d.detail])).toEqual([
      ['nodes_ip_range.2', "A node's subnet cannot change", expect.stringContaining('Node 2 is in the network with 10.1.3.0/24')],
    ]);
    const taken = await plan({ 1: '10.1.2.0/24', 2: '10.1.3.0/24', 3: '10.1.4.0/24' });
    expect(taken.diagnostics.map((d) => [d.attributePath?.join('.'), d.summary])).toEqual([['nodes_ip_range.3', 'Node subnet taken']]);
  });
});
