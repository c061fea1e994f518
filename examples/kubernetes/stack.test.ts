// Unit tests of the kubernetes app with cdktf's Testing matchers (no grid needed).
import { Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { Kubernetes } from 'gridform';
import { KubernetesStack } from './stack';

Testing.setupJest();

describe('kubernetes stack', () => {
  const synth = () => Testing.synth(new KubernetesStack(Testing.app(), 'kubernetes'));

  it('puts the master on node 1 with a public IPv4', () => {
    expect(synth()).toHaveResourceWithProperties(Kubernetes, {
      master: expect.objectContaining({ name: 'master', node: 1, publicip: true, disk_size: 20 }),
    });
  });

  it('spreads the workers over nodes 1 and 2', () => {
    expect(synth()).toHaveResourceWithProperties(Kubernetes, {
      workers: [expect.objectContaining({ name: 'worker1', node: 1 }), expect.objectContaining({ name: 'worker2', node: 2 })],
    });
  });

  it('outputs the master addresses', () => {
    const doc = JSON.parse(synth()) as { output: Record<string, { value: string }> };
    expect(doc.output.master_ip.value).toBe('${grid_kubernetes.cluster.master.ip}');
  });
});
