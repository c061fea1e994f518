// Unit tests of the zdb-and-containers app with cdktf's Testing matchers (no grid needed).
import { Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { Deployment } from 'gridform';
import { ZdbAndContainersStack } from './stack';

Testing.setupJest();

describe('zdb-and-containers stack', () => {
  const synth = () => Testing.synth(new ZdbAndContainersStack(Testing.app(), 'zdb-and-containers'));

  it('declares two 0-db namespaces, one of them append-only', () => {
    expect(synth()).toHaveResourceWithProperties(Deployment, {
      zdbs: [expect.objectContaining({ name: 'cache', mode: 'user' }), expect.objectContaining({ name: 'log', mode: 'seq' })],
    });
  });

  it('runs two containers that mount the shared disk', () => {
    expect(synth()).toHaveResourceWithProperties(Deployment, {
      disks: [expect.objectContaining({ name: 'shared', size: 10 })],
      containers: [
        expect.objectContaining({ name: 'worker1', mounts: [{ name: 'shared', mount_point: '/data' }] }),
        expect.objectContaining({ name: 'worker2' }),
      ],
    });
  });

  it('outputs where the cache namespace answers', () => {
    const doc = JSON.parse(synth()) as { output: Record<string, { value: string }> };
    expect(doc.output.cache_namespace.value).toBe('${grid_deployment.app.zdbs[0].namespace}');
  });
});
