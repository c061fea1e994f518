// terraform-provider-grid's examples/resources/forwarder, ported to CDKTF: grid_scheduler finds a
// node for a VM and a node with a domain and a free public IPv4 for a forwarder VM, which forwards
// its public IPv4 to the first VM's private address (TARGET), both in one network over the two
// nodes. Values as upstream's, except file("~/.ssh/id_rsa.pub") is a literal key. On a small grid
// the scheduler may pick one node for both; the network then deploys once there, as upstream.
import { Fn, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { Deployment, GridProvider, Network, Scheduler } from 'gridform';

export const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMdC0c1xhBR4lsR9tNA3BcAvVzM2NK2N0j7nVzv1Oz5k user@example';

export class ForwarderStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const name = 'myvm';
    const name2 = 'myvm2';
    new GridProvider(this, 'grid', {});
    const sched = new Scheduler(this, 'sched', {
      requests: [
        { name: 'node1', cru: 2, mru: 1024, yggdrasil: false, wireguard: false },
        { name: 'node2', cru: 2, mru: 1024, publicConfig: true, publicIpsCount: 1, yggdrasil: false, wireguard: false },
      ],
    });
    const node = sched.nodes.lookup('node1');
    const node2 = sched.nodes.lookup('node2');
    const net1 = new Network(this, 'net1', {
      name,
      nodes: [node, node2],
      ipRange: '10.1.0.0/16',
      description: 'newer network',
    });
    const d1 = new Deployment(this, 'd1', {
      name,
      node,
      networkName: net1.name,
      vms: [
        {
          name: 'vm1',
          flist: 'https://hub.grid.tf/tf-official-apps/base:latest.flist',
          cpu: 2,
          memory: 1024,
          entrypoint: '/sbin/zinit init',
          envVars: { SSH_KEY },
        },
      ],
    });
    const d2 = new Deployment(this, 'd2', {
      name: name2,
      node: node2,
      networkName: net1.name,
      vms: [
        {
          name: 'vm2',
          flist: 'https://hub.grid.tf/azmy.3bot/forwarder.flist',
          cpu: 2,
          publicip: true,
          memory: 1024,
          entrypoint: '/sbin/zinit init',
          envVars: { SSH_KEY, TARGET: d1.vms.get(0).ip },
        },
      ],
    });
    new TerraformOutput(this, 'computed_public_ip', { value: Fn.element(Fn.split('/', d2.vms.get(0).computedip), 0) });
  }
}
