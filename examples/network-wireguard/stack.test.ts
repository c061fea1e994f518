// Unit tests of the network-wireguard app with cdktf's Testing matchers (no grid needed).
import { Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { Deployment, Network } from 'gridform';
import { NetworkWireguardStack } from './stack';

Testing.setupJest();

describe('network-wireguard stack', () => {
  const synth = () => Testing.synth(new NetworkWireguardStack(Testing.app(), 'network-wireguard'));

  it('asks for wireguard access on a network across two nodes', () => {
    expect(synth()).toHaveResourceWithProperties(Network, { nodes: [1, 2], ip_range: '10.20.0.0/16', add_wg_access: true });
  });

  it('puts two VMs on each node, in that network', () => {
    expect(synth()).toHaveResourceWithProperties(Deployment, {
      node: 1,
      network_name: '${grid_network.network.name}',
      vms: [expect.objectContaining({ name: 'vm1_1' }), expect.objectContaining({ name: 'vm1_2' })],
    });
    expect(synth()).toHaveResourceWithProperties(Deployment, {
      node: 2,
      vms: [expect.objectContaining({ name: 'vm2_1' }), expect.objectContaining({ name: 'vm2_2' })],
    });
  });

  it('outputs the wireguard config as a sensitive value', () => {
    const doc = JSON.parse(synth()) as { output: Record<string, { value: string; sensitive?: boolean }> };
    expect(doc.output.wg_config).toEqual(expect.objectContaining({ value: '${grid_network.network.access_wg_config}', sensitive: true }));
  });
});
