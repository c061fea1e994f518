// terraform-provider-grid's examples/resources/taiga, ported to CDKTF: a taiga VM (a 100 GB disk
// for docker, a 50 GB root) with a mycelium seed, in a network with wireguard access and a
// mycelium key, published through a gateway name whose backend is the VM's mycelium address.
// Values as upstream's, except random_bytes became literal hex and file("~/.ssh/id_rsa.pub") a
// literal key. The scheduler is kept.
import { Fn, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { Deployment, GatewayDomain, GridProvider, NameProxy, Network, Scheduler } from 'gridform';

export const MYCELIUM_KEY = 'c3d4e5f60718293a4b5c6d7e8f90a1b2f0e1d2c3b4a59687786950a4b3c2d1e0';
export const MYCELIUM_IP_SEED = '4a5b6c7d8e9f';
export const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMdC0c1xhBR4lsR9tNA3BcAvVzM2NK2N0j7nVzv1Oz5k user@example';

export class TaigaStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const solutionType = 'Taiga';
    const name = 'grid3taiga';
    new GridProvider(this, 'grid', {});
    const sched = new Scheduler(this, 'sched', {
      requests: [
        { name: 'node', cru: 4, sru: 100 * 1024, mru: 8096, yggdrasil: false, wireguard: true },
        { name: 'gateway', publicConfig: true, publicIpsCount: 1, yggdrasil: false, wireguard: false },
      ],
    });
    const node = sched.nodes.lookup('node');
    const net2 = new Network(this, 'net2', {
      solutionType,
      name,
      nodes: [node],
      ipRange: '10.1.0.0/16',
      description: 'taiga network',
      addWgAccess: true,
      myceliumKeys: { [Fn.format('%s', [node])]: MYCELIUM_KEY },
    });
    const domain = new GatewayDomain(this, 'domain', { node: sched.nodes.lookup('gateway'), name: 'grid3taiga' });
    const node1 = new Deployment(this, 'node1', {
      solutionType,
      name,
      node,
      networkName: net2.name,
      // will hold images, volumes etc. modify the size according to your needs (upstream's comment)
      disks: [{ name: 'data0', size: 100, description: 'volume holding docker data' }],
      vms: [
        {
          name: 'taiga',
          flist: 'https://hub.grid.tf/tf-official-apps/grid3_taiga_docker-latest.flist',
          entrypoint: '/sbin/zinit init',
          cpu: 4,
          memory: 8096,
          rootfsSize: 51200,
          mounts: [{ name: 'data0', mountPoint: '/var/lib/docker' }],
          envVars: {
            SSH_KEY,
            DOMAIN_NAME: domain.fqdn,
            ADMIN_USERNAME: 'sameh',
            ADMIN_PASSWORD: 'password',
            ADMIN_EMAIL: 'samehabouelsaad@gmail.com',
            // smtp settings left empty, as upstream's (wrong ones cause server errors in taiga)
            DEFAULT_FROM_EMAIL: '',
            EMAIL_USE_TLS: '',
            EMAIL_USE_SSL: '',
            EMAIL_HOST: '',
            EMAIL_PORT: '',
            EMAIL_HOST_USER: '',
            EMAIL_HOST_PASSWORD: '',
          },
          myceliumIpSeed: MYCELIUM_IP_SEED,
        },
      ],
    });
    new NameProxy(this, 'p1', {
      solutionType,
      name,
      node: sched.nodes.lookup('gateway'),
      backends: [Fn.format('http://[%s]:9000', [node1.vms.get(0).myceliumIp])],
      tlsPassthrough: false,
    });
    new TerraformOutput(this, 'node1_zmachine1_ip', { value: node1.vms.get(0).ip });
    new TerraformOutput(this, 'node1_zmachine1_mycelium_ip', { value: node1.vms.get(0).myceliumIp });
    new TerraformOutput(this, 'fqdn', { value: domain.fqdn });
  }
}
