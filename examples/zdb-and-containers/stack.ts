// An app of two containers sharing a data disk, with two 0-db namespaces (one append-only, in
// seq mode) on the same node, in one deployment. Outputs the containers' addresses and where the
// namespaces answer.
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { Deployment, GridProvider, Network } from 'gridform';

export interface ZdbAndContainersProps {
  readonly node?: number;
  /** size of the cache namespace, GB */
  readonly cacheSize?: number;
  readonly workers?: number;
}

export class ZdbAndContainersStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: ZdbAndContainersProps = {}) {
    super(scope, id);
    const node = props.node ?? 1;
    new GridProvider(this, 'grid', { network: 'local' });
    const network = new Network(this, 'network', { name: 'app', nodes: [node], ipRange: '10.50.0.0/16' });
    const app = new Deployment(this, 'app', {
      node,
      name: 'app',
      networkName: network.name,
      disks: [{ name: 'shared', size: 10, description: 'files both containers see' }],
      zdbs: [
        { name: 'cache', size: props.cacheSize ?? 5, mode: 'user', password: 'change-me' },
        { name: 'log', size: 20, mode: 'seq', password: 'change-me' },
      ],
      containers: Array.from({ length: props.workers ?? 2 }, (_, i) => ({
        name: `worker${i + 1}`,
        flist: 'https://hub.grid.tf/tf-official-apps/redis-worker.flist',
        entrypoint: '/usr/bin/worker',
        cpu: 1,
        memory: 512,
        envVars: { ZDB_NAMESPACE: 'cache' },
        mounts: [{ name: 'shared', mountPoint: '/data' }],
      })),
    });
    new TerraformOutput(this, 'worker_ips', { value: Array.from({ length: props.workers ?? 2 }, (_, i) => app.containers.get(i).ip) });
    new TerraformOutput(this, 'cache_namespace', { value: app.zdbs.get(0).namespace });
    new TerraformOutput(this, 'cache_port', { value: app.zdbs.get(0).port });
  }
}
