// terraform-provider-grid's examples/resources/mounts, ported to CDKTF: grid_scheduler finds a node
// with room for 1 core, 1 GB of memory and 10 GB of SSD; two VMs run there with mycelium addresses,
// the first with a public IPv4 and a 10 GB disk mounted at /app. Values as upstream's (both VMs
// take the same mycelium seed, as upstream's example gives them), except: random_bytes became
// literal hex and file("~/.ssh/id_rsa.pub") a literal key.
import { Fn, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { Deployment, GridProvider, Network, Scheduler } from 'gridform';

export const MYCELIUM_KEY = 'a82d25bcefe19a5035109ae266ea9ae85f6b7ba0b7208e9e41794e339a9c5d77';
export const MYCELIUM_IP_SEED = 'b899789ba755';
export const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMdC0c1xhBR4lsR9tNA3BcAvVzM2NK2N0j7nVzv1Oz5k user@example';

export class MountsStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const name = 'mountdeployment';
    new GridProvider(this, 'grid', {});
    const sched = new Scheduler(this, 'sched', {
      requests: [{ name: 'node1', cru: 1, sru: 1024 * 10, mru: 1024, yggdrasil: false, wireguard: true }],
    });
    const node = sched.nodes.lookup('node1');
    const net1 = new Network(this, 'net1', {
      nodes: [node],
      ipRange: '10.1.0.0/16',
      name,
      description: 'newer network',
      myceliumKeys: { [Fn.format('%s', [node])]: MYCELIUM_KEY },
    });
    const vm = (vmName: string) => ({
      name: vmName,
      flist: 'https://hub.grid.tf/tf-official-apps/base:latest.flist',
      cpu: 1,
      memory: 1024,
      entrypoint: '/sbin/zinit init',
      myceliumIpSeed: MYCELIUM_IP_SEED,
      envVars: { SSH_KEY },
    });
    const d1 = new Deployment(this, 'd1', {
      name,
      node,
      networkName: net1.name,
      disks: [{ name: 'data', size: 10, description: 'volume holding app data' }],
      vms: [{ ...vm('vm1'), publicip: true, mounts: [{ name: 'data', mountPoint: '/app' }] }, vm('anothervm')],
    });
    new TerraformOutput(this, 'wg_config', { value: net1.accessWgConfig });
    new TerraformOutput(this, 'node1_zmachine1_ip', { value: d1.vms.get(0).ip });
    new TerraformOutput(this, 'node1_zmachine2_ip', { value: d1.vms.get(1).ip });
    new TerraformOutput(this, 'node1_zmachine1_mycelium_ip', { value: d1.vms.get(0).myceliumIp });
    new TerraformOutput(this, 'node1_zmachine2_mycelium_ip', { value: d1.vms.get(1).myceliumIp });
    new TerraformOutput(this, 'computed_public_ip', { value: d1.vms.get(0).computedip });
  }
}
