// terraform-provider-grid's examples/resources/deployment_resource.tf, ported to CDKTF: two
// scheduled nodes in one network; on the first two 0-db namespaces (user and seq), a disk and two
// VMs, on the second two disks and two VMs mounting them. Values as upstream's, except
// file("~/.ssh/id_rsa.pub") became a literal key. The scheduler is kept. As upstream's, the VMs'
// env_vars hold two variables named `key` and `value`.
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { Deployment, GridProvider, Network, Scheduler, type DeploymentVmsMounts } from 'gridform';

export const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMdC0c1xhBR4lsR9tNA3BcAvVzM2NK2N0j7nVzv1Oz5k user@example';

export class DeploymentResourceStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new GridProvider(this, 'grid', {});
    const sched = new Scheduler(this, 'sched', {
      requests: [
        { name: 'node1', cru: 2, sru: 1024 * 5, mru: 1024 * 2, yggdrasil: false, wireguard: false },
        { name: 'node2', cru: 2, sru: 1024 * 4, mru: 1024 * 2, yggdrasil: false, wireguard: false },
      ],
    });
    const net1 = new Network(this, 'net1', {
      nodes: [sched.nodes.lookup('node1'), sched.nodes.lookup('node2')],
      ipRange: '172.20.0.0/16',
      name: 'net1',
      description: 'new network',
    });
    const vm = (name: string, mounts: DeploymentVmsMounts[] = []) => ({
      name,
      flist: 'https://hub.grid.tf/tf-official-apps/base:latest.flist',
      cpu: 1,
      memory: 1024,
      entrypoint: '/sbin/zinit init',
      ...(mounts.length ? { mounts } : {}),
      envVars: { key: 'SSH_KEY', value: SSH_KEY },
    });
    const d1 = new Deployment(this, 'd1', {
      node: sched.nodes.lookup('node1'),
      networkName: net1.name,
      zdbs: [
        { name: 'zdb1', size: 1, description: 'zdb1 description', password: 'zdbpasswd1', mode: 'user' },
        { name: 'zdb2', size: 2, description: 'zdb2 description', password: 'zdbpasswd2', mode: 'seq' },
      ],
      disks: [{ name: 'mydisk1', size: 2, description: 'this is my disk description2323saqa' }],
      vms: [vm('vm1'), vm('vm2')],
    });
    new Deployment(this, 'd2', {
      node: sched.nodes.lookup('node2'),
      networkName: net1.name,
      disks: [
        { name: 'mydisk1', size: 2, description: 'this is my disk description2323saqs' },
        { name: 'mydisk2', size: 2, description: 'this is my disk2' },
      ],
      vms: [
        vm('vm1', [
          { name: 'mydisk1', mountPoint: '/opt' },
          { name: 'mydisk2', mountPoint: '/test' },
        ]),
        vm('vm2', [{ name: 'mydisk2', mountPoint: '/test' }]),
      ],
    });
    // gridform marks access_wg_config sensitive (it holds the private key), so the output says so
    new TerraformOutput(this, 'wg_config', { value: net1.accessWgConfig, sensitive: true });
    new TerraformOutput(this, 'node1_zmachine1_ip', { value: d1.vms.get(0).ip });
    new TerraformOutput(this, 'node1_zmachine2_ip', { value: d1.vms.get(1).ip });
  }
}
