// terraform-provider-grid's examples/resources/gpu, ported to CDKTF: a 4-core Ubuntu VM holding the
// node's GPU, with a 100 GB data disk mounted at /app and a mycelium address. Values as upstream's,
// except: node 93 is node 4 of the local grid (`grid up --gpu-nodes 1` gives the last node the GPU
// 0000:0e:00.0/1002/744c, the id upstream's example names), random_bytes became literal hex and
// file("~/.ssh/id_rsa.pub") a literal key. As on Zero-OS, the twin must rent the node first
// (`gridform node rent 4`).
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { Deployment, GridProvider, Network } from 'gridform';

/** local.node_id (93 upstream) on the local grid */
export const NODE_ID = 4;
export const GPU = '0000:0e:00.0/1002/744c';
export const MYCELIUM_KEY = '2ef85dc883598279323d0ae852223c0eca34f74749cdcff20f482c36fec6d851';
export const MYCELIUM_IP_SEED = '1ef339bbfb22';
export const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMdC0c1xhBR4lsR9tNA3BcAvVzM2NK2N0j7nVzv1Oz5k user@example';

export class GpuStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const name = 'testvm';
    new GridProvider(this, 'grid', {});
    const net1 = new Network(this, 'net1', {
      name,
      nodes: [NODE_ID],
      ipRange: '10.1.0.0/16',
      description: 'newer network',
      myceliumKeys: { [String(NODE_ID)]: MYCELIUM_KEY },
    });
    const d1 = new Deployment(this, 'd1', {
      name,
      node: NODE_ID,
      networkName: net1.name,
      disks: [{ name: 'data', size: 100, description: 'volume holding app data' }],
      vms: [
        {
          name: 'vm1',
          flist: 'https://hub.grid.tf/tf-official-vms/ubuntu-22.04.flist',
          cpu: 4,
          memory: 1024 * 4,
          entrypoint: '/init.sh',
          envVars: { SSH_KEY },
          mounts: [{ name: 'data', mountPoint: '/app' }],
          myceliumIpSeed: MYCELIUM_IP_SEED,
          gpus: [GPU],
        },
      ],
    });
    new TerraformOutput(this, 'vm1_ip', { value: d1.vms.get(0).ip });
    new TerraformOutput(this, 'vm1_mycelium_ip', { value: d1.vms.get(0).myceliumIp });
  }
}
