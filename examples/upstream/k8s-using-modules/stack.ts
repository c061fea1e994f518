// terraform-provider-grid's examples/resources/k8s-using-modules, ported to CDKTF: upstream's
// modules/k8s-module (here the K8sModule construct of k8s-module.ts) with a master and a worker on
// one node, each with its disk, the master with a public IPv4. Values as upstream's, except: node
// 11 is node 3 of the local grid, random_bytes became literal hex (the master and the worker share
// one seed, as upstream's example gives both the same random_bytes) and file("~/.ssh/id_rsa.pub")
// a literal key.
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { GridProvider } from 'gridform';
import { K8sModule } from './k8s-module';

/** upstream's node 11 on the local grid */
export const NODE_ID = 3;
export const MYCELIUM_KEY = '6e5d4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a2918070f6e5d4c3b2a19081';
export const MYCELIUM_IP_SEED = 'b16b00b5a11e';
export const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMdC0c1xhBR4lsR9tNA3BcAvVzM2NK2N0j7nVzv1Oz5k user@example';

export class K8sUsingModulesStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new GridProvider(this, 'grid', {});
    const kubernetes = new K8sModule(this, 'kubernetes', {
      ssh: SSH_KEY,
      token: '838a6db4',
      network: {
        nodes: [NODE_ID],
        ipRange: '10.1.0.0/16',
        name: 'test_network',
        description: 'new network for testing',
        addWgAccess: false,
        myceliumKeys: { [String(NODE_ID)]: MYCELIUM_KEY },
      },
      master: {
        name: 'mr',
        node: NODE_ID,
        cpu: 2,
        memory: 1024,
        diskName: 'mrdisk',
        mountPoint: '/mydisk',
        publicip: true,
        planetary: false,
        myceliumIpSeed: MYCELIUM_IP_SEED,
      },
      workers: [
        {
          name: 'w0',
          node: NODE_ID,
          cpu: 1,
          memory: 1024,
          diskName: 'w0disk',
          mountPoint: '/mydisk',
          publicip: false,
          planetary: false,
          myceliumIpSeed: MYCELIUM_IP_SEED,
        },
      ],
      disks: [
        { name: 'mrdisk', node: NODE_ID, size: 5, description: '' },
        { name: 'w0disk', node: NODE_ID, size: 2, description: '' },
      ],
    });
    new TerraformOutput(this, 'master_mycelium_ip', { value: kubernetes.master.vms.get(0).myceliumIp });
    new TerraformOutput(this, 'workers', { value: kubernetes.workers.w0.myceliumIp });
  }
}
