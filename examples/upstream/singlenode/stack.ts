// terraform-provider-grid's examples/resources/singlenode, ported to CDKTF: two VMs on one node,
// each with a mycelium seed, in a network with a mycelium key for that node. Values as upstream's,
// except: the node the scheduler would pick is node 3 of the local grid, random_bytes became
// literal hex and file("~/.ssh/id_rsa.pub") a literal key.
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { Deployment, GridProvider, Network } from 'gridform';

/** grid_scheduler.sched.nodes["node1"] on the local grid */
export const NODE1 = 3;
export const MYCELIUM_KEY = '0f8e2d4c6b1a39587e6d5c4b3a2918070f1e2d3c4b5a69788796a5b4c3d2e1f0';
export const VM1_MYCELIUM_IP_SEED = '5d7e1a2b3c4f';
export const VM2_MYCELIUM_IP_SEED = 'c0ffee123456';
export const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMdC0c1xhBR4lsR9tNA3BcAvVzM2NK2N0j7nVzv1Oz5k user@example';

export class SinglenodeStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const name = 'testvm';
    new GridProvider(this, 'grid', {});
    const net1 = new Network(this, 'net1', {
      name,
      nodes: [NODE1],
      ipRange: '10.1.0.0/16',
      description: 'newer network',
      myceliumKeys: { [String(NODE1)]: MYCELIUM_KEY },
    });
    const vm = (vmName: string, cpu: number, seed: string) => ({
      name: vmName,
      flist: 'https://hub.grid.tf/tf-official-apps/base:latest.flist',
      cpu,
      memory: 1024,
      entrypoint: '/sbin/zinit init',
      envVars: { SSH_KEY },
      myceliumIpSeed: seed,
    });
    const d1 = new Deployment(this, 'd1', {
      name,
      node: NODE1,
      networkName: net1.name,
      vms: [vm('vm1', 2, VM1_MYCELIUM_IP_SEED), vm('anothervm', 1, VM2_MYCELIUM_IP_SEED)],
    });
    new TerraformOutput(this, 'vm1_ip', { value: d1.vms.get(0).ip });
    new TerraformOutput(this, 'vm1_mycelium_ip', { value: d1.vms.get(0).myceliumIp });
    new TerraformOutput(this, 'vm1_console_url', { value: d1.vms.get(0).consoleUrl });
    new TerraformOutput(this, 'vm2_ip', { value: d1.vms.get(1).ip });
    new TerraformOutput(this, 'vm2_mycelium_ip', { value: d1.vms.get(1).myceliumIp });
  }
}
