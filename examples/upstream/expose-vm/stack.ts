// terraform-provider-grid's examples/resources/expose-vm, ported to CDKTF: a VM with a public IPv4,
// planetary and mycelium addresses, published through a gateway name whose backend is the VM's
// public IP without a port. Values as upstream's, except: the nodes the scheduler would pick are
// nodes 2 (the VM: add_wg_access needs a node with a public IPv4 in the network) and 1 (the
// gateway) of the local grid, random_bytes became literal hex and file("~/.ssh/id_rsa.pub") a
// literal key.
import { Fn, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { Deployment, GatewayDomain, GridProvider, NameProxy, Network } from 'gridform';

/** grid_scheduler.sched.nodes["node1"] and ["gateway"] on the local grid */
export const NODE1 = 2;
export const GATEWAY = 1;
export const MYCELIUM_KEY = '3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b';
export const MYCELIUM_IP_SEED = '9e8d7c6b5a49';
export const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMdC0c1xhBR4lsR9tNA3BcAvVzM2NK2N0j7nVzv1Oz5k user@example';

export class ExposeVmStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const name = 'myvm';
    new GridProvider(this, 'grid', {});
    const domain = new GatewayDomain(this, 'domain', { node: GATEWAY, name: 'ashraf' });
    const net1 = new Network(this, 'net1', {
      nodes: [NODE1],
      ipRange: '10.1.0.0/16',
      name,
      description: 'newer network',
      addWgAccess: true,
      myceliumKeys: { [String(NODE1)]: MYCELIUM_KEY },
    });
    const d1 = new Deployment(this, 'd1', {
      name,
      node: NODE1,
      networkName: net1.name,
      vms: [
        {
          name: 'vm1',
          flist: 'https://hub.grid.tf/tf-official-apps/strm-helloworld-http-latest.flist',
          cpu: 2,
          publicip: true,
          memory: 1024,
          envVars: { SSH_KEY },
          myceliumIpSeed: MYCELIUM_IP_SEED,
          planetary: true,
        },
      ],
    });
    const publicIp = Fn.element(Fn.split('/', d1.vms.get(0).computedip), 0);
    new NameProxy(this, 'p1', {
      node: GATEWAY,
      name: 'ashraf',
      backends: [Fn.format('http://%s', [publicIp])],
      tlsPassthrough: false,
    });
    new TerraformOutput(this, 'fqdn', { value: domain.fqdn });
    new TerraformOutput(this, 'node1_zmachine1_ip', { value: d1.vms.get(0).ip });
    new TerraformOutput(this, 'computed_public_ip', { value: publicIp });
    new TerraformOutput(this, 'ygg_ip', { value: d1.vms.get(0).planetaryIp });
    new TerraformOutput(this, 'mycelium_ip', { value: d1.vms.get(0).myceliumIp });
  }
}
