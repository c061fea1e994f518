// Unit tests of the gateway app with cdktf's Testing matchers (no grid needed).
import { Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { GatewayDomain, NameProxy, Network } from 'gridform';
import { GatewayStack } from './stack';

Testing.setupJest();

describe('gateway stack', () => {
  const synth = () => Testing.synth(new GatewayStack(Testing.app(), 'gateway'));

  it('spans the network over the gateway node and the VM node', () => {
    expect(synth()).toHaveResourceWithProperties(Network, { nodes: [1, 2], ip_range: '10.40.0.0/16' });
  });

  it("proxies the name to the VM's private address on the gateway node", () => {
    expect(synth()).toHaveResourceWithProperties(NameProxy, {
      node: 1,
      name: 'hello',
      backends: ['http://${grid_deployment.web.vms[0].ip}:8080'],
    });
  });

  it('reads the fqdn the name gets from the gateway domain data source', () => {
    expect(synth()).toHaveDataSourceWithProperties(GatewayDomain, { node: 1, name: 'hello' });
  });
});
