// terraform-provider-grid's examples/resources/single_vm_mycelium, ported to CDKTF: one VM with a
// mycelium address in a network whose mycelium key is given for its node. Values as upstream's,
// except: the node the scheduler would pick is node 3 of the local grid, random_bytes became
// literal hex and file("~/.ssh/id_rsa.pub") a literal key.
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { Deployment, GridProvider, Network } from 'gridform';

/** grid_scheduler.sched.nodes["node1"] (cru 3, sru 1024, mru 2048, no public config) on the local grid */
export const NODE1 = 3;
/** random_bytes.mycelium_key (32 bytes) and random_bytes.mycelium_ip_seed (6 bytes), as hex */
export const MYCELIUM_KEY = '4e2d7c0b9f3a61e58d12c7a4b09e3f6d21a8c5e7f90b34d6a1c2e8f7b5d40c93';
export const MYCELIUM_IP_SEED = 'a3c91f0e7b25';
export const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMdC0c1xhBR4lsR9tNA3BcAvVzM2NK2N0j7nVzv1Oz5k user@example';

export class SingleVmMyceliumStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const name = 'testvm';
    new GridProvider(this, 'grid', {});
    const net1 = new Network(this, 'net1', {
      name,
      nodes: [NODE1],
      ipRange: '10.1.0.0/16',
      myceliumKeys: { [String(NODE1)]: MYCELIUM_KEY },
      description: 'newer network',
    });
    const d1 = new Deployment(this, 'd1', {
      name,
      node: NODE1,
      networkName: net1.name,
      vms: [
        {
          name: 'vm1',
          flist: 'https://hub.grid.tf/tf-official-apps/base:latest.flist',
          cpu: 2,
          memory: 1024,
          entrypoint: '/sbin/zinit init',
          envVars: { SSH_KEY },
          myceliumIpSeed: MYCELIUM_IP_SEED,
        },
      ],
    });
    new TerraformOutput(this, 'vm1_ip', { value: d1.vms.get(0).ip });
    new TerraformOutput(this, 'vm1_mycelium_ip', { value: d1.vms.get(0).myceliumIp });
    new TerraformOutput(this, 'vm1_console_url', { value: d1.vms.get(0).consoleUrl });
  }
}
