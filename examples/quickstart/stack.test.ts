// Unit tests of the quickstart app with cdktf's Testing matchers (no grid needed).
import { Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { Deployment, Network } from 'gridform';
import { QuickstartStack } from './stack';

Testing.setupJest();

describe('quickstart stack', () => {
  const synth = () => Testing.synth(new QuickstartStack(Testing.app(), 'quickstart'));

  it('declares a /16 network on node 1', () => {
    expect(synth()).toHaveResourceWithProperties(Network, { name: 'quickstart', nodes: [1], ip_range: '10.1.0.0/16' });
  });

  it('puts one VM with a public IPv4 on that network', () => {
    expect(synth()).toHaveResourceWithProperties(Deployment, {
      node: 1,
      network_name: '${grid_network.network.name}',
      vms: [expect.objectContaining({ name: 'web', cpu: 1, memory: 1024, publicip: true })],
    });
  });

  it('outputs the private and the public IP of the VM', () => {
    const doc = JSON.parse(synth()) as { output: Record<string, { value: string }> };
    expect(doc.output.private_ip.value).toBe('${grid_deployment.vm.vms[0].ip}');
    expect(doc.output.public_ip.value).toBe('${grid_deployment.vm.vms[0].computedip}');
  });
});
