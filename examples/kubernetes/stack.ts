// A k3s cluster: a master with a public IPv4 on node 1 and workers spread over nodes 1 and 2, on
// a private network across both. The workers join the master's private address with the token.
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { GridProvider, Kubernetes, Network } from 'gridform';

export interface KubernetesProps {
  readonly workers?: number;
  readonly masterMemory?: number;
}

export class KubernetesStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: KubernetesProps = {}) {
    super(scope, id);
    new GridProvider(this, 'grid', { network: 'local' });
    const network = new Network(this, 'network', { name: 'k8s', nodes: [1, 2], ipRange: '10.60.0.0/16' });
    const cluster = new Kubernetes(this, 'cluster', {
      networkName: network.name,
      // a real cluster takes its token from a secret (a TerraformVariable with sensitive: true)
      token: 'example-k3s-token',
      sshKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyForTheKubernetesExample user@example',
      master: { name: 'master', node: 1, cpu: 2, memory: props.masterMemory ?? 2048, diskSize: 20, publicip: true },
      workers: Array.from({ length: props.workers ?? 2 }, (_, i) => ({
        name: `worker${i + 1}`,
        node: 1 + (i % 2),
        cpu: 1,
        memory: 1024,
        diskSize: 10,
      })),
    });
    new TerraformOutput(this, 'master_ip', { value: cluster.master.ip });
    new TerraformOutput(this, 'master_public_ip', { value: cluster.master.computedip });
    new TerraformOutput(this, 'worker1_ip', { value: cluster.workers.get(0).ip });
  }
}
