// terraform-provider-grid's examples/resources/multinode, ported to CDKTF: one network over two
// nodes with a mycelium key each, and a VM with a public IPv4 and a mycelium seed on each node.
// Values as upstream's, except: the nodes the scheduler would pick (public config, a free public
// IP) are nodes 1 and 2 of the local grid, random_bytes became literal hex and
// file("~/.ssh/id_rsa.pub") a literal key.
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { Deployment, GridProvider, Network } from 'gridform';

/** grid_scheduler.sched.nodes["node1"] and ["node2"] on the local grid (nodes with a public config) */
export const NODE1 = 1;
export const NODE2 = 2;
export const D1_MYCELIUM_KEY = '7a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9';
export const D2_MYCELIUM_KEY = 'e1d2c3b4a5968778695a4b3c2d1e0f1f2e3d4c5b6a79889796a5b4c3d2e1f001';
export const D1_MYCELIUM_IP_SEED = '1a2b3c4d5e6f';
export const D2_MYCELIUM_IP_SEED = '6f5e4d3c2b1a';
export const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMdC0c1xhBR4lsR9tNA3BcAvVzM2NK2N0j7nVzv1Oz5k user@example';

export class MultinodeStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const name = 'multinodedeployment';
    new GridProvider(this, 'grid', {});
    const net1 = new Network(this, 'net1', {
      nodes: [NODE1, NODE2],
      ipRange: '172.20.0.0/16',
      name,
      description: 'new network',
      myceliumKeys: { [String(NODE1)]: D1_MYCELIUM_KEY, [String(NODE2)]: D2_MYCELIUM_KEY },
    });
    const vm = (vmName: string, cpu: number, seed: string) => ({
      name: vmName,
      flist: 'https://hub.grid.tf/tf-official-apps/base:latest.flist',
      cpu,
      memory: 1024,
      publicip: true,
      entrypoint: '/sbin/zinit init',
      myceliumIpSeed: seed,
      envVars: { SSH_KEY },
    });
    const d1 = new Deployment(this, 'd1', { name, node: NODE1, networkName: net1.name, vms: [vm('vm1', 2, D1_MYCELIUM_IP_SEED)] });
    const d2 = new Deployment(this, 'd2', { node: NODE2, networkName: net1.name, vms: [vm('vm2', 1, D2_MYCELIUM_IP_SEED)] });
    new TerraformOutput(this, 'node1_zmachine1_ip', { value: d1.vms.get(0).ip });
    new TerraformOutput(this, 'node1_zmachine_computed_public_ip', { value: d1.vms.get(0).computedip });
    new TerraformOutput(this, 'node1_zmachine_mycelium_ip', { value: d1.vms.get(0).myceliumIp });
    new TerraformOutput(this, 'node2_zmachine1_ip', { value: d2.vms.get(0).ip });
    new TerraformOutput(this, 'node2_zmachine_computed_public_ip', { value: d2.vms.get(0).computedip });
    new TerraformOutput(this, 'node2_zmachine_mycelium_ip', { value: d2.vms.get(0).myceliumIp });
  }
}
