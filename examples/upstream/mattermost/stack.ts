// terraform-provider-grid's examples/resources/mattermost, ported to CDKTF: a mattermost VM with
// a mycelium seed, in a network with wireguard access and a mycelium key, published through a
// gateway name whose backend is the VM's mycelium address. Values as upstream's, except
// random_bytes became literal hex and file("~/.ssh/id_rsa.pub") a literal key. The scheduler is kept.
import { Fn, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { Deployment, GatewayDomain, GridProvider, NameProxy, Network, Scheduler } from 'gridform';

export const MYCELIUM_KEY = 'd4e5f60718293a4b5c6d7e8f90a1b2c3e0f1d2c3b4a5968778695a4b3c2d1e0f';
export const MYCELIUM_IP_SEED = '5b6c7d8e9fa0';
export const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMdC0c1xhBR4lsR9tNA3BcAvVzM2NK2N0j7nVzv1Oz5k user@example';

export class MattermostStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const solutionType = 'Mattermost';
    const name = 'ashrafmattermost';
    new GridProvider(this, 'grid', {});
    const sched = new Scheduler(this, 'sched', {
      requests: [
        { name: 'node', cru: 2, sru: 1 * 1024, mru: 4 * 1024, yggdrasil: false, wireguard: true },
        { name: 'gateway', publicConfig: true, publicIpsCount: 1, yggdrasil: false, wireguard: false },
      ],
    });
    const node = sched.nodes.lookup('node');
    const net1 = new Network(this, 'net1', {
      solutionType,
      name,
      nodes: [node],
      ipRange: '10.1.0.0/16',
      description: 'newer network',
      addWgAccess: true,
      myceliumKeys: { [Fn.format('%s', [node])]: MYCELIUM_KEY },
    });
    // upstream's comment: the data source breaks the cycle of a VM that needs its domain in its
    // init script and a gateway name that needs the VM's address as its backend
    const domain = new GatewayDomain(this, 'domain', { node: sched.nodes.lookup('gateway'), name });
    const d1 = new Deployment(this, 'd1', {
      solutionType,
      name,
      node,
      networkName: net1.name,
      vms: [
        {
          name: 'vm1',
          flist: 'https://hub.grid.tf/tf-official-apps/mattermost-latest.flist',
          cpu: 2,
          entrypoint: '/sbin/zinit init',
          memory: 4096,
          envVars: {
            SSH_KEY,
            DB_PASSWORD: 'ashroof',
            SITE_URL: Fn.format('https://%s', [domain.fqdn]),
            SMTPPASSWORD: 'password',
            SMTPUSERNAME: 'Ashraf',
            SMTPSERVER: 'smtp.gmail.com',
            SMTPPORT: '587',
          },
          myceliumIpSeed: MYCELIUM_IP_SEED,
        },
      ],
    });
    new NameProxy(this, 'p1', {
      solutionType,
      name,
      node: sched.nodes.lookup('gateway'),
      backends: [Fn.format('http://[%s]:8000', [d1.vms.get(0).myceliumIp])],
      tlsPassthrough: false,
    });
    new TerraformOutput(this, 'fqdn', { value: domain.fqdn });
    new TerraformOutput(this, 'node1_zmachine1_ip', { value: d1.vms.get(0).ip });
    new TerraformOutput(this, 'mycelium_ip', { value: d1.vms.get(0).myceliumIp });
  }
}
