// terraform-provider-grid's examples/resources/simple-dynamic, ported to CDKTF: grid_scheduler finds
// a node for a small HTTP server VM (50 GB root filesystem, a mycelium address) and a node with a
// domain for a load balancer, a domain of yours (hamada1.3x0.me) proxied to the server's mycelium
// address without a port. Values as upstream's, the commented-out second server left out as
// upstream leaves it, and env_vars as upstream writes them (two variables named "key" and "value"),
// except: random_bytes became literal hex and file("~/.ssh/id_rsa.pub") a literal key.
import { Fn, TerraformOutput, TerraformStack, Token } from 'cdktf';
import type { Construct } from 'constructs';
import { Deployment, FqdnProxy, GridProvider, Network, Scheduler } from 'gridform';

export const SERVER1_MYCELIUM_KEY = 'de5fe190386c908427f059b6dd61a84f59c8ab94f69b6c0b9f91cf77d2e5f673';
export const SERVER1_MYCELIUM_IP_SEED = '636c547bf00f';
export const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMdC0c1xhBR4lsR9tNA3BcAvVzM2NK2N0j7nVzv1Oz5k user@example';

export class SimpleDynamicStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new GridProvider(this, 'grid', {});
    const sched = new Scheduler(this, 'sched', {
      requests: [
        // a machine for the first server instance
        { name: 'server1', cru: 1, sru: 256, mru: 256, yggdrasil: false, wireguard: false },
        { name: 'balancer', cru: 1, sru: 256, mru: 256, publicConfig: true, yggdrasil: false, wireguard: false },
      ],
    });
    const server1Node = sched.nodes.lookup('server1');
    const net1 = new Network(this, 'net1', {
      nodes: Token.asNumberList(Fn.distinct([server1Node])),
      ipRange: '10.1.0.0/16',
      name: 'network2',
      description: 'newer network',
      myceliumKeys: { [Fn.format('%s', [server1Node])]: SERVER1_MYCELIUM_KEY },
    });
    const server1 = new Deployment(this, 'server1', {
      node: server1Node,
      networkName: net1.name,
      vms: [
        {
          name: 'firstserver',
          flist: 'https://hub.grid.tf/tf-official-apps/simple-http-server-latest.flist',
          cpu: 1,
          memory: 256,
          rootfsSize: 51200,
          entrypoint: '/main.sh',
          myceliumIpSeed: SERVER1_MYCELIUM_IP_SEED,
          envVars: { key: 'SSH_KEY', value: SSH_KEY },
        },
      ],
    });
    const balancer = new FqdnProxy(this, 'balancer', {
      node: sched.nodes.lookup('balancer'),
      name: 'balancer',
      fqdn: 'hamada1.3x0.me',
      backends: [Fn.format('http://[%s]', [server1.vms.get(0).myceliumIp])],
      tlsPassthrough: false,
    });
    new TerraformOutput(this, 'load_balancer_domain', { value: balancer.fqdn });
  }
}
