// terraform-provider-grid's examples/resources/k8s, ported to CDKTF: a scheduler placing a master
// (public config, a public IPv4) and three workers on four distinct nodes, a network over those
// nodes with a mycelium key each, and a k3s cluster whose nodes each have a mycelium seed. Values
// as upstream's, except: random_bytes became literal hex and file("~/.ssh/id_rsa.pub") a literal
// key. The scheduler is kept: on the local grid it needs four nodes, two with a public config.
import { Fn, TerraformOutput, TerraformStack, Token } from 'cdktf';
import type { Construct } from 'constructs';
import { GridProvider, Kubernetes, Network, Scheduler } from 'gridform';

export const MASTER_MYCELIUM_KEY = '5b1f0c2e7d3a49868f7e6d5c4b3a29181f2e3d4c5b6a79880a1b2c3d4e5f6071';
export const WORKER1_MYCELIUM_KEY = '8c7b6a5948372615f4e3d2c1b0a99887766554433221100ffeeddccbbaa99887';
export const WORKER2_MYCELIUM_KEY = '2d4f6a8c0e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f';
export const WORKER3_MYCELIUM_KEY = '9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0';
export const MASTER_MYCELIUM_IP_SEED = '0a1b2c3d4e5f';
export const WORKER1_MYCELIUM_IP_SEED = '1b2c3d4e5f60';
export const WORKER2_MYCELIUM_IP_SEED = '2c3d4e5f6071';
export const WORKER3_MYCELIUM_IP_SEED = '3d4e5f607182';
export const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMdC0c1xhBR4lsR9tNA3BcAvVzM2NK2N0j7nVzv1Oz5k user@example';

export class K8sStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new GridProvider(this, 'grid', {});
    const request = (name: string) => ({ name, cru: 2, sru: 512, mru: 2048, distinct: true, yggdrasil: false, wireguard: true });
    const sched = new Scheduler(this, 'sched', {
      requests: [
        { ...request('master_node'), publicIpsCount: 1, publicConfig: true },
        request('worker1_node'),
        request('worker2_node'),
        request('worker3_node'),
      ],
    });
    const node = (request: string) => sched.nodes.lookup(request);
    const solutionType = 'kubernetes/mr';
    const name = 'myk8s';
    const net1 = new Network(this, 'net1', {
      name,
      nodes: Token.asNumberList(Fn.distinct(Fn.values(sched.nodes))),
      ipRange: '10.1.0.0/16',
      description: 'kubernetes network',
      addWgAccess: true,
      myceliumKeys: {
        [Fn.format('%s', [node('master_node')])]: MASTER_MYCELIUM_KEY,
        [Fn.format('%s', [node('worker1_node')])]: WORKER1_MYCELIUM_KEY,
        [Fn.format('%s', [node('worker2_node')])]: WORKER2_MYCELIUM_KEY,
        [Fn.format('%s', [node('worker3_node')])]: WORKER3_MYCELIUM_KEY,
      },
    });
    const worker = (request: string, workerName: string, seed: string) => ({
      diskSize: 2,
      node: node(request),
      name: workerName,
      cpu: 2,
      memory: 2048,
      myceliumIpSeed: seed,
    });
    const k8s1 = new Kubernetes(this, 'k8s1', {
      solutionType,
      name,
      networkName: net1.name,
      token: '12345678910122',
      sshKey: SSH_KEY,
      master: { ...worker('master_node', 'mr', MASTER_MYCELIUM_IP_SEED), publicip: true },
      workers: [
        worker('worker1_node', 'w0', WORKER1_MYCELIUM_IP_SEED),
        worker('worker2_node', 'w2', WORKER2_MYCELIUM_IP_SEED),
        worker('worker3_node', 'w3', WORKER3_MYCELIUM_IP_SEED),
      ],
    });
    new TerraformOutput(this, 'computed_master_public_ip', { value: k8s1.master.computedip });
    new TerraformOutput(this, 'computed_master_mycelium_ip', { value: k8s1.master.myceliumIp });
    new TerraformOutput(this, 'computed_worker1_mycelium_ip', { value: k8s1.workers.get(0).myceliumIp });
    new TerraformOutput(this, 'computed_worker2_mycelium_ip', { value: k8s1.workers.get(1).myceliumIp });
    new TerraformOutput(this, 'computed_worker3_mycelium_ip', { value: k8s1.workers.get(2).myceliumIp });
    // gridform marks access_wg_config sensitive (it holds the private key), so the output says so
    new TerraformOutput(this, 'wg_config', { value: net1.accessWgConfig, sensitive: true });
    new TerraformOutput(this, 'master_console_url', { value: k8s1.master.consoleUrl });
  }
}
