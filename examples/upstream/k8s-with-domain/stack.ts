// terraform-provider-grid's examples/resources/k8s-with-domain, ported to CDKTF: a k3s cluster
// (a master with a public IPv4 and three workers over two scheduled nodes) whose master is
// published through a gateway name on a third scheduled node. Values as upstream's, except
// file("~/.ssh/id_rsa.pub") became a literal key. The scheduler is kept; split("/", x)[0] is
// written Fn.element(Fn.split("/", x), 0).
import { Fn, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { GatewayDomain, GridProvider, Kubernetes, NameProxy, Network, Scheduler } from 'gridform';

export const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMdC0c1xhBR4lsR9tNA3BcAvVzM2NK2N0j7nVzv1Oz5k user@example';

export class K8sWithDomainStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const solutionType = 'Kubernetes';
    const name = 'mykubernetes';
    new GridProvider(this, 'grid', {});
    const sched = new Scheduler(this, 'sched', {
      requests: [
        { name: 'node1', cru: 4, mru: 4 * 1024, publicConfig: true, publicIpsCount: 1, yggdrasil: false, wireguard: false },
        { name: 'node2', cru: 2, mru: 2 * 1024, yggdrasil: false, wireguard: true },
        { name: 'gateway', publicConfig: true, publicIpsCount: 1, yggdrasil: false, wireguard: true },
      ],
    });
    const node = (request: string) => sched.nodes.lookup(request);
    const net1 = new Network(this, 'net1', {
      solutionType,
      name,
      nodes: [node('node1'), node('node2')],
      ipRange: '10.1.0.0/16',
      description: 'newer network',
      addWgAccess: true,
    });
    const k8s1 = new Kubernetes(this, 'k8s1', {
      solutionType,
      name,
      networkName: net1.name,
      token: '12345678910122',
      sshKey: SSH_KEY,
      master: { diskSize: 23, node: node('node1'), name: 'mr', cpu: 2, publicip: true, memory: 2048 },
      workers: [
        { diskSize: 15, node: node('node1'), name: 'w0', cpu: 2, memory: 2048 },
        { diskSize: 14, node: node('node2'), name: 'w2', cpu: 1, memory: 2048 },
        { diskSize: 13, node: node('node2'), name: 'w3', cpu: 1, memory: 2048 },
      ],
    });
    const domain = new GatewayDomain(this, 'domain', { node: node('gateway'), name: 'ashraf' });
    const masterPublicIp = Fn.element(Fn.split('/', k8s1.master.computedip), 0);
    new NameProxy(this, 'p1', {
      node: node('gateway'),
      name: 'ashraf',
      backends: [Fn.format('http://%s:443', [masterPublicIp])],
    });
    new TerraformOutput(this, 'computed_master_public_ip', { value: k8s1.master.computedip });
    new TerraformOutput(this, 'fqdn', { value: domain.fqdn });
    // gridform marks access_wg_config sensitive (it holds the private key), so the output says so
    new TerraformOutput(this, 'wg_config', { value: net1.accessWgConfig, sensitive: true });
  }
}
