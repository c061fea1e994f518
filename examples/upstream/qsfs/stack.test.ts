// Unit tests of the upstream qsfs port with cdktf's Testing matchers (no grid needed).
import { Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { Deployment } from 'gridform';
import { QsfsStack } from './stack';

Testing.setupJest();

describe('upstream qsfs stack', () => {
  const synth = () => Testing.synth(new QsfsStack(Testing.app(), 'qsfs'));
  type Doc = { resource: { grid_deployment: Record<string, { qsfs?: Record<string, unknown>[]; zdbs?: { mode: string }[] }> } };

  it('declares four user and four seq 0-db namespaces of 10 GB', () => {
    const doc = JSON.parse(synth()) as Doc;
    expect(doc.resource.grid_deployment.d1.zdbs!.map((z) => z.mode)).toEqual(['user', 'user', 'user', 'user', 'seq', 'seq', 'seq', 'seq']);
  });

  it('points the metadata at the user namespaces and the data group at the seq ones, by Yggdrasil address', () => {
    const qsfs = (JSON.parse(synth()) as Doc).resource.grid_deployment.qsfs.qsfs![0] as {
      metadata: { backends: { address: string }[] };
      groups: { backends: { namespace: string }[] }[];
    };
    expect(qsfs.metadata.backends[0].address).toBe(
      '${format("[%s]:%d", element(grid_deployment.d1.zdbs[0].ips, 1), grid_deployment.d1.zdbs[0].port)}',
    );
    expect(qsfs.groups[0].backends.map((b) => b.namespace)).toEqual([4, 5, 6, 7].map((i) => `\${grid_deployment.d1.zdbs[${i}].namespace}`));
  });

  it('mounts the qsfs into the VM by its name', () => {
    expect(synth()).toHaveResourceWithProperties(Deployment, {
      vms: [expect.objectContaining({ name: 'vm', mounts: [{ name: 'qsfs', mount_point: '/qsfs' }] })],
    });
  });
});
