// A stack kept by a pipeline: its state in PostgreSQL (so every CI runner and every engineer
// shares it, with a lock), a private network and a VM per entry of `sites`.
import { PgBackend, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { Deployment, GridProvider, Network } from 'gridform';

export interface GitopsProps {
  readonly node?: number;
  readonly sites?: readonly string[];
}

export class GitopsStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: GitopsProps = {}) {
    super(scope, id);
    const node = props.node ?? 1;
    // The connection string is not written into the configuration: gridform reads it from
    // PG_CONN_STR when conn_str is empty, so credentials stay in the CI secret store.
    new PgBackend(this, { connStr: '', schemaName: 'gridform_gitops' });
    new GridProvider(this, 'grid', { network: 'local' });
    const network = new Network(this, 'network', {
      name: 'gitops',
      nodes: [node],
      ipRange: '10.20.0.0/16',
      description: 'kept by the pipeline',
    });
    const deployment = new Deployment(this, 'web', {
      node,
      name: 'gitops-web',
      networkName: network.name,
      vms: (props.sites ?? ['www']).map((site) => ({
        name: site,
        flist: 'https://hub.grid.tf/tf-official-apps/base:latest.flist',
        entrypoint: '/sbin/zinit init',
        cpu: 1,
        memory: 512,
        rootfsSize: 1024,
      })),
    });
    new TerraformOutput(this, 'private_ip', { value: deployment.vms.get(0).ip });
  }
}
