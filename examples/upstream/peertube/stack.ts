// terraform-provider-grid's examples/resources/peertube, ported to CDKTF: a peertube VM with a
// mycelium seed, in a network with a mycelium key for its node, published through a gateway name
// whose backend is the VM's mycelium address. Values as upstream's, except random_bytes became
// literal hex and file("~/.ssh/id_rsa.pub") a literal key. The scheduler is kept.
import { Fn, Op, TerraformLocal, TerraformOutput, TerraformStack, Token } from 'cdktf';
import type { Construct } from 'constructs';
import { Deployment, GatewayDomain, GridProvider, NameProxy, Network, Scheduler } from 'gridform';

export const MYCELIUM_KEY = 'a1b2c3d4e5f60718293a4b5c6d7e8f9001f2e3d4c5b6a79880f1e2d3c4b5a697';
export const MYCELIUM_IP_SEED = '7c6b5a493827';
export const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMdC0c1xhBR4lsR9tNA3BcAvVzM2NK2N0j7nVzv1Oz5k user@example';

export class PeertubeStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new GridProvider(this, 'grid', {});
    const sched = new Scheduler(this, 'sched', {
      requests: [
        { name: 'peertube', cru: 2, sru: 512, mru: 4096, yggdrasil: false, wireguard: false },
        { name: 'domain', publicConfig: true, publicIpsCount: 1, yggdrasil: false, wireguard: false },
      ],
    });
    const solutionType = 'Peertube';
    const name = 'peertube';
    const node = sched.nodes.lookup('peertube');
    // upstream's comment: the data source breaks the cycle of a VM that needs its domain in its
    // init script and a gateway name that needs the VM's address as its backend
    const domain = new GatewayDomain(this, 'domain', { node: sched.nodes.lookup('domain'), name });
    const net1 = new Network(this, 'net1', {
      solutionType,
      name,
      nodes: [node],
      ipRange: '10.1.0.0/16',
      description: 'peertube network',
      myceliumKeys: { [Fn.format('%s', [node])]: MYCELIUM_KEY },
    });
    const d1 = new Deployment(this, 'd1', {
      node,
      solutionType,
      name,
      networkName: net1.name,
      vms: [
        {
          name: 'vm1',
          flist: 'https://hub.grid.tf/tf-official-apps/peertube-v3.1.1.flist',
          cpu: 2,
          entrypoint: '/sbin/zinit init',
          memory: 4096,
          envVars: {
            SSH_KEY,
            PEERTUBE_DB_SUFFIX: '_prod',
            PEERTUBE_DB_USERNAME: 'peertube',
            PEERTUBE_DB_PASSWORD: 'peertube',
            PEERTUBE_ADMIN_EMAIL: 'support@threefold.com',
            PEERTUBE_WEBSERVER_HOSTNAME: domain.fqdn,
            PEERTUBE_WEBSERVER_PORT: '443',
            PEERTUBE_SMTP_HOSTNAME: 'https://app.sendgrid.com',
            PEERTUBE_SMTP_USERNAME: 'sendgridusername',
            PEERTUBE_SMTP_PASSWORD: 'sendgridpassword',
            PEERTUBE_BIND_ADDRESS: '::',
          },
          myceliumIpSeed: MYCELIUM_IP_SEED,
        },
      ],
    });
    const vmMyceliumIp = d1.vms.get(0).myceliumIp;
    // upstream's try(length(ip), 0) > 0 ? ip : ""; cdktf renders a bare 0 operand of Op.gt as undefined
    const hasMyceliumIp = Op.gt(Fn.try([Fn.lengthOf(vmMyceliumIp), 0]), Token.asNumber('0'));
    const myceliumIp = new TerraformLocal(this, 'mycelium_ip', Fn.conditional(hasMyceliumIp, vmMyceliumIp, ''));
    new NameProxy(this, 'p1', {
      node: sched.nodes.lookup('domain'),
      solutionType,
      name,
      backends: [Fn.format('http://[%s]:9000', [myceliumIp.asString])],
      tlsPassthrough: false,
    });
    new TerraformOutput(this, 'fqdn', { value: domain.fqdn });
    // the local above holds the construct id mycelium_ip: the output gets upstream's name this way
    new TerraformOutput(this, 'mycelium_ip_output', { value: vmMyceliumIp }).overrideLogicalId('mycelium_ip');
  }
}
